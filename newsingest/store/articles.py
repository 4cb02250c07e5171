"""Reading stored articles back, whole: row by row, so a million of them stream in constant memory."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

from newsingest.models import Article
from newsingest.store.filters import ArticleFilter
from newsingest.store.rows import article_from_row
from newsingest.store.schema import ARTICLES, LINKS, QUOTES

ORDERS = {
    "published": "a.published is null, a.published desc, a.rowid desc",
    "stored": "a.rowid",
}


def article_rows(db: Database, filters: ArticleFilter, *, order: str = "published") -> Iterator[dict[str, Any]]:
    """Rows of the articles matching the filters, newest first (or in storing order), read lazily."""
    clauses, params = filters.where("a")
    where = f"where {' and '.join(clauses)}" if clauses else ""
    yield from db.query(f"select a.* from {ARTICLES} a {where} order by {ORDERS[order]}", params)


def parts_of(db: Database, url: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """An article's quote and link rows, in their order on the page."""
    quotes = list(db.query(f"select * from {QUOTES} where article_url = ? order by position", [url]))
    links = list(db.query(f"select * from {LINKS} where article_url = ? order by id", [url]))
    return quotes, links


def load_article(db: Database, row: dict[str, Any]) -> Article:
    return article_from_row(row, *parts_of(db, row["canonical_url"]))


def get_article(db: Database, canonical_url: str) -> Article | None:
    rows = list(db.query(f"select * from {ARTICLES} where canonical_url = ?", [canonical_url]))
    return load_article(db, rows[0]) if rows else None
