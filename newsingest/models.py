"""The values newsingest produces: articles, their quotes and their links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

Moment = dt.datetime | dt.date


def iso(value: Moment | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and who said it."""

    text: str
    speaker: str | None = None
    speaker_raw: str | None = None
    cue: str | None = None
    paragraph: int | None = None
    kind: str = "direct"

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Link:
    """An item of a link list around the article, such as "Latest news" or "Related".

    `section` is the list's own label; `position` the item's place in that list, from 0.
    """

    url: str
    title: str
    published: Moment | None = None
    published_raw: str | None = None
    section: str | None = None
    position: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "published": iso(self.published),
            "published_raw": self.published_raw,
            "section": self.section,
            "position": self.position,
        }


@dataclass(frozen=True, slots=True)
class NotModified:
    """A stored story's page, fetched again, that the server answered 304 Not Modified: it is unchanged."""

    url: str


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from one page.

    `published` and `modified` are aware UTC datetimes when the page gives a time and its zone is
    known (stated, or configured for the site); naive datetimes, the wall time as printed, when the
    zone is unknown; dates when the page gives only the day. Each keeps its raw text, its source
    (selector, jsonld, meta, time, byline, url, listed, htmldate) and its precision (day, hour,
    minute, second). `sources` tells, for each field, which source won it.
    """

    url: str
    canonical_url: str
    headline: str
    body: str
    paragraphs: tuple[str, ...]
    published: Moment | None = None
    published_raw: str | None = None
    published_source: str | None = None
    published_precision: str | None = None
    modified: Moment | None = None
    modified_raw: str | None = None
    modified_source: str | None = None
    modified_precision: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    description: str | None = None
    site_name: str | None = None
    image: str | None = None
    quotes: tuple[Quote, ...] = ()
    links: tuple[Link, ...] = ()
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values: dates as ISO 8601 strings, tuples as lists."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif f.name in ("quotes", "links"):
                value = [item.to_dict() for item in value]
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, dict):
                value = dict(value)
            out[f.name] = value
        return out
