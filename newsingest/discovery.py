"""Where article URLs come from besides links: sitemaps and RSS/Atom feeds. Pure parsing, no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import feedparser
from lxml import etree

from newsingest.dates import DateReader
from newsingest.errors import ExtractionError

Moment = dt.datetime | dt.date
# Sitemaps and feeds write machine dates (W3C, RFC 822), in English when they name months.
_READER = DateReader()


@dataclass(frozen=True, slots=True)
class Entry:
    """One URL offered by a sitemap or feed, with what it says about the page.

    `published` is the publication date the listing gives (a news sitemap's `news:publication_date`,
    a feed item's date); `modified` the date it says the page last changed (`lastmod`, `updated`).
    """

    url: str
    published: Moment | None = None
    title: str | None = None
    modified: Moment | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: either an index of further sitemaps or a list of pages."""

    is_index: bool
    entries: tuple[Entry, ...]


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_sitemap(data: bytes) -> Sitemap:
    """Parse a sitemap, sitemap index or Google News sitemap (already decompressed)."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, remove_comments=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ExtractionError(f"not a sitemap: {exc}") from exc
    if root is None or _local(root.tag) not in ("urlset", "sitemapindex"):
        raise ExtractionError("not a sitemap: no <urlset> or <sitemapindex> root")
    entries = []
    for node in root:
        if _local(node.tag) not in ("url", "sitemap"):
            continue
        fields: dict[str, str] = {}
        for child in node.iter():
            name = _local(child.tag)
            if name and child.text and child.text.strip() and name not in fields:
                fields[name] = child.text.strip()
        if "loc" in fields:
            # lastmod is when the page last changed, not when it was published: kept apart.
            published = _READER.parse(fields.get("publication_date"))
            entries.append(Entry(fields["loc"], published, fields.get("title"), _READER.parse(fields.get("lastmod"))))
    return Sitemap(_local(root.tag) == "sitemapindex", tuple(entries))


def _feed_date(item: Any, name: str) -> Moment | None:
    # `in` first: feedparser answers a missing "updated" with "published", and a deprecation warning.
    value = _READER.parse(item[name]) if name in item else None
    stamp = item[f"{name}_parsed"] if f"{name}_parsed" in item else None  # noqa: SIM401 (see above)
    if value is None and stamp:
        # A date in a shape only feedparser knows; it gives UTC and drops a missing zone silently.
        value = dt.datetime(*stamp[:6]).replace(tzinfo=dt.UTC)
    return value


def parse_feed(data: bytes) -> tuple[list[Entry], str | None]:
    """Entries of an RSS or Atom feed, and the parser's complaint when the feed is broken.

    A broken feed still yields whatever entries could be read before the damage.
    """
    parsed = feedparser.parse(data)
    problem = str(parsed.bozo_exception) if parsed.get("bozo") else None
    entries = []
    for item in parsed.entries:
        url = item.get("link")
        if not url:
            continue
        published = _feed_date(item, "published") or _feed_date(item, "updated")
        entries.append(Entry(url, published, item.get("title"), _feed_date(item, "updated")))
    if not entries and problem:
        raise ExtractionError(f"broken feed: {problem}")
    return entries, problem
