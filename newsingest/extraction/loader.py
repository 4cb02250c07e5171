"""The item loader that assembles an article from its sources, first good value first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from itemloaders import ItemLoader
from itemloaders.processors import Identity, MapCompose, TakeFirst

from newsingest.extraction.authors import clean_author, is_publisher, unique_names
from newsingest.extraction.headline import clean_headline
from newsingest.text import clean_markup_text

SOURCE_ORDER = ("selector", "jsonld", "meta", "text", "url")


def _headline(value: str, loader_context: dict[str, Any]) -> str | None:
    text = clean_headline(value, site_name=loader_context.get("site_name"), host=loader_context.get("host"))
    return text if len(text) >= 3 else None


def _author(value: str, loader_context: dict[str, Any]) -> list[str]:
    names = clean_author(value)
    if loader_context.get("allow_publisher"):
        return names
    site_names = loader_context.get("site_names", [])
    host = loader_context.get("host", "")
    return [n for n in names if not is_publisher(n, site_names, host)]


def _plain(value: Any) -> str | None:
    text = clean_markup_text(value if isinstance(value, str) else None)
    return text or None


def _tag(value: Any) -> str | None:
    text = _plain(value)
    return text if text and len(text) <= 80 else None


def _paragraph(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


class ArticleLoader(ItemLoader):
    """Field processors for articles; `fill` feeds sources in order and records which one won."""

    default_item_class = dict
    default_output_processor = TakeFirst()

    headline_in = MapCompose(_headline)
    authors_in = MapCompose(_author)
    authors_out = unique_names
    tags_in = MapCompose(_tag)
    tags_out = Identity()
    paragraphs_in = MapCompose(_paragraph)
    paragraphs_out = Identity()
    section_in = MapCompose(_plain)
    description_in = MapCompose(_plain)
    site_name_in = MapCompose(_plain)
    language_in = MapCompose(_plain)

    def __init__(self, **context: Any) -> None:
        super().__init__(**context)
        self.won: dict[str, str] = {}
        self.raw: dict[str, str] = {}

    def offer(self, field: str, value: Any, source: str) -> bool:
        """Add a candidate unless the field is already filled; True when it was taken."""
        if field in self.won or value is None or value == "" or value == []:
            return False
        self.add_value(field, value)
        if not self.get_collected_values(field):
            return False
        self.won[field] = source
        if isinstance(value, str):
            self.raw[field] = value
        return True

    def fill(self, fields: Iterable[str], sources: Iterable[tuple[str, dict[str, Any]]]) -> None:
        sources = list(sources)
        for field in fields:
            for name, values in sources:
                if self.offer(field, values.get(field), name):
                    break
