"""A story's history: its earlier versions, the addresses it was seen under, and its copies elsewhere."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlite_utils import Database

from newsingest.store.identity import stored_address
from newsingest.store.schema import ARTICLE_URLS, ARTICLES, REVISIONS
from newsingest.urls import url_key


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a story: the current one has no `replaced` time."""

    headline: str
    words: int
    fingerprint: str
    fetched: str | None
    replaced: str | None = None


@dataclass(frozen=True, slots=True)
class Copy:
    url: str
    site: str
    headline: str
    first_seen: str


@dataclass(frozen=True, slots=True)
class History:
    url: str
    site: str
    first_seen: str
    duplicate_of: str | None
    addresses: list[str]
    versions: list[Version]
    copies: list[Copy]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def article_history(db: Database, url: str) -> History | None:
    """The history of the story stored under any spelling of `url`; None when no such story is stored."""
    canonical = stored_address(db, [url_key(url)])
    rows = list(db.query(f"select * from {ARTICLES} where canonical_url = ?", [canonical or url]))
    if not rows:
        return None
    row = rows[0]
    canonical = row["canonical_url"]
    earlier = db.query(
        f"select headline, body, fingerprint, fetched, replaced from {REVISIONS} where article_url = ? order by id",
        [canonical],
    )
    versions = [
        Version(r["headline"], len(r["body"].split()), r["fingerprint"], r["fetched"], r["replaced"]) for r in earlier
    ]
    versions.append(Version(row["headline"], len(row["body"].split()), row["fingerprint"], row["last_seen"]))
    copies = [
        Copy(r["canonical_url"], r["site"], r["headline"], r["first_seen"])
        for r in db.query(
            f"select canonical_url, site, headline, first_seen from {ARTICLES} where duplicate_of = ? "
            "order by first_seen",
            [canonical],
        )
    ]
    addresses = [
        r["url_key"]
        for r in db.query(f"select url_key from {ARTICLE_URLS} where article_url = ? order by url_key", [canonical])
    ]
    return History(canonical, row["site"], row["first_seen"], row["duplicate_of"], addresses, versions, copies)
