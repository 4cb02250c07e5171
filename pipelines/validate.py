"""ValidatePipeline: drop what is not a storable article, counting each reason."""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsingest.models import Article
from newsingest.text import word_count
from newsingest.urls import is_http_url

# Dates further ahead than this are a site's clock or template error, not a publication date.
FUTURE_TOLERANCE = dt.timedelta(days=1)


class ValidatePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.min_words = crawler.settings.getint("NEWSINGEST_MIN_WORDS", 40)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        reason = self.problem(item)
        if reason:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(f"newsingest/dropped/{reason}")
            raise DropItem(f"{reason}: {item.url}")
        return item

    def problem(self, article: Article) -> str | None:
        if not is_http_url(article.canonical_url):
            return "bad url"
        if not article.headline:
            return "no headline"
        if word_count(article.body) < self.min_words and len(article.body) < 2 * self.min_words * 4:
            return "body too short"
        published = article.published
        day = published.date() if isinstance(published, dt.datetime) else published
        if day is not None and day > (dt.datetime.now(dt.UTC) + FUTURE_TOLERANCE).date():
            return "published in the future"
        return None
