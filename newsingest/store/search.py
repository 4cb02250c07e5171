"""Ranked full-text search over stored articles (SQLite FTS5, bm25)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from newsingest.errors import QueryError, StoreError
from newsingest.store.filters import ArticleFilter
from newsingest.store.schema import ARTICLES, ARTICLES_FTS, FTS_TOKENIZE

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


def check_query(query: str) -> None:
    """Raise QueryError for a query FTS5 cannot read, without a database: on an empty in-memory index."""
    if not query.strip():
        raise QueryError("malformed search query: it is empty")
    with sqlite3.connect(":memory:") as conn:
        conn.execute(f"create virtual table probe using fts5(headline, body, tokenize='{FTS_TOKENIZE}')")
        try:
            conn.execute("select * from probe where probe match ?", [query]).fetchall()
        except sqlite3.OperationalError as exc:
            raise QueryError(f"malformed search query {query!r}: {exc} ({_QUERY_HINT})") from exc


def search_articles(db: Database, query: str, filters: ArticleFilter, *, limit: int = 20) -> list[SearchHit]:
    """Articles matching an FTS5 query and the filters, best first (see `ArticleFilter`)."""
    if not query.strip():
        raise QueryError("malformed search query: it is empty")
    clauses, params = filters.where("a")
    params.update({"query": query, "start": MARK_START, "end": MARK_END, "tokens": SNIPPET_TOKENS, "limit": limit})
    try:
        # Most searches are decided by the full-text index alone: rank there first, then read only the
        # best rows of the wide articles table. Only when the filters reject too many is the full join needed.
        narrow = any(getattr(filters, name) for name in ("site", "since", "until", "author", "speaker", "matching"))
        rows = None if narrow else _best_first(db, clauses, params, limit)
        if rows is None:
            rows = list(db.query(_joined_sql(clauses), params))
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if message.startswith(_QUERY_ERRORS):
            raise QueryError(f"malformed search query {query!r}: {message} ({_QUERY_HINT})") from exc
        raise StoreError(f"cannot search: {message}") from exc
    return [_hit(row) for row in rows]


_SELECT = f"""a.canonical_url, a.headline, a.site, a.published,
    snippet({ARTICLES_FTS}, 1, :start, :end, '…', :tokens) as body_snippet,
    snippet({ARTICLES_FTS}, 0, :start, :end, '…', :tokens) as headline_snippet,
    bm25({ARTICLES_FTS}, {HEADLINE_WEIGHT}, 1.0) as score"""
# How many index hits the fast path ranks for each result asked for.
OVERFETCH = 5


def _joined_sql(clauses: list[str], extra: str = "") -> str:
    where = " and ".join([f"{ARTICLES_FTS} MATCH :query", *clauses]) + extra
    return f"""select {_SELECT} from {ARTICLES_FTS} join {ARTICLES} a on a.rowid = {ARTICLES_FTS}.rowid
        where {where} order by score, a.published desc limit :limit"""


def _best_first(db: Database, clauses: list[str], params: dict[str, Any], limit: int) -> list[dict[str, Any]] | None:
    """The results among the index's best `OVERFETCH * limit` matches; None when those may not be enough."""
    wanted = max(OVERFETCH * limit, 100)
    scores = {
        row["rowid"]: row["score"]
        for row in db.query(
            f"select rowid, bm25({ARTICLES_FTS}, {HEADLINE_WEIGHT}, 1.0) as score from {ARTICLES_FTS} "
            f"where {ARTICLES_FTS} MATCH :query order by score limit {wanted}",
            {"query": params["query"]},
        )
    }
    if not scores:
        return []
    ids = ", ".join(str(int(rowid)) for rowid in scores)
    where = " and ".join([f"a.rowid in ({ids})", *clauses])
    columns = "a.rowid as id, a.canonical_url, a.headline, a.site, a.published"
    found = list(db.query(f"select {columns} from {ARTICLES} a where {where}", params))
    if len(found) < limit and len(scores) == wanted:
        return None  # the filters rejected too many of the best matches: rank all of them
    found.sort(key=lambda row: row["published"] or "", reverse=True)
    found.sort(key=lambda row: scores[row["id"]])
    best = found[:limit]
    for row in best:
        row["score"] = scores[row["id"]]
        row.update(
            next(
                db.query(
                    f"select snippet({ARTICLES_FTS}, 1, :start, :end, '…', :tokens) as body_snippet, "
                    f"snippet({ARTICLES_FTS}, 0, :start, :end, '…', :tokens) as headline_snippet "
                    f"from {ARTICLES_FTS} where {ARTICLES_FTS} MATCH :query and rowid = :id",
                    {**params, "id": row["id"]},
                )
            )
        )
    return best


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
