"""Telling an article from the pages around it: section fronts, tag and author pages."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsingest.errors import NotAnArticle
from newsingest.extraction.jsonld import article_object
from newsingest.extraction.page import Page
from newsingest.text import word_count

# Shorter than this, a page holds a teaser or a stub, not an article.
MIN_BODY_WORDS = 40
# A page without article markup whose main column holds this many linked headings lists teasers.
MIN_TEASERS = 3
_LISTING_TYPES = {
    "collectionpage": "collection page",
    "profilepage": "author page",
    "searchresultspage": "search results page",
}
_LISTING_PATH = re.compile(
    r"/(?:(tags?|topics?|themen?|schlagworte?|keywords?)|(authors?|autor(?:en)?|auteurs?|profiles?|people|staff)|"
    r"(category|categories|kategorie|rubrik|section|sections))/[^/]+/?(?:page/\d+/?)?$",
    re.IGNORECASE,
)
_STATIC_PATH = re.compile(
    r"/(?:about|about-us|contact|contact-us|impressum|imprint|kontakt|datenschutz|privacy|privacy-policy|terms|"
    r"terms-of-use|terms-of-service|cookies|cookie-policy|legal|agb|mentions-legales|aviso-legal|advertise|"
    r"careers|jobs|subscribe|newsletter|newsletters|faq|help|sitemap)(?:\.html?)?/?$",
    re.IGNORECASE,
)
_PAGED = re.compile(r"/page/\d+/?$|[?&]page=\d+")


def _marked_as_article(page: Page) -> bool:
    return article_object(page) is not None or (page.meta_first("og:type") or "").lower() == "article"


def _page_type(page: Page) -> set[str]:
    types = set()
    for obj in page.jsonld:
        value = obj.get("@type")
        for t in value if isinstance(value, list) else [value]:
            if isinstance(t, str):
                types.add(t.rsplit("/", 1)[-1].lower())
    return types


def listing_reason(page: Page) -> str | None:
    """Why this page is a listing rather than an article, judged by markup and URL; None if it may be one."""
    if article_object(page) is not None:
        return None
    og_type = (page.meta_first("og:type") or "").lower()
    if og_type == "profile":
        return "author page"
    if og_type == "article":
        return None
    for t in _page_type(page):
        if t in _LISTING_TYPES:
            return _LISTING_TYPES[t]
    path = urlsplit(page.url).path
    match = _LISTING_PATH.search(path)
    if match:
        return "tag page" if match.group(1) else "author page" if match.group(2) else "section page"
    if _PAGED.search(page.url):
        return "index page"
    if _STATIC_PATH.search(path):
        return "static page"
    return None


def check_article(page: Page, headline: str, paragraphs: tuple[str, ...], linked_headings: int) -> None:
    """Raise NotAnArticle with the reason when the page is not one article."""
    reason = listing_reason(page)
    if reason:
        raise NotAnArticle(reason, page.url)
    if linked_headings >= MIN_TEASERS and not _marked_as_article(page):
        raise NotAnArticle("index page", page.url)
    if not headline:
        raise NotAnArticle("no headline", page.url)
    words = sum(word_count(p) for p in paragraphs)
    cjk_chars = sum(len(re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", p)) for p in paragraphs)
    if words + cjk_chars // 2 < MIN_BODY_WORDS:
        raise NotAnArticle("index page" if _link_heavy(page) else "empty body", page.url)


def _link_heavy(page: Page) -> bool:
    body = page.tree.find("body")
    if body is None:
        return False
    text = len(" ".join(body.text_content().split()))
    links = sum(len(" ".join(a.text_content().split())) for a in body.iter("a"))
    return text > 0 and links / text > 0.4
