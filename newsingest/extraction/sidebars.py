"""The link lists around an article ("Latest news", "Related", "Most read"), read as data.

A list is found from its items, not its markup: links to article-like pages of the same
site are grouped under the nearest element that holds several of them, one per item, so
`ul/li`, card grids and tables all read alike. Menus, footers, tag clouds, pagination and
links inside the story's own text are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newsingest.dates import DateReader, Moment, may_be_date, to_utc
from newsingest.extraction.page import Page
from newsingest.models import Link
from newsingest.text import clean_text
from newsingest.urls import is_http_url, normalize_url, same_site

# A list needs this many items; a title this many words (menus have one- and two-word entries).
MIN_ITEMS = 2
MIN_TITLE_WORDS = 3
MAX_LABEL_CHARS = 60
# Regions that hold link lists which are not about other stories.
_NOT_A_SIDEBAR = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|breadcrumbs?|pagination|pager|tags?|tag-?cloud|keywords|topics?|"
    r"share|sharing|social|footer|copyright|author|byline|skip|subscribe|newsletter|login|account|language|"
    r"lang)(?:$|[-_\s])",
    re.IGNORECASE,
)
_PAGE_REGIONS = frozenset({"nav", "footer", "header"})
# Links side by side in a sentence are prose, not a list.
_PROSE_TAGS = frozenset({"p", "span", "em", "strong", "b", "i", "small", "blockquote", "td", "figcaption"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Parts of an item that decorate its title: "LIVE", "Exclusive", "1", "12 comments", "Waste heat:".
_DECORATION = re.compile(
    r"kicker|badge|label|flag|eyebrow|overline|rank|number|count|comments?|category|section|live|icon|"
    r"sr-only|visually-hidden|screen-reader|(?:^|[-_\s])vh(?:$|[-_\s])|time|date|meta",
    re.IGNORECASE,
)
_TITLE_CLASS = re.compile(r"title|headline|heading", re.IGNORECASE)
_TITLE_NOT = re.compile(r"subtitle|sub-title|kicker|section|box|list|group", re.IGNORECASE)
_LABEL_HINT = re.compile(r"title|heading|header|label|caption|headline", re.IGNORECASE)
# Slugs and ids that mark a story's address: "/2026/03/02/", "some-long-slug", "article-12345", ".html".
_ARTICLE_PATH = re.compile(r"/(?:19|20)\d{2}/|[^/]*-[^/]*-[^/]*-[^/]*|\d{4,}|\.s?html?$|\.php")
_CLOCK_ONLY = re.compile(r"^\s*([01]?\d|2[0-3])[:.h]([0-5]\d)\s*(?:Uhr|h)?\s*$")


@dataclass
class _Item:
    element: etree._Element
    url: str
    links: list[etree._Element] = field(default_factory=list)


def article_like(url: str) -> bool:
    path = urlsplit(url).path
    return bool(path.strip("/")) and bool(_ARTICLE_PATH.search(path))


def _ancestors(el: etree._Element) -> Iterable[etree._Element]:
    parent = el.getparent()
    while parent is not None:
        yield parent
        parent = parent.getparent()


def _excluded(el: etree._Element, story: frozenset[etree._Element]) -> bool:
    """In the page's navigation, footer or header, a tag cloud, a share bar: not a list of stories."""
    for node in [el, *_ancestors(el)]:
        if node in story:
            return False
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _PAGE_REGIONS or (node.get("role") or "").lower() in ("navigation", "contentinfo", "banner"):
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if names.strip() and _NOT_A_SIDEBAR.search(names):
            return True
    return False


def _text(el: etree._Element) -> str:
    return clean_text(" ".join(t for t in el.itertext()))


