"""The one way into the database: `Store` owns the connection, the schema, batching and transactions."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError, PrimaryKeyRequired

from newsingest.errors import StoreError
from newsingest.models import Article
from newsingest.store import runs
from newsingest.store.identity import Body, address_keys, address_last_seen, stored_address, stored_original
from newsingest.store.pending import Pending, earlier
from newsingest.store.queries import Queries
from newsingest.store.rows import article_row, link_rows, quote_rows, utc_now
from newsingest.store.schema import (
    ARTICLE_URLS,
    ARTICLES,
    HTTP_VALIDATORS,
    LINKS,
    NEAR_KEYS,
    QUOTES,
    REVISIONS,
    migrations,
)
from newsingest.urls import url_key

# "duplicate": stored as its own row, with duplicate_of naming the story it copies.
SaveStatus = Literal["new", "updated", "unchanged", "duplicate"]

# Errors that condemn one article rather than the database: the batch is retried without that article.
_ARTICLE_ERRORS = (
    sqlite3.IntegrityError,
    sqlite3.InterfaceError,
    sqlite3.ProgrammingError,
    sqlite3.DataError,
    NotFoundError,
    PrimaryKeyRequired,
    TypeError,
    ValueError,
)


class Store(Queries):
    """A newsingest SQLite database: articles with their quotes and links, crawl runs, full-text search."""

    def __init__(self, path: str | os.PathLike[str], *, batch_size: int = 50, readonly: bool = False) -> None:
        self.path = os.fspath(path)
        self.batch_size = max(1, batch_size)
        self.readonly = readonly
        self._pending: dict[str, Pending] = {}
        # (former original, new original) pairs to apply at the next flush.
        self._repoints: list[tuple[str, str]] = []
        # HTTP validators to write with the next batch, by URL.
        self._validators: dict[str, dict[str, Any]] = {}
        self.db = self._open()

    def _open(self) -> Database:
        if self.readonly and not os.path.isfile(self.path):
            raise StoreError(f"cannot open database {self.path}: no such file")
        try:
            if self.readonly:
                conn = sqlite3.connect(Path(self.path).resolve().as_uri() + "?mode=ro", uri=True)
            else:
                conn = sqlite3.connect(self.path)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        try:
            db = Database(conn)
            # The first read of the file: this is where "file is not a database" surfaces.
            tables = db.table_names()
            if not self.readonly:
                db.enable_wal()
                migrations.apply(db)
                # After migrations, so a future migration that rebuilds a table does not cascade-delete its children.
                db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        if self.readonly and ARTICLES not in tables:
            conn.close()
            raise StoreError(f"cannot open database {self.path}: it holds no newsingest tables")
        if self.readonly and migrations.pending(db):
            # A database from an older newsingest: bring its schema up to date once, then read it.
            conn.close()
            Store(self.path).close()
            return self._open()
        return db

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Write what is buffered, then close the connection (even when that write fails)."""
        try:
            self.flush()
        finally:
            self.db.close()

    def _require_writable(self) -> None:
        if self.readonly:
            raise StoreError(f"database {self.path} is open read-only")

    # Crawl runs

    def start_run(self, spider: str, args: dict[str, Any], site: str | None = None) -> int:
        """Record the start of a crawl; returns the run id to pass to `save` and `finish_run`."""
        self._require_writable()
        try:
            return runs.start_run(self.db, spider, args, site)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot record crawl run in {self.path}: {exc}") from exc

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        """Record the end of a crawl: its status, its figures as columns and its full stats (see `store.runs`)."""
        self._require_writable()
        try:
            runs.finish_run(self.db, run_id, status, stats)
        except NotFoundError as exc:
            raise StoreError(f"no crawl run {run_id} in {self.path}") from exc
        except sqlite3.Error as exc:
            raise StoreError(f"cannot record crawl run in {self.path}: {exc}") from exc

    # HTTP validators

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Keep what a server sent to tell a page's version, written with the next batch of articles.

        Written in the same transaction as the article read from that page: a crawl killed before
        the article is stored must not find the page "not modified" the next time.
        """
        self._require_writable()
        self._validators[url] = {"url": url, "etag": etag, "last_modified": last_modified, "checked": utc_now()}
        if len(self._pending) + len(self._validators) >= self.batch_size:
            self.flush()

    def validators(self, url: str) -> tuple[str | None, str | None, str | None]:
        waiting = self._validators.get(url)
        if waiting is not None:
            return waiting["etag"], waiting["last_modified"], waiting["checked"]
        return super().validators(url)

    # Articles

    def save(self, article: Article, run_id: int | None = None) -> SaveStatus:
        """Buffer an article for writing; says whether it is new, a copy of a stored story, changed, or the same.

        Every spelling of a stored story's address (tracking parameters, AMP and mobile hosts, print
        views) lands in that story's row. A syndicated or lightly edited copy at another address gets
        its own row, with `duplicate_of` naming the first; a changed headline or body keeps the
        previous version in `article_revisions`.
        """
        self._require_writable()
        keys = address_keys(article)
        known = self._known_address(keys)
        if known is not None and known != article.canonical_url:
            article = replace(article, canonical_url=known)
        url = article.canonical_url
        now = utc_now()
        before = self._pending.get(url) or self._stored(url)
        status: SaveStatus
        if before is not None and before.same_content(article):
            self._touch(url, before, now, run_id, keys)
            status = "unchanged"
        else:
            entry = self._buffer(article, before, now, run_id, keys)
            status = "new" if before is None else "updated"
            if before is None and entry.duplicate_of is not None:
                status = "duplicate"
        if len(self._pending) >= self.batch_size:
            self.flush()
        return status

    def touch(self, url: str, run_id: int | None = None) -> SaveStatus:
        """Record that the story stored under this address was seen again, unchanged (a 304 answer)."""
        self._require_writable()
        known = self._known_address({url_key(url)})
        before = (self._pending.get(known) or self._stored(known)) if known else None
        if known is None or before is None:
            raise StoreError(f"no stored story at {url}")
        self._touch(known, before, utc_now(), run_id, set())
        if len(self._pending) >= self.batch_size:
            self.flush()
        return "unchanged"

    def _known_address(self, keys: set[str]) -> str | None:
        for url, pending in self._pending.items():
            if pending.keys & keys:
                return url
        return stored_address(self.db, keys)

    def _touch(self, url: str, before: Pending, now: str, run_id: int | None, keys: set[str]) -> None:
        pending = self._pending.setdefault(url, replace(before, row={}, touch=True, near=None, revision=None))
        pending.row["last_seen"] = now
        pending.keys |= keys
        if run_id is not None:
            pending.row["crawl_run_id"] = run_id

    def _buffer(
        self, article: Article, before: Pending | None, now: str, run_id: int | None, keys: set[str]
    ) -> Pending:
        first_seen = before.first_seen if before is not None else now
        row = article_row(article, first_seen=first_seen, seen=now, run_id=run_id)
        if run_id is None and before is not None and "crawl_run_id" in before.row:
            row["crawl_run_id"] = before.row["crawl_run_id"]
        url = article.canonical_url
        near = None
        duplicate_of = before.duplicate_of if before is not None else None
        if before is None or before.fingerprint != row["fingerprint"]:
            near = Body(article.body, row["fingerprint"])
            waiting = {u: p.near for u, p in self._pending.items() if p.near is not None and u != url}
            duplicate_of = stored_original(self.db, url, near, waiting)
            if duplicate_of is not None and earlier(row["published"], self._published(duplicate_of)):
                # Found later but published first: this is the original, and the copies point here.
                self._make_original(url, duplicate_of)
                duplicate_of = None
            near.original = duplicate_of
        row["duplicate_of"] = duplicate_of
        revision = None
        if before is not None and (before.headline != article.headline or before.fingerprint != row["fingerprint"]):
            revision = before.revision_row(url, replaced=now, run_id=run_id)
        previous = self._pending.get(url)
        entry = Pending(
            row=row,
            quotes=quote_rows(article),
            links=link_rows(article),
            headline=article.headline,
            body=article.body,
            published=row["published"],
            first_seen=first_seen,
            last_seen=now,
            fingerprint=row["fingerprint"],
            content_hash=row["content_hash"],
            duplicate_of=duplicate_of,
            keys=keys | (previous.keys if previous is not None else set()),
            near=near or (previous.near if previous is not None else None),
            # Two changes in one batch: the stored version is the one to keep.
            revision=(previous.revision if previous is not None and previous.revision else revision),
        )
        self._pending[url] = entry
        return entry

    def _published(self, url: str) -> str | None:
        pending = self._pending.get(url)
        if pending is not None and not pending.touch:
            return pending.published
        rows = self._read(f"select published from {ARTICLES} where canonical_url = ?", [url])
        return rows[0]["published"] if rows else None

    def _make_original(self, url: str, former: str) -> None:
        """`url` takes over from `former` as the story the others copy, in the buffer now and in the table at flush."""
        self._repoints.append((former, url))
        for other, pending in self._pending.items():
            if other == former or pending.duplicate_of == former:
                pending.duplicate_of = url
                if not pending.touch:
                    pending.row["duplicate_of"] = url
                if pending.near is not None:
                    pending.near.original = url

    def _forget_original(self, url: str) -> None:
        """An article that could not be written cannot be the original of others: they point back where they did."""
        for former, original in [pair for pair in self._repoints if pair[1] == url]:
            self._repoints.remove((former, original))
            for other, pending in self._pending.items():
                if pending.duplicate_of == url:
                    restored = None if other == former else former
                    pending.duplicate_of = restored
                    if not pending.touch:
                        pending.row["duplicate_of"] = restored
                    if pending.near is not None:
                        pending.near.original = restored

    def _stored(self, url: str) -> Pending | None:
        """What the database holds for an article, shaped like a pending entry so `save` can compare either."""
        rows = self._read(
            f"select headline, body, published, first_seen, last_seen, fingerprint, content_hash, duplicate_of "
            f"from {ARTICLES} where canonical_url = ?",
            [url],
        )
        if not rows:
            return None
        stored = rows[0]
        return Pending(row={}, quotes=None, links=None, **stored)

    def flush(self) -> None:
        """Write buffered articles in one transaction; on failure nothing is written and StoreError names the URL."""
        if not self._pending and not self._validators:
            return
        entries = list(self._pending.items())
        current: str | None = None
        try:
            with self.db.atomic():
                for url, entry in entries:
                    current = url
                    self._write(url, entry)
                current = None
                if self._validators:
                    self._table(HTTP_VALIDATORS).upsert_all(list(self._validators.values()), pk="url")
                for former, original in self._repoints:
                    self.db.execute(
                        f"update {ARTICLES} set duplicate_of = ? where (canonical_url = ? or duplicate_of = ?) "
                        "and canonical_url != ?",
                        [original, former, former, original],
                    )
        except (sqlite3.Error, NotFoundError, PrimaryKeyRequired, TypeError, ValueError) as exc:
            if current is None:
                raise StoreError(f"cannot store {len(entries)} articles in {self.path}: {exc}") from exc
            # The other articles stay buffered for the next flush; a broken database keeps them all.
            if isinstance(exc, _ARTICLE_ERRORS):
                del self._pending[current]
                self._forget_original(current)
            raise StoreError(f"cannot store {current}: {exc}") from exc
        self._pending.clear()
        self._repoints.clear()
        self._validators.clear()

    def _write(self, url: str, entry: Pending) -> None:
        articles = self._table(ARTICLES)
        if entry.touch:
            articles.update(url, entry.row)
        else:
            articles.upsert(entry.row, pk="canonical_url")
            for table, rows in ((QUOTES, entry.quotes), (LINKS, entry.links)):
                self._table(table).delete_where("article_url = ?", [url])
                if rows:
                    self._table(table).insert_all(rows)
            if entry.revision is not None:
                self._table(REVISIONS).insert(entry.revision)
            if entry.near is not None:
                self.db.execute(f"delete from {NEAR_KEYS} where article_url = ?", [url])
                self.db.conn.executemany(
                    f"insert or ignore into {NEAR_KEYS} (key, article_url) values (?, ?)",
                    [(key, url) for key in entry.near.keys],
                )
        self.db.conn.executemany(
            f"insert or ignore into {ARTICLE_URLS} (url_key, article_url) values (?, ?)",
            [(key, url) for key in sorted(entry.keys)],
        )

    def contains(self, canonical_url: str) -> bool:
        """Whether an article with this canonical URL is stored or waiting to be."""
        if canonical_url in self._pending:
            return True
        return bool(self._read(f"select 1 from {ARTICLES} where canonical_url = ?", [canonical_url]))

    def has_address(self, url: str) -> bool:
        """Whether a story is stored (or waiting to be) under any spelling of this URL: a crawl need not fetch it."""
        return self.last_seen(url) is not None

    def last_seen(self, url: str) -> str | None:
        """When the story stored under any spelling of this URL was last fetched; None when it is not stored."""
        key = url_key(url)
        for pending in self._pending.values():
            if key in pending.keys:
                return pending.last_seen or pending.row.get("last_seen") or utc_now()
        try:
            return address_last_seen(self.db, url)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc
