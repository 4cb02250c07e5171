"""extract(html, url) -> Article: what a news page says, with no I/O and no crawler."""

from __future__ import annotations

import datetime as dt
from typing import Any

import lxml.html

from newsingest.dates import find_date, language_codes, language_zone, parse_date
from newsingest.errors import NotAnArticle
from newsingest.extraction.body import extract_body
from newsingest.extraction.classify import check_article
from newsingest.extraction.consensus import confirm_short_blocks, guess_date, trafilatura_text
from newsingest.extraction.generic import (
    byline_authors,
    date_candidates,
    extract_generic,
    find_headline_element,
    story_region,
    url_date,
)
from newsingest.extraction.jsonld import extract_jsonld
from newsingest.extraction.loader import ArticleLoader
from newsingest.extraction.meta import extract_meta
from newsingest.extraction.page import Page
from newsingest.extraction.sidebars import extract_links
from newsingest.extraction.site import SiteRules, extract_selectors
from newsingest.models import Article
from newsingest.quotes import extract_quotes
from newsingest.text import clean_markup_text
from newsingest.urls import canonical_url, host_of

__all__ = ["Article", "NotAnArticle", "SiteRules", "extract"]

MIN_VISIBLE_SHARE = 0.3
# Less visible text than this, and the page is probably rendered by scripts.
MIN_VISIBLE_CHARS = 300
TEXT_FIELDS = ("section", "description", "site_name", "language", "image")


def extract(
    html: bytes | str,
    url: str,
    *,
    site: SiteRules | dict[str, Any] | None = None,
    fetched: dt.datetime | None = None,
    content_type: str | None = None,
) -> Article:
    """Read one article page.

    `site` carries the site's own selectors, tried before everything else.
    `fetched` is when the page was fetched; relative dates ("2 hours ago") count from it.
    `content_type` is the HTTP header, whose charset counts when the bytes are not valid UTF-8.
    Raises NotAnArticle for index, tag and author pages and pages without an article body.
    """
    rules = SiteRules.coerce(site)
    page = Page(html, url, content_type)
    selectors = extract_selectors(page, rules)
    jsonld = extract_jsonld(page)
    meta = extract_meta(page)
    sources = [("selector", selectors), ("jsonld", jsonld), ("meta", meta)]

    languages = language_codes(
        *(rules.languages if rules else ()), jsonld.get("language"), page.lang, meta.get("language")
    )
    site_name = jsonld.get("site_name") or meta.get("site_name")
    loader = ArticleLoader(
        site_name=site_name,
        host=host_of(url),
        languages=languages,
        site_names=[site_name, meta.get("site_name"), jsonld.get("site_name")],
        default_tz=(rules.tz() if rules else None) or _page_zone(jsonld, meta) or language_zone(languages[0]) or dt.UTC,
        relative_base=fetched,
    )
    h1_candidates = extract_generic(page, find_headline_element(page, None))
    loader.fill(["headline"], [*sources, ("text", h1_candidates)])
    headline = loader.get_output_value("headline") or ""
    headline_el = find_headline_element(page, headline)

    generic = extract_generic(page, headline_el)
    generic["published"] = _visible_date(page, headline_el, languages, loader.context)
    generic["authors"] = byline_authors(page, headline_el)
    reference = clean_markup_text(jsonld.get("body"))
    description = clean_markup_text(jsonld.get("description") or meta.get("description"))
    body = extract_body(page.tree, headline_el, reference, description)
    paragraphs = body.paragraphs
    visible = paragraphs[: body.lede] + confirm_short_blocks(paragraphs[body.lede :], trafilatura_text(page.text, url))
    # Pages rendered by JavaScript carry the story only in JSON-LD; a few visible scraps must not win then.
    if len(" ".join(visible)) >= MIN_VISIBLE_SHARE * len(reference):
        generic["paragraphs"] = visible
    embedded = {"paragraphs": _embedded_paragraphs(page) if sum(map(len, visible)) < MIN_VISIBLE_CHARS else []}
    from_url = {"published": url_date(url)}
    # JSON-LD articleBody is one flat string; the visible paragraphs keep their structure.
    ordered = [
        ("selector", selectors),
        ("text", generic),
        ("jsonld", {"paragraphs": _split_body(jsonld)}),
        ("embedded", embedded),
    ]
    loader.fill(["paragraphs"], ordered)
    loader.fill(
        ["published", "modified", "authors", "tags", *TEXT_FIELDS], [*sources, ("text", generic), ("url", from_url)]
    )
    if "published" not in loader.won:
        # No date in markup, byline or URL: htmldate's wider search dates 3 of the 4 such dev-set pages.
        loader.fill(["published"], [("htmldate", {"published": guess_date(page.text)})])
    if "authors" not in loader.won:
        # No person named anywhere: the publication itself is the author ("Associated Press", "ORF.at").
        loader.context["allow_publisher"] = True
        loader.fill(["authors"], [*sources, ("text", generic)])

    found = tuple(loader.get_output_value("paragraphs") or ())
    check_article(page, headline, found, body.linked_headings)
    quoted = {b.text for b in body.blocks if b.tag == "blockquote" or any(a.tag == "blockquote" for a in b.ancestors)}
    quotes = extract_quotes(found, blocks=[p in quoted for p in found])
    links = extract_links(
        page,
        "\n".join(found),
        story_region(headline_el),
        languages=languages,
        default_tz=loader.context["default_tz"],
        fetched=fetched,
    )
    return Article(
        url=url,
        canonical_url=canonical_url(url, jsonld.get("canonical_url") or meta.get("canonical_url")),
        headline=headline,
        body="\n\n".join(found),
        paragraphs=found,
        published=loader.get_output_value("published"),
        published_raw=loader.raw.get("published"),
        published_source=loader.won.get("published"),
        modified=loader.get_output_value("modified"),
        authors=tuple(loader.get_output_value("authors") or ()),
        language=loader.get_output_value("language"),
        section=loader.get_output_value("section"),
        tags=tuple(loader.get_output_value("tags") or ()),
        description=loader.get_output_value("description"),
        site_name=loader.get_output_value("site_name"),
        image=loader.get_output_value("image"),
        quotes=quotes,
        links=links,
        sources=dict(loader.won),
    )


def _page_zone(*sources: dict[str, Any]) -> dt.tzinfo | None:
    """The site's UTC offset, when its markup states one other than zero for some date on the page."""
    for source in sources:
        for field in ("published", "modified"):
            value = parse_date(source.get(field)) if source.get(field) else None
            if isinstance(value, dt.datetime) and value.utcoffset():
                return value.tzinfo
    return None


def _visible_date(page: Page, headline_el: Any, languages: tuple[str, ...], context: Any) -> str | None:
    for raw, kind in date_candidates(page, headline_el):
        if kind == "time":
            return raw
        found = find_date(
            raw,
            languages=languages,
            default_tz=context.get("default_tz", dt.UTC),
            relative_base=context.get("relative_base"),
        )
        if found is not None:
            return found[1]
    return None


def _embedded_paragraphs(page: Page) -> list[str]:
    """The body of a script-rendered page, read from the HTML its scripts carry."""
    for fragment in page.embedded_html:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        paragraphs = extract_body(root).paragraphs
        if sum(map(len, paragraphs)) >= MIN_VISIBLE_CHARS:
            return paragraphs
    return []


def _split_body(jsonld: dict[str, Any]) -> list[str]:
    body = jsonld.get("body") or ""
    return [p.strip() for p in body.split("\n") if p.strip()]
