"""Finding stored quotations: by speaker (tolerant of name forms), by words, by site and date."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from newsingest.errors import QueryError, StoreError
from newsingest.store.schema import ARTICLES, QUOTES, QUOTES_FTS

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """One stored quotation with the article it comes from."""

    text: str
    speaker: str | None
    speaker_raw: str | None
    cue: str | None
    kind: str
    url: str
    headline: str
    site: str
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def speaker_match(name: str) -> str:
    """An FTS5 expression for a speaker: every word of the name, in any form, so "Price" finds "Ned Price"."""
    words = _WORD.findall(name)
    if not words:
        raise QueryError(f"not a speaker's name: {name!r}")
    return "speaker : (" + " AND ".join(f'"{w}"' for w in words) + ")"


def find_quotes(
    db: Database,
    *,
    speaker: str | None = None,
    search: str | None = None,
    site: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 50,
    include_duplicates: bool = False,
) -> list[QuoteHit]:
    """Quotations matching every filter given, newest article first; copies of a stored story left out unless asked."""
    match = []
    if speaker:
        match.append(speaker_match(speaker))
    if search:
        match.append(f"text : ({search})")
    where: list[str] = [] if include_duplicates else ["a.duplicate_of is null"]
    params: dict[str, Any] = {"limit": limit}
    if match:
        where.append(f"q.id in (select rowid from {QUOTES_FTS} where {QUOTES_FTS} match :match)")
        params["match"] = " AND ".join(match)
    if site:
        where.append("a.site = :site")
        params["site"] = site.lower().removeprefix("www.")
    if since:
        where.append("a.published >= :since")
        params["since"] = since.isoformat()
    if until:
        where.append("a.published < :before")
        params["before"] = (until + dt.timedelta(days=1)).isoformat()
    sql = f"""
        select q.text, q.speaker, q.speaker_raw, q.cue, q.kind,
               a.canonical_url as url, a.headline, a.site, a.published
        from {QUOTES} q join {ARTICLES} a on a.canonical_url = q.article_url
        {"where " + " and ".join(where) if where else ""}
        order by a.published desc, a.canonical_url, q.position
        limit :limit
    """
    try:
        return [QuoteHit(**row) for row in db.query(sql, params)]
    except sqlite3.OperationalError as exc:
        if str(exc).startswith(("fts5:", "no such column", "unterminated string")):
            raise QueryError(f"malformed search query: {exc}") from exc
        raise StoreError(f"cannot read quotes: {exc}") from exc
