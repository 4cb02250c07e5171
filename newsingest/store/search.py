"""Ranked full-text search over stored articles (SQLite FTS5, bm25)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from newsingest.errors import QueryError, StoreError
from newsingest.store.filters import ArticleFilter
from newsingest.store.schema import ARTICLES, ARTICLES_FTS

# Matched words in a snippet are wrapped in these. Not « », which French and Swiss papers print as quote marks.
MARK_START = "⟦"
MARK_END = "⟧"

# bm25 weight of a headline match relative to a body match.
HEADLINE_WEIGHT = 5.0
SNIPPET_TOKENS = 24

# SQLite reports a bad MATCH expression with these; anything else is the database's fault, not the query's.
_QUERY_ERRORS = ("fts5:", "no such column", "unterminated string", "unknown special query")
_QUERY_HINT = 'FTS5 syntax: put words with punctuation in double quotes, e.g. "covid-19"'


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result.

    `snippet` is one line of the body around the match (the headline when only it matched), with each matched
    word wrapped in MARK_START and MARK_END. `rank` is the negated bm25 score: higher is more relevant.
    """

    url: str
    headline: str
    site: str
    published: str | None
    snippet: str
    rank: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "headline": self.headline,
            "site": self.site,
            "published": self.published,
            "snippet": self.snippet,
            "rank": self.rank,
        }


def search_articles(db: Database, query: str, filters: ArticleFilter, *, limit: int = 20) -> list[SearchHit]:
    """Articles matching an FTS5 query and the filters, best first (see `ArticleFilter`)."""
    if not query.strip():
        raise QueryError("malformed search query: it is empty")
    clauses, params = filters.where("a")
    where = [f"{ARTICLES_FTS} MATCH :query", *clauses]
    params.update({"query": query, "start": MARK_START, "end": MARK_END, "tokens": SNIPPET_TOKENS, "limit": limit})
    sql = f"""
        select a.canonical_url, a.headline, a.site, a.published,
            snippet({ARTICLES_FTS}, 1, :start, :end, '…', :tokens) as body_snippet,
            snippet({ARTICLES_FTS}, 0, :start, :end, '…', :tokens) as headline_snippet,
            bm25({ARTICLES_FTS}, {HEADLINE_WEIGHT}, 1.0) as score
        from {ARTICLES_FTS} join {ARTICLES} a on a.rowid = {ARTICLES_FTS}.rowid
        where {" and ".join(where)}
        order by score, a.published desc
        limit :limit
    """
    try:
        rows = list(db.query(sql, params))
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if message.startswith(_QUERY_ERRORS):
            raise QueryError(f"malformed search query: {message} ({_QUERY_HINT})") from exc
        raise StoreError(f"cannot search: {message}") from exc
    return [_hit(row) for row in rows]


def _hit(row: dict[str, Any]) -> SearchHit:
    snippet = row["body_snippet"] if MARK_START in row["body_snippet"] else row["headline_snippet"]
    return SearchHit(
        url=row["canonical_url"],
        headline=row["headline"],
        site=row["site"],
        published=row["published"],
        snippet=" ".join(snippet.split()),
        rank=-row["score"],
    )
