"""When an article was published and last modified, and how we know.

Sources in order of trust: the site's own selector, JSON-LD, meta tags, a `<time datetime>` by the
headline, the visible byline, the URL (`/2024/05/03/`), the date a feed or sitemap listed for the
URL, and last htmldate's wider search. Page chrome (a header showing today's date), sidebars,
comments and related lists never count: `date_candidates` skips them, and htmldate reads the page
without them.

Sources are read lazily: on most pages JSON-LD or meta tags settle both dates, and the visible page
is never searched.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from lxml import etree

from newsingest.dates import Dated, DateReader, Moment, to_utc
from newsingest.extraction.consensus import guess_date
from newsingest.extraction.generic import (
    date_candidates,
    in_page_furniture,
    story_region,
    update_candidates,
    url_date,
)
from newsingest.extraction.page import Page

# How many visible dates and <time> elements are looked at for the zone the page displays.
ZONE_EVIDENCE = 3


class DateFinder:
    """The dates of one page: `published`, `modified`, and the `zone` its displayed times are in."""

    def __init__(
        self,
        page: Page,
        headline_el: etree._Element | None,
        reader: DateReader,
        *,
        selectors: dict[str, Any],
        jsonld: dict[str, Any],
        meta: dict[str, Any],
        listed: Moment | str | None = None,
    ) -> None:
        self.page = page
        self.headline_el = headline_el
        self.reader = reader
        self.selectors = selectors
        self.jsonld = jsonld
        self.meta = meta
        self.listed = listed

    @cached_property
    def visible(self) -> list[tuple[str, str, str]]:
        return date_candidates(self.page, self.headline_el)

    @cached_property
    def published(self) -> Dated | None:
        return next(self._published_candidates(), None)

    @cached_property
    def modified(self) -> Dated | None:
        found = next(self._modified_candidates(), None)
        published = self.published
        if found is not None and published is not None and _before(found.value, published.value):
            return None  # a "modified" before publication is a template's placeholder or another story's
        return found

    @cached_property
    def zone(self) -> dt.tzinfo | None:
        """The UTC offset of the times the page displays, when the page itself shows it.

        Either a visible date by the headline names its zone ("16 March 2026, 08:20 CET"), or a
        machine-readable time with an offset shows the same wall-clock time as the visible text
        (`<time datetime="…T10:15:00Z">Mar 16, 2026 · 10:15</time>`, or JSON-LD against the byline).
        """
        if self.reader.zone is not None:
            return self.reader.zone
        reader = self.reader
        shown = [reader.find(raw) for raw, kind, _ in self.visible[:ZONE_EVIDENCE] if kind == "byline"]
        for found in shown:
            if found is not None and found.offset is not None and isinstance(found.value, dt.datetime):
                return dt.timezone(found.offset)
        pairs: list[tuple[Any, str]] = []
        for el in itertools.islice(self.page.tree.iter("time"), ZONE_EVIDENCE * 4):
            if el.get("datetime"):
                pairs.append((el.get("datetime"), el.text_content()))
        for raw in (self.jsonld.get("published"), self.meta.get("published")):
            pairs.extend((raw, found.raw) for found in shown if found is not None)
        for raw, text in pairs:
            stated = reader.read(raw) if isinstance(raw, str) else None
            if stated is None or stated.offset is None or not isinstance(stated.value, dt.datetime):
                continue
            seen = reader.find(text or "")
            wall = (stated.value + stated.offset).replace(tzinfo=None)
            shown_wall = seen.value if seen is not None and isinstance(seen.value, dt.datetime) else None
            if shown_wall is not None and shown_wall.tzinfo is None and _minute(shown_wall) == _minute(wall):
                return dt.timezone(stated.offset)
        return None

    def _read(self, raw: Any, source: str, *, find: bool = False) -> Dated | None:
        if not isinstance(raw, str) or not raw.strip():
            return None
        found = self.reader.find(raw) if find else self.reader.read(raw)
        if found is None and not find:
            found = self.reader.find(raw)  # "Published: 27.09.2022" in a meta tag or a selector's text
        return dataclasses.replace(found, source=source) if found else None

    def _published_candidates(self) -> Iterator[Dated]:
        """Every readable publication date, most trusted first, each read only when asked for."""
        for raw, source in (
            (self.selectors.get("published"), "selector"),
            (self.jsonld.get("published"), "jsonld"),
            (self.meta.get("published"), "meta"),
        ):
            if (found := self._read(raw, source)) is not None:
                yield found
        for raw, kind, role in self.visible:
            if role == "published" and (found := self._read(raw, kind, find=kind == "byline")) is not None:
                yield found
        if (found := self._read(url_date(self.page.url), "url")) is not None:
            yield found
        if (found := self._listed()) is not None:
            yield found
        if (found := self._read(guess_date(self._without_chrome()), "htmldate")) is not None:
            yield found

    def _modified_candidates(self) -> Iterator[Dated]:
        for raw, source in ((self.jsonld.get("modified"), "jsonld"), (self.meta.get("modified"), "meta")):
            if (found := self._read(raw, source)) is not None:
                yield found
        # The full visible search when it was made anyway; otherwise only update-marked markup.
        if "visible" in self.__dict__:
            updates = [(raw, kind) for raw, kind, role in self.visible if role == "modified"]
        else:
            updates = update_candidates(self.page, self.headline_el)
        for raw, kind in updates:
            if (found := self._read(raw, kind, find=kind == "byline")) is not None:
                yield found

    def _listed(self) -> Dated | None:
        listed = self.listed
        if listed is None or isinstance(listed, str):
            return self._read(listed, "listed")
        precision = "second" if isinstance(listed, dt.datetime) else "day"
        offset = listed.utcoffset() if isinstance(listed, dt.datetime) else None
        return Dated(to_utc(listed) or listed, listed.isoformat(), precision, "listed", offset)

    def _without_chrome(self) -> etree._Element:
        """A copy of the page without header, navigation, asides and footer, whose dates are never the article's."""
        story = story_region(self.headline_el)
        tree = self.page.tree
        twin_tree = copy.deepcopy(tree)
        chrome = [twin for el, twin in zip(tree.iter(), twin_tree.iter(), strict=True) if in_page_furniture(el, story)]
        for twin in chrome:
            parent = twin.getparent()
            if parent is not None:
                parent.remove(twin)
        return twin_tree


def in_zone(value: Moment | None, zone: dt.tzinfo) -> Moment | None:
    """A wall time (zone unknown) read in the zone the page showed elsewhere, as UTC; other values as they are."""
    if not isinstance(value, dt.datetime) or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=zone).astimezone(dt.UTC)


def dated_in_zone(found: Dated | None, zone: dt.tzinfo) -> Dated | None:
    if found is None or not isinstance(found.value, dt.datetime) or found.value.tzinfo is not None:
        return found
    local = found.value.replace(tzinfo=zone)
    return dataclasses.replace(found, value=local.astimezone(dt.UTC), offset=local.utcoffset())


def has_wall_time(value: Moment | None) -> bool:
    """A time of day whose zone is unknown."""
    return isinstance(value, dt.datetime) and value.tzinfo is None


def _minute(value: dt.datetime) -> dt.datetime:
    return value.replace(second=0, microsecond=0)


def _day(value: Moment) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _before(a: Moment, b: Moment) -> bool:
    """Whether `a` is clearly earlier than `b`, comparing days when either is a day or lacks a zone."""
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime) and a.tzinfo and b.tzinfo:
        return a < b
    return _day(a) < _day(b)
