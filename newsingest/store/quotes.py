"""Finding stored quotations: by speaker (tolerant of name forms), by words, by site and date."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from newsingest.errors import QueryError, StoreError
from newsingest.store.filters import ArticleFilter, speaker_match
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


def find_quotes(
    db: Database,
    *,
    speaker: str | None = None,
    search: str | None = None,
    filters: ArticleFilter | None = None,
    limit: int = 50,
) -> list[QuoteHit]:
    """Quotations by a speaker and with words (FTS5 syntax), from articles matching the filters, newest first."""
    if search is not None and not search.strip():
        raise QueryError("malformed search query: it is empty")
    match = []
    if speaker:
        match.append(speaker_match(speaker))
    if search:
        match.append(f"text : ({search})")
    where, params = (filters or ArticleFilter()).where("a")
    params["limit"] = limit
    if match:
        where.append(f"q.id in (select rowid from {QUOTES_FTS} where {QUOTES_FTS} match :match)")
        params["match"] = " AND ".join(match)
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
