"""Which stored story an article is: by its address (any spelling of its URL) or by its body (exact or near copy)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from newsingest.dedupe import NEAR_DUPLICATE, band_keys, shingles, similarity
from newsingest.models import Article
from newsingest.store.schema import ARTICLE_URLS, ARTICLES, NEAR_KEYS
from newsingest.urls import url_key


def address_keys(article: Article) -> set[str]:
    """The identities of the addresses an article was seen under: its canonical URL and the URL fetched."""
    return {url_key(article.canonical_url), url_key(article.url)}


@dataclass(slots=True)
class Body:
    """What near-duplicate detection needs of one body, computed once."""

    text: str
    fingerprint: str
    # The story this body copies, once known.
    original: str | None = None
    shingles: frozenset[str] = field(init=False)
    keys: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.shingles = shingles(self.text)
        self.keys = band_keys(self.shingles)


def stored_address(db: Database, keys: Iterable[str]) -> str | None:
    """The canonical URL of the stored story known under any of these address keys."""
    keys = list(keys)
    if not keys:
        return None
    marks = ", ".join("?" for _ in keys)
    rows = list(db.query(f"select article_url from {ARTICLE_URLS} where url_key in ({marks}) limit 1", keys))
    return str(rows[0]["article_url"]) if rows else None


def address_last_seen(db: Database, url: str) -> str | None:
    """When the story stored under this address was last fetched; None when no story is."""
    rows = list(
        db.query(
            f"select a.last_seen from {ARTICLE_URLS} u join {ARTICLES} a on a.canonical_url = u.article_url "
            "where u.url_key = ?",
            [url_key(url)],
        )
    )
    return str(rows[0]["last_seen"]) if rows else None


def stored_original(db: Database, url: str, body: Body, pending: dict[str, Body]) -> str | None:
    """The first stored story whose body this one copies (the same text, or a near copy), if any.

    `pending` holds bodies buffered but not yet written, by canonical URL. The original of a copy of
    a copy is the first story, not the middle one. Copies of this very story do not count: an
    original that was edited after being copied is still the original.
    """
    exact = list(
        db.query(
            f"select canonical_url, duplicate_of from {ARTICLES} where fingerprint = ? and canonical_url != ? "
            "and (duplicate_of is null or duplicate_of != ?) order by first_seen, rowid limit 1",
            [body.fingerprint, url, url],
        )
    )
    if exact:
        return str(exact[0]["duplicate_of"] or exact[0]["canonical_url"])
    for other, waiting in pending.items():
        if other == url or waiting.original == url:
            continue
        if waiting.fingerprint == body.fingerprint or _near(body, waiting):
            return waiting.original or other
    if not body.keys:
        return None
    marks = ", ".join("?" for _ in body.keys)
    candidates = db.query(
        f"select a.canonical_url, a.duplicate_of, a.body from {ARTICLES} a where a.canonical_url in "
        f"(select distinct article_url from {NEAR_KEYS} where key in ({marks})) and a.canonical_url != ? "
        "order by a.first_seen, a.rowid",
        [*body.keys, url],
    )
    for row in candidates:
        if row["duplicate_of"] != url and similarity(body.shingles, shingles(row["body"])) >= NEAR_DUPLICATE:
            return str(row["duplicate_of"] or row["canonical_url"])
    return None


def _near(a: Body, b: Body) -> bool:
    return bool(set(a.keys) & set(b.keys)) and similarity(a.shingles, b.shingles) >= NEAR_DUPLICATE