def _plain_text(el: etree._Element) -> str:
    """Text without the kickers, badges, rank numbers and screen-reader extras set inside a link."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node is not el and (_DECORATION.search(node.get("class") or "") or node.tag in ("svg", "img", "script")):
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            elif child.tail:
                parts.append(child.tail)
        if node is not el and node.tail:
            parts.append(node.tail)

    walk(el)
    return clean_text(" ".join(parts)).strip(" :|·–-")


class SidebarReader:
    """Finds the link lists of one page, given what the body analysis found to be the story."""

    def __init__(
        self,
        page: Page,
        body_text: str,
        story: frozenset[etree._Element],
        dates: DateReader,
    ) -> None:
        self.page = page
        self.body_text = body_text
        self.story = story
        self.dates = dates
        self.fetched = dates.fetched or dt.datetime.now(dt.UTC)
        self.own = normalize_url(page.url)

    def links(self) -> tuple[Link, ...]:
        out: list[Link] = []
        seen_lists: set[tuple[str, ...]] = set()
        for container, items in self._lists():
            links = [link for link in (self._link(item) for item in items) if link is not None]
            if len(links) < MIN_ITEMS or not self._headline_like([link.title for link in links]):
                continue
            key = tuple(link.url for link in links)
            if key in seen_lists:
                continue  # the same list rendered twice (mobile and desktop)
            seen_lists.add(key)
            label = self._label(container)
            out.extend(
                Link(link.url, link.title, link.published, link.published_raw, label, position)
                for position, link in enumerate(links)
            )
        return tuple(out)

    def _lists(self) -> list[tuple[etree._Element, list[_Item]]]:
        """Containers holding several story links, one per child: the lists, in document order."""
        urls_under: dict[etree._Element, set[str]] = defaultdict(set)
        anchors: list[tuple[etree._Element, str]] = []
        for anchor in self.page.tree.iter("a"):
            href = (anchor.get("href") or "").strip()
            if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
                continue
            # Cheap tests first: most links on a page are menus, tags and share buttons.
            if not _ARTICLE_PATH.search(href.split("?", 1)[0]):
                continue
            absolute = urljoin(self.page.url, href)
            if not article_like(absolute) or not same_site(absolute, self.page.url):
                continue
            url = normalize_url(absolute)
            if not is_http_url(url):
                continue
            anchors.append((anchor, url))
            for node in [anchor, *_ancestors(anchor)]:
                urls_under[node].add(url)
        items_of: dict[etree._Element, dict[str, _Item]] = {}
        excluded: dict[etree._Element, bool] = {}
        for anchor, url in anchors:
            item = anchor
            parent = item.getparent()
            while parent is not None and len(urls_under[parent]) == 1:
                item, parent = parent, parent.getparent()
            if parent is None:
                continue
            # Hidden lists stay: tab panels ("Most shared") are hidden until clicked; copies are dropped later.
            if parent not in excluded:
                excluded[parent] = _excluded(parent, self.story)
            if excluded[parent]:
                continue
            # Anchors come in document order, so lists are kept in the order their first item appears.
            entry = items_of.setdefault(parent, {}).setdefault(url, _Item(item, url))
            entry.links.append(anchor)
        return [
            (parent, list(items.values()))
            for parent, items in items_of.items()
            if len(items) >= MIN_ITEMS and parent.tag not in _PROSE_TAGS
        ]

    def _headline_like(self, titles: list[str]) -> bool:
        words = sorted(len(t.split()) for t in titles)
        if words[len(words) // 2] < MIN_TITLE_WORDS:
            return False
        # Links inside the story's own paragraphs are part of the story, not a list around it.
        inside = sum(1 for t in titles if t and t in self.body_text)
        return inside < len(titles) / 2

    def _link(self, item: _Item) -> Link | None:
        title = self._title(item)
        if not title:
            return None
        published, raw = self._date(item, title)
        return Link(item.url, title, published, raw)

    def _title(self, item: _Item) -> str:
        """The item's headline: an element named as its title, a heading, else its longest link text,
        always without kicker, badge, rank number or comment count."""
        named = [
            el
            for el in item.element.iter()
            if isinstance(el.tag, str)
            and _TITLE_CLASS.search(el.get("class") or "")
            and not _TITLE_NOT.search(el.get("class") or "")
        ]
        for candidate in [*named, *item.element.iter(*_HEADINGS)]:
            text = _plain_text(candidate)
            if len(text.split()) >= 2:
                return text
        return max((_plain_text(a) for a in item.links), key=len, default="")

    def _date(self, item: _Item, title: str) -> tuple[Moment | None, str | None]:
        for time in item.element.iter("time"):
            raw = time.get("datetime") or _text(time)
            value = self.dates.parse(raw) if raw else None
            if value is not None:
                return value, raw
        rest = _text(item.element).replace(title, " ")
        clock = next((_CLOCK_ONLY.match(t) for t in self._texts(item.element, title) if _CLOCK_ONLY.match(t)), None)
        if clock:
            # A bare "14:05" in a "Latest" list is today's, in the site's zone when it is configured.
            zone = self.dates.zone
            local = self.fetched.astimezone(zone) if zone else self.fetched.astimezone(dt.UTC).replace(tzinfo=None)
            moment = local.replace(hour=int(clock.group(1)), minute=int(clock.group(2)), second=0, microsecond=0)
            return to_utc(moment), clock.group(0).strip()
        if not may_be_date(rest):
            return None, None
        found = self.dates.find(rest)
        return (found.value, found.raw) if found else (None, None)

    def _texts(self, el: etree._Element, title: str) -> list[str]:
        return [clean_text(t) for t in el.itertext() if clean_text(t) and clean_text(t) not in title]

    def _label(self, container: etree._Element) -> str | None:
        """The list's own label: its aria-label, a heading just before it or at its top."""
        node: etree._Element | None = container
        for _ in range(3):
            if node is None:
                break
            label = node.get("aria-label")
            if label and label.strip():
                return clean_text(label)
            labelled_by = node.get("aria-labelledby")
            named = self.page.tree.get_element_by_id(labelled_by.split()[0], None) if labelled_by else None
            if named is not None and _text(named):
                return _text(named)
            first = next((c for c in node if isinstance(c.tag, str)), None)
            if first is not None and first is not container:
                text = _label_text(first)
                if text:
                    return text
            for sibling in node.itersiblings(preceding=True):
                if isinstance(sibling.tag, str):
                    text = _label_text(sibling)
                    if text:
                        return text
                    break  # only the element right before the list can label it
            node = node.getparent()
        return None


def _label_text(el: etree._Element) -> str | None:
    """The text of an element that labels a list: a heading (even one that links to a section page),
    a short element named like a title, or a box header holding one."""
    if el.tag == "h1":
        return None  # the page's headline, not a list's label
    text = _text(el)
    if not text or len(text) > MAX_LABEL_CHARS:
        return None
    if el.tag in _HEADINGS:
        return text
    inner = next(el.iter(*_HEADINGS[1:]), None)
    if inner is not None:
        return _text(inner) or None
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    if el.find(".//a") is None and (_LABEL_HINT.search(names) or el.tag in ("strong", "b", "p", "span", "div")):
        return text
    return None


def extract_links(
    page: Page,
    body_text: str,
    story: frozenset[etree._Element],
    dates: DateReader | None = None,
) -> tuple[Link, ...]:
    """The link lists around the article, item by item, list by list in page order.

    `dates` reads the items' dates the way the site writes them; its fetch time is "today".
    """
    reader = SidebarReader(page, body_text, story, dates or DateReader())
    return reader.links()
