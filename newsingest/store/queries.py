"""The read side of the store: searches, quotes, links, histories, counts and runs, over its connection."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import Table

from newsingest.errors import StoreError
from newsingest.store import runs
from newsingest.store.filters import ArticleFilter
from newsingest.store.history import History, article_history
from newsingest.store.links import LinkTarget, find_link_targets
from newsingest.store.quotes import QuoteHit, find_quotes
from newsingest.store.schema import ARTICLES, HTTP_VALIDATORS, TABLES
from newsingest.store.search import SearchHit, search_articles


class Queries:
    """Read-only queries; `Store` adds the connection, the schema and writing."""

    path: str
    db: Database

    def _table(self, name: str) -> Table:
        return self.db.table(name)

    def recent_runs(self, limit: int = 10, site: str | None = None) -> list[dict[str, Any]]:
        """The latest crawl runs (of one site or spider, if given), newest first, JSON columns decoded."""
        try:
            return runs.recent_runs(self.db, limit, site)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc

    def validators(self, url: str) -> tuple[str | None, str | None, str | None]:
        """The ETag and Last-Modified last sent for `url`, and when (all None when never seen)."""
        rows = self._read(f"select etag, last_modified, checked from {HTTP_VALIDATORS} where url = ?", [url])
        return (rows[0]["etag"], rows[0]["last_modified"], rows[0]["checked"]) if rows else (None, None, None)

    def search(self, query: str, *, limit: int = 20, **filters: Any) -> list[SearchHit]:
        """Articles matching an FTS5 query, best first; `filters` are those of `ArticleFilter` (site, since, ...).

        Buffered rows are not seen.
        """
        return search_articles(self.db, query, ArticleFilter(**filters), limit=limit)

    def quotes(
        self,
        *,
        speaker: str | None = None,
        search: str | None = None,
        limit: int = 50,
        filters: ArticleFilter | None = None,
        **fields: Any,
    ) -> list[QuoteHit]:
        """Stored quotations by speaker (any form of the name) and words (FTS5 syntax), newest first.

        The articles they come from are narrowed by `filters`, or by ArticleFilter's `fields` (site, since, ...).
        """
        chosen = filters or ArticleFilter(**fields)
        return find_quotes(self.db, speaker=speaker, search=search, filters=chosen, limit=limit)

    def link_targets(
        self, *, section: str | None = None, site: str | None = None, since: dt.date | None = None, limit: int = 100
    ) -> list[LinkTarget]:
        """The stories stored sidebar lists point to, newest first (see `newsingest.store.links`)."""
        return find_link_targets(self.db, section=section, site=site, since=since, limit=limit)

    def history(self, url: str) -> History | None:
        """A story's versions, addresses and copies, found under any spelling of its URL."""
        try:
            return article_history(self.db, url)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc

    def count_duplicates(self) -> int:
        """Number of articles stored as copies of another story."""
        return int(self._read(f"select count(*) as n from {ARTICLES} where duplicate_of is not null")[0]["n"])

    def site_counts(self) -> list[tuple[str, int]]:
        """(site, number of articles) for every site, largest first."""
        rows = self._read(f"select site, count(*) as n from {ARTICLES} group by site order by n desc, site")
        return [(row["site"], row["n"]) for row in rows]

    def count(self, table: str = "articles") -> int:
        """Number of rows in one of the store's tables."""
        if table not in TABLES:
            raise StoreError(f"no table {table!r} in a newsingest database (tables: {', '.join(TABLES)})")
        try:
            return self._table(table).count
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc

    def _read(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        try:
            return list(self.db.query(sql, params))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc
