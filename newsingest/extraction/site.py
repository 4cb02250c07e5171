"""Per-site knowledge: selectors for the fields the generic extractor gets wrong on that site."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import Any

from newsingest.extraction.blocks import BlockWalker
from newsingest.extraction.page import Page
from newsingest.text import clean_text

DATE_ORDERS = ("DMY", "MDY", "YMD")


@dataclass(frozen=True, slots=True)
class SiteRules:
    """CSS selectors and hints for one site. Every field is optional; unset ones fall back to generic rules."""

    headline: str | None = None
    body: str | None = None
    published: str | None = None
    authors: str | None = None
    section: str | None = None
    exclude: tuple[str, ...] = ()
    timezone: str | None = None
    languages: tuple[str, ...] = ()
    # "DMY", "MDY" or "YMD": how the site writes "03/04/2024"; unset, the page's locale decides.
    date_order: str | None = None

    def __post_init__(self) -> None:
        if self.date_order is not None and self.date_order not in DATE_ORDERS:
            raise ValueError(f"date order must be one of {', '.join(DATE_ORDERS)}, not {self.date_order!r}")
        if self.timezone is not None:
            try:
                zoneinfo.ZoneInfo(self.timezone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                message = f"unknown time zone {self.timezone!r} (use an IANA name such as Europe/Berlin)"
                raise ValueError(message) from None

    @classmethod
    def coerce(cls, value: SiteRules | dict[str, Any] | None) -> SiteRules | None:
        if value is None or isinstance(value, SiteRules):
            return value
        return cls(**value)

    def tz(self) -> dt.tzinfo | None:
        return zoneinfo.ZoneInfo(self.timezone) if self.timezone else None


def _texts(page: Page, css: str | None) -> list[str]:
    if not css:
        return []
    out = []
    for node in page.selector.css(css):
        root = node.root
        text = clean_text(root if isinstance(root, str) else " ".join(node.xpath(".//text()").getall()))
        if text:
            out.append(text)
    return out


def extract_selectors(page: Page, rules: SiteRules | None) -> dict[str, Any]:
    """Field candidates from the site's own selectors."""
    if rules is None:
        return {}
    excluded = {id(node.root) for css in rules.exclude for node in page.selector.css(css)}
    paragraphs: list[str] = []
    for node in page.selector.css(rules.body) if rules.body else []:
        walker = BlockWalker(skip_furniture=False)
        for block in walker.walk(node.root):
            if not any(id(a) in excluded for a in block.ancestors) and block.tag != "h1":
                paragraphs.append(block.text)
    headline = _texts(page, rules.headline)
    published = _texts(page, rules.published)
    section = _texts(page, rules.section)
    return {
        "headline": headline[0] if headline else None,
        "published": published[0] if published else None,
        "authors": _texts(page, rules.authors),
        "section": section[0] if section else None,
        "paragraphs": paragraphs,
    }
