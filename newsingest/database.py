"""The Python API for a newsingest database, for notebooks and scripts.

    import newsingest

    with newsingest.open("news.db") as db:
        for article in db.search('"peace talks"', since="2024-01-01"):
            print(article.published, article.headline)
        for quote, article in db.quotes("Price", search="ceasefire"):
            print(quote.speaker, quote.text, article.canonical_url)

Everything comes back as the objects extraction produces (`Article`, `Quote`, `Link`), read from the
database; the database is opened read-only, so a crawl may write to it meanwhile.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from types import TracebackType
from typing import Any, NamedTuple

from newsingest.models import Article, Quote
from newsingest.store import Store
from newsingest.store.articles import article_rows, get_article, load_article
from newsingest.store.filters import ArticleFilter
from newsingest.store.history import History
from newsingest.store.identity import stored_address
from newsingest.store.links import LinkTarget
from newsingest.urls import url_key

Day = dt.date | str | None


class Quoted(NamedTuple):
    """A quotation and the article it is in."""

    quote: Quote
    article: Article


def _day(value: Day) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"a day is a date or a YYYY-MM-DD string, not {value!r}") from None


class NewsDatabase:
    """Queries over one newsingest database. Filters everywhere: site, since, until, author, speaker, all."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.store = Store(path, readonly=True)

    def __enter__(self) -> NewsDatabase:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def _filter(
        self,
        site: str | None,
        since: Day,
        until: Day,
        author: str | None,
        speaker: str | None,
        include_duplicates: bool,
    ) -> ArticleFilter:
        return ArticleFilter(site, _day(since), _day(until), author, speaker, include_duplicates)

    def search(
        self,
        query: str,
        *,
        site: str | None = None,
        since: Day = None,
        until: Day = None,
        author: str | None = None,
        speaker: str | None = None,
        include_duplicates: bool = False,
        limit: int = 20,
    ) -> list[Article]:
        """Articles matching a full-text query (FTS5 syntax: words, "a phrase", prefix*), best match first."""
        filters = self._filter(site, since, until, author, speaker, include_duplicates)
        hits = self.store.search(query, limit=limit, **_as_kwargs(filters))
        return [article for hit in hits if (article := get_article(self.store.db, hit.url)) is not None]

    def articles(
        self,
        *,
        site: str | None = None,
        since: Day = None,
        until: Day = None,
        author: str | None = None,
        speaker: str | None = None,
        include_duplicates: bool = False,
    ) -> Iterator[Article]:
        """Every article matching the filters, newest first, read one at a time."""
        filters = self._filter(site, since, until, author, speaker, include_duplicates)
        for row in article_rows(self.store.db, filters):
            yield load_article(self.store.db, row)

    def article(self, url: str) -> Article | None:
        """The stored article at any spelling of its address (tracking parameters, AMP, mobile host)."""
        canonical = stored_address(self.store.db, [url_key(url)]) or url
        return get_article(self.store.db, canonical)

    def quotes(
        self,
        speaker: str | None = None,
        *,
        search: str | None = None,
        site: str | None = None,
        since: Day = None,
        until: Day = None,
        include_duplicates: bool = False,
        limit: int = 100,
    ) -> list[Quoted]:
        """Quotations by a speaker ("Price" finds Ned Price) and/or with words, newest article first."""
        filters = self._filter(site, since, until, None, None, include_duplicates)
        hits = self.store.quotes(speaker=speaker, search=search, limit=limit, filters=filters)
        articles: dict[str, Article | None] = {}
        found = []
        for hit in hits:
            if hit.url not in articles:
                articles[hit.url] = get_article(self.store.db, hit.url)
            article = articles[hit.url]
            quote = next((q for q in article.quotes if q.text == hit.text), None) if article else None
            if article is not None and quote is not None:
                found.append(Quoted(quote, article))
        return found

    def links(
        self, *, section: str | None = None, site: str | None = None, since: Day = None, limit: int = 100
    ) -> list[LinkTarget]:
        """The stories the sites' link lists ("Latest news", "Related") point to, newest first."""
        return self.store.link_targets(section=section, site=site, since=_day(since), limit=limit)

    def history(self, url: str) -> History | None:
        """A story's earlier versions, the addresses it was fetched under, and its copies elsewhere."""
        return self.store.history(url)

    def sql(self, query: str, params: dict[str, Any] | list[Any] | None = None) -> list[dict[str, Any]]:
        """Any read-only SQL, for what the methods do not cover (the views article_overview, quote_overview help)."""
        return list(self.store.db.query(query, params or {}))


def _as_kwargs(filters: ArticleFilter) -> dict[str, Any]:
    return {name: getattr(filters, name) for name in ArticleFilter.__slots__}


def open(path: str | os.PathLike[str]) -> NewsDatabase:
    """Open a newsingest database for reading."""
    return NewsDatabase(path)
