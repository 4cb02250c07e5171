"""The meta-tag source: OpenGraph, article:*, Dublin Core, microdata and common vendor names."""

from __future__ import annotations

import re
from typing import Any

from newsingest.extraction.page import Page

HEADLINE = (
    "og:title",
    "twitter:title",
    "dc.title",
    "dcterms.title",
    "headline",
    "title",
    "sailthru.title",
    "parsely-title",
)
PUBLISHED = (
    "article:published_time",
    "article:published:time",
    "og:article:published_time",
    "article.published",
    "article_date_original",
    "datepublished",
    "published_time",
    "publish-date",
    "publishdate",
    "publish_date",
    "pubdate",
    "pub_date",
    "date.available",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "og:published_time",
    "date",
    "originalpublicationdate",
    "article.created",
    "creation_date",
    "publication_date",
    "release_date",
)
# Not http-equiv "last-modified": servers fill it with the time the page was generated, the fetch time.
MODIFIED = (
    "article:modified_time",
    "article:modified:time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "article.updated",
    "lastmod",
    "og:article:modified_time",
)
AUTHORS = (
    "author",
    "article:author",
    "og:article:author",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "parsely-author",
    "cxenseparse:author",
    "byl",
    "twitter:creator:name",
    "article.author",
    "twitter:misc:written by",  # Yoast SEO (WordPress)
)
# Profile links and e-mail addresses fill some author tags; the next tag may hold the name.
_NOT_A_NAME = re.compile(r"^(?:https?:|www\.)|^\S+@\S+$", re.IGNORECASE)
SECTION = (
    "article:section",
    "og:article:section",
    "parsely-section",
    "section",
    "cxenseparse:pageclass-section",
    "article.section",
    "category",
)
TAGS = ("article:tag", "news_keywords", "keywords", "parsely-tags", "sailthru.tags", "og:article:tag")
DESCRIPTION = ("og:description", "description", "twitter:description", "dc.description")
LANGUAGE = ("og:locale", "content-language", "language", "dc.language", "inlanguage")


def _split_tags(values: list[str]) -> list[str]:
    if len(values) > 1:
        return values
    return [t.strip() for v in values for t in v.split(",") if t.strip()]


def _labelled_twitter_data(meta: dict[str, list[str]], label: str) -> list[str]:
    """Twitter card pairs: twitter:label1 "Written by" with twitter:data1 "Jane Doe" (older Yoast SEO)."""
    for index in "1234":
        if any(v.casefold() == label for v in meta.get(f"twitter:label{index}", [])):
            return list(meta.get(f"twitter:data{index}", []))
    return []


def extract_meta(page: Page) -> dict[str, Any]:
    """Field candidates from <meta> and <link> tags."""
    meta = page.meta
    authors: list[str] = []
    for name in AUTHORS:
        named = [v for v in meta.get(name, []) if not _NOT_A_NAME.search(v)]
        if named:
            authors = named
            break
    if not authors:
        authors = _labelled_twitter_data(meta, "written by")
    tags: list[str] = []
    for name in TAGS:
        if meta.get(name):
            tags = _split_tags(meta[name])
            break
    return {
        "headline": page.meta_first(*HEADLINE),
        "published": page.meta_first(*PUBLISHED),
        "modified": page.meta_first(*MODIFIED),
        "authors": authors,
        "section": page.meta_first(*SECTION),
        "tags": tags,
        "language": page.meta_first(*LANGUAGE),
        "description": page.meta_first(*DESCRIPTION),
        "image": page.meta_first("og:image", "og:image:url", "twitter:image"),
        "site_name": page.meta_first("og:site_name", "application-name", "publisher"),
        "canonical_url": page.link_rels.get("canonical") or page.meta_first("og:url"),
    }
