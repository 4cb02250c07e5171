"""DedupePipeline: a story fetched twice in one run, under any spelling of its address, is passed on once.

Identity across runs and by content (the same body, or a near copy, at another address) is the
store's business: it keeps one row per story and marks copies with `duplicate_of` (see
`newsingest.store.identity`). Here only repeats within the run are dropped, and counted.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsingest.models import Article
from newsingest.urls import url_key


class DedupePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.seen: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        keys = {url_key(item.canonical_url), url_key(item.url)}
        first = next((self.seen[key] for key in keys if key in self.seen), None)
        if first is not None:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newsingest/dropped/duplicate url")
            raise DropItem(f"duplicate url: {item.url} is {first}")
        for key in keys:
            self.seen[key] = item.canonical_url
        return item
