"""NormalizePipeline: clean text, and dates to aware UTC (a date-only value stays a day)."""

from __future__ import annotations

import dataclasses
from typing import Any

from newsingest.dates import language_codes, parse_date, to_utc
from newsingest.extract.text import clean_text
from newsingest.models import Article


class NormalizePipeline:
    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        paragraphs = tuple(p for p in (clean_text(p) for p in item.paragraphs) if p)
        published = item.published
        if published is None and item.published_raw:
            # A site selector hands over the raw text; this is where it becomes a date.
            published = parse_date(item.published_raw, languages=language_codes(item.language))
        return dataclasses.replace(
            item,
            headline=clean_text(item.headline),
            paragraphs=paragraphs,
            body="\n\n".join(paragraphs),
            published=to_utc(published),
            modified=to_utc(item.modified),
            authors=tuple(a for a in (clean_text(a) for a in item.authors) if a),
            tags=tuple(t for t in (clean_text(t) for t in item.tags) if t),
            section=clean_text(item.section) or None,
            description=clean_text(item.description) or None,
        )
