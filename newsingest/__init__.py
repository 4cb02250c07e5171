"""newsingest: news pages in, a queryable SQLite database out."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from newsingest.errors import ExtractionError, NotAnArticle
from newsingest.models import Article, Link, Quote

if TYPE_CHECKING:
    import os

    from newsingest.database import NewsDatabase
    from newsingest.extraction.site import SiteRules

__all__ = ["Article", "ExtractionError", "Link", "NotAnArticle", "Quote", "SiteRules", "extract", "open"]
__version__ = "0.1.0"


def extract(
    html: bytes | str,
    url: str,
    *,
    site: SiteRules | dict[str, Any] | None = None,
    fetched: dt.datetime | None = None,
    content_type: str | None = None,
    listed: dt.datetime | dt.date | str | None = None,
) -> Article:
    """Read one article page: see newsingest.extraction.extract.

    The extractor's dependencies load on first use, so commands that only query the database start fast.
    """
    from newsingest.extraction import extract as extract_article

    return extract_article(html, url, site=site, fetched=fetched, content_type=content_type, listed=listed)


def open(path: str | os.PathLike[str]) -> NewsDatabase:
    """Open a newsingest database for reading: search, articles, quotes, links (see newsingest.database)."""
    from newsingest.database import open as open_database

    return open_database(path)


def __getattr__(name: str) -> Any:
    if name == "SiteRules":
        from newsingest.extraction.site import SiteRules

        return SiteRules
    raise AttributeError(f"module 'newsingest' has no attribute {name!r}")
