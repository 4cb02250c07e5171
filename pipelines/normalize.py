"""NormalizePipeline: clean text, and dates to aware UTC (a date-only value stays a day)."""

from __future__ import annotations

from typing import Any

from newsingest.models import Article
from newsingest.normalize import normalize_article


class NormalizePipeline:
    def process_item(self, item: Any) -> Any:
        return normalize_article(item) if isinstance(item, Article) else item
