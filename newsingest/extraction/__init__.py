"""extract(html, url) -> Article: what a news page says, with no I/O and no crawler."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import lxml.html

from newsingest.dates import Dated, DateReader, Moment, date_order_for, language_codes
from newsingest.errors import NotAnArticle
from newsingest.extraction.body import extract_body, signature_block
from newsingest.extraction.classify import check_article
from newsingest.extraction.consensus import confirm_short_blocks, trafilatura_text
from newsingest.extraction.dating import DateFinder, dated_in_zone, has_wall_time, in_zone
from newsingest.extraction.generic import byline_authors, extract_generic, find_headline_element, story_region
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
    listed: Moment | str | None = None,
) -> Article:
    """Read one article page.

    `site` carries the site's own selectors, tried before everything else.
    `fetched` is when the page was fetched; relative dates ("2 hours ago") count from it.
    `content_type` is the HTTP header, whose charset counts when the bytes are not valid UTF-8.
    `listed` is the date a feed or sitemap gave for this URL, used when the page itself gives none.
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
    locale = date_order_for(jsonld.get("language"), page.lang, meta.get("language"))
    dates = DateReader(
        languages, rules.tz() if rules else None, (rules.date_order if rules else None) or locale, fetched
    )
    site_name = jsonld.get("site_name") or meta.get("site_name")
    loader = ArticleLoader(
        site_name=site_name,
        host=host_of(url),
        languages=languages,
        site_names=[site_name, meta.get("site_name"), jsonld.get("site_name")],
    )
    h1_candidates = extract_generic(page, find_headline_element(page, None))
    loader.fill(["headline"], [*sources, ("text", h1_candidates)])
    headline = loader.get_output_value("headline") or ""
    headline_el = find_headline_element(page, headline)

    generic = extract_generic(page, headline_el)
    finder = DateFinder(page, headline_el, dates, selectors=selectors, jsonld=jsonld, meta=meta, listed=listed)
    generic["authors"] = byline_authors(page, headline_el)
    reference = clean_markup_text(jsonld.get("body"))
    description = clean_markup_text(jsonld.get("description") or meta.get("description"))
    body = extract_body(page.tree, headline_el, reference, description)
    paragraphs = body.paragraphs
    visible = paragraphs[: body.lede] + confirm_short_blocks(
        paragraphs[body.lede :], trafilatura_text(page.text, url), description if not body.lede else None
    )
    # Pages rendered by JavaScript carry the story only in JSON-LD; a few visible scraps must not win then.
    if len(" ".join(visible)) >= MIN_VISIBLE_SHARE * len(reference):
        generic["paragraphs"] = visible
    embedded = {"paragraphs": _embedded_paragraphs(page) if sum(map(len, visible)) < MIN_VISIBLE_CHARS else []}
    # JSON-LD articleBody is one flat string; the visible paragraphs keep their structure.
    ordered = [
        ("selector", selectors),
        ("text", generic),
        ("jsonld", {"paragraphs": _split_body(jsonld)}),
        ("embedded", embedded),
    ]
    loader.fill(["paragraphs"], ordered)
    found = tuple(loader.get_output_value("paragraphs") or ())
    signature = signature_block(body.blocks, found) if loader.won.get("paragraphs") == "text" else None
    if signature is not None:
        # A byline set as a paragraph of its own is not part of the story.
        found = found[: signature[0]] + found[signature[0] + 1 :]
    loader.fill(["authors", "tags", *TEXT_FIELDS], [*sources, ("text", generic)])
    if "authors" not in loader.won and signature is not None:
        loader.offer("authors", signature[1], "signature")
    if "authors" not in loader.won:
        # No person named anywhere: the publication itself is the author ("Associated Press", "ORF.at").
        loader.context["allow_publisher"] = True
        loader.fill(["authors"], [*sources, ("text", generic)])

    check_article(page, headline, found, body.linked_headings)
    quoted = {b.text for b in body.blocks if b.tag == "blockquote" or any(a.tag == "blockquote" for a in b.ancestors)}
    quotes = extract_quotes(found, blocks=[p in quoted for p in found])
    links = extract_links(page, "\n".join(found), story_region(headline_el), dates)
    published, modified = finder.published, finder.modified
    moments = [when.value for when in (published, modified) if when] + [link.published for link in links]
    # Times printed without a zone are read in the zone the page shows elsewhere, if it shows one.
    if any(has_wall_time(value) for value in moments) and (zone := finder.zone) is not None:
        published, modified = dated_in_zone(published, zone), dated_in_zone(modified, zone)
        links = tuple(dataclasses.replace(link, published=in_zone(link.published, zone)) for link in links)
    return Article(
        url=url,
        canonical_url=canonical_url(url, jsonld.get("canonical_url") or meta.get("canonical_url")),
        headline=headline,
        body="\n\n".join(found),
        paragraphs=found,
        published=published.value if published else None,
        published_raw=published.raw if published else None,
        published_source=published.source if published else None,
        published_precision=published.precision if published else None,
        modified=modified.value if modified else None,
        modified_raw=modified.raw if modified else None,
        modified_source=modified.source if modified else None,
        modified_precision=modified.precision if modified else None,
        authors=tuple(loader.get_output_value("authors") or ()),
        language=loader.get_output_value("language"),
        section=loader.get_output_value("section"),
        tags=tuple(loader.get_output_value("tags") or ()),
        description=loader.get_output_value("description"),
        site_name=loader.get_output_value("site_name"),
        image=loader.get_output_value("image"),
        quotes=quotes,
        links=links,
        sources=dict(loader.won) | _date_sources(published=published, modified=modified),
    )


def _date_sources(**found: Dated | None) -> dict[str, str]:
    return {field: value.source for field, value in found.items() if value is not None and value.source}


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
