"""Listing pages (section fronts, archives, their later pages): the stories they list, and the next page.

A backfill walks a site's listings back in time; it needs each story's address and, where the listing
shows one, its date (to stop paging once the listing is older than the range), and the link to the
next, older page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newsingest.dates import DateReader, date_order_for, language_codes
from newsingest.extraction.blocks import is_hidden
from newsingest.extraction.generic import url_date
from newsingest.extraction.page import Page
from newsingest.extraction.sidebars import article_like, extract_links
from newsingest.extraction.site import SiteRules
from newsingest.models import Link
from newsingest.text import clean_text
from newsingest.urls import is_http_url, normalize_url, same_site

# Words and marks that label a link to the next, older page of a listing.
_NEXT_TEXT = re.compile(
    r"^(?:next|next page|older|older (?:posts|stories|articles|news)|more (?:stories|articles|news)|load more|"
    r"weiter|nächste(?: seite)?|ältere (?:artikel|beiträge)|suivant(?:e)?|page suivante|siguiente|"
    r"página siguiente|successiv[ao]|avanti|volgende|nästa|neste|następna|следующая|›|»|→|>|>>)$",
    re.IGNORECASE,
)
_NEXT_CLASS = re.compile(r"(?:^|[-_\s])(?:next|older|pagination__next|nav-previous)(?:$|[-_\s])", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"(/page/|[?&](?:page|p|pg|seite)=)(\d+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Listing:
    """The stories a listing page links to (with dates where it shows them) and its next page, if any."""

    items: tuple[Link, ...]
    next_url: str | None

    def all_before(self, day: dt.date) -> bool:
        """Whether every dated item is from before `day` (and at least one is dated)."""
        days = [_day(item.published) for item in self.items if item.published is not None]
        return bool(days) and all(d < day for d in days)


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def extract_listing(
    html: bytes | str,
    url: str,
    *,
    site: SiteRules | None = None,
    fetched: dt.datetime | None = None,
    content_type: str | None = None,
) -> Listing:
    """The listing's stories and next page; `site` gives the site's zone, languages and date order."""
    page = Page(html, url, content_type)
    languages = language_codes(*(site.languages if site else ()), page.lang)
    order = (site.date_order if site else None) or date_order_for(page.lang)
    reader = DateReader(languages, site.tz() if site else None, order, fetched)
    # The lists on the page with the dates they show; a story listed twice keeps its dated entry.
    lists = extract_links(page, "", frozenset(), reader)
    dated = {link.url: link for link in lists if link.published is not None}
    items: dict[str, Link] = {}
    for anchor in page.tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = normalize_url(urljoin(url, href))
        if target in items or not is_http_url(target) or not same_site(target, url) or not article_like(target):
            continue
        if target == normalize_url(url) or _in_chrome(anchor):
            continue
        found = dated.get(target)
        if found is None:
            day = url_date(target)
            published = dt.date.fromisoformat(day) if day else None
            found = Link(target, clean_text(anchor.text_content()), published, day, None, len(items))
        items[target] = found
    return Listing(tuple(items.values()), _next_page(page))


def _in_chrome(el: etree._Element) -> bool:
    """Inside the site's header, navigation, footer or an aside; teaser boxes are not chrome here, they are the list."""
    node: etree._Element | None = el
    while node is not None:
        if node.tag in ("header", "nav", "footer", "aside") or is_hidden(node):
            return True
        node = node.getparent()
    return False


def _next_page(page: Page) -> str | None:
    """The listing's next page: rel=next, a link labelled or styled as next/older, or page N+1 of this one."""
    for link in page.tree.iter("link"):
        if "next" in (link.get("rel") or "").lower().split() and link.get("href"):
            return _absolute(page.url, link.get("href") or "")
    current = _PAGE_NUMBER.search(page.url)
    wanted = int(current.group(2)) + 1 if current else 2
    for anchor in page.tree.iter("a"):
        href = anchor.get("href")
        if not href:
            continue
        names = f"{anchor.get('class') or ''} {anchor.get('id') or ''}"
        text = clean_text(anchor.text_content())
        rel = (anchor.get("rel") or "").lower().split()
        number = _PAGE_NUMBER.search(href)
        if "next" in rel or _NEXT_CLASS.search(names) or _NEXT_TEXT.match(text):
            return _absolute(page.url, href)
        if number and int(number.group(2)) == wanted and same_site(urljoin(page.url, href), page.url):
            return _absolute(page.url, href)
    return None


def _absolute(base: str, href: str) -> str | None:
    target = normalize_url(urljoin(base, href.strip()))
    if not is_http_url(target) or urlsplit(target)._replace(fragment="") == urlsplit(normalize_url(base)):
        return None
    return target
