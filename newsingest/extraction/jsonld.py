"""The JSON-LD source: schema.org NewsArticle and its relatives."""

from __future__ import annotations

import html
from typing import Any

from newsingest.extraction.page import Page

ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "techarticle",
        "report",
        "scholarlyarticle",
        "satiricalarticle",
        "advertisercontentarticle",
    }
)
# Preferred over a bare "Article" when a page carries several objects.
NEWS_TYPES = frozenset(t for t in ARTICLE_TYPES if t.endswith("newsarticle") or t == "liveblogposting")


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type") or ()
    if isinstance(value, str):
        value = (value,)
    return {str(t).rsplit("/", 1)[-1].lower() for t in value if t}


def text_of(value: Any) -> str | None:
    """A plain string from a JSON-LD value that may be a string, a list or an object with a name."""
    if isinstance(value, list):
        value = next((v for v in value if text_of(v)), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("text")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = html.unescape(value).strip()
    return value or None


def names_of(value: Any) -> list[str]:
    """Person or organisation names from an author/creator value of any shape."""
    if isinstance(value, list):
        return [name for item in value for name in names_of(item)]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            return [n for item in name for n in names_of(item)]
        if not name and (value.get("givenName") or value.get("familyName")):
            name = " ".join(str(value.get(k) or "") for k in ("givenName", "familyName"))
        return names_of(name) if name else []
    if isinstance(value, str):
        text = html.unescape(value).strip()
        return [text] if text else []
    return []


def url_of(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value.strip() if isinstance(value, str) and value.strip() else None


def article_object(page: Page) -> dict[str, Any] | None:
    """The JSON-LD object describing this page's article, if any."""
    best: tuple[int, dict[str, Any]] | None = None
    for order, obj in enumerate(page.jsonld):
        types = _types(obj)
        if not types & ARTICLE_TYPES:
            continue
        score = 4 if types & NEWS_TYPES else 2
        if obj.get("headline"):
            score += 2
        if obj.get("datePublished"):
            score += 1
        if page.url and url_of(obj.get("url")) == page.url:
            score += 1
        # Lists of teasers often carry many small Article objects after the main one.
        score = score * 100 - order
        if best is None or score > best[0]:
            best = (score, obj)
    return best[1] if best else None


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [k.strip() for k in value.split(",") if k.strip()]
    if isinstance(value, list):
        return [k for item in value for k in _keywords(item)]
    if isinstance(value, dict):
        name = text_of(value)
        return [name] if name else []
    return []


def extract_jsonld(page: Page) -> dict[str, Any]:
    """Field candidates from the page's JSON-LD article object."""
    obj = article_object(page)
    if obj is None:
        return {}
    image = obj.get("image")
    publisher = obj.get("publisher")
    return {
        "headline": text_of(obj.get("headline")) or text_of(obj.get("name")),
        "published": text_of(obj.get("datePublished")) or text_of(obj.get("dateCreated")),
        "modified": text_of(obj.get("dateModified")),
        "authors": names_of(obj.get("author")) or names_of(obj.get("creator")),
        "section": text_of(obj.get("articleSection")),
        "tags": _keywords(obj.get("keywords")),
        "language": text_of(obj.get("inLanguage")),
        "description": text_of(obj.get("description")),
        "image": url_of(image[0] if isinstance(image, list) and image else image),
        "canonical_url": url_of(obj.get("mainEntityOfPage")) or url_of(obj.get("url")),
        "site_name": text_of(publisher) if isinstance(publisher, (dict, str)) else None,
        "body": text_of(obj.get("articleBody")),
    }
