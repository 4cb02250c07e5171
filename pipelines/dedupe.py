"""DedupePipeline: one story, one row, within a run and across runs.

Articles are keyed by canonical URL (the page's rel=canonical inside the same site, else
the fetched URL without tracking parameters). A second URL with the same body text as a
stored story is the same story too. A story already stored by an earlier run passes on
to the store, which refreshes it in place.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsingest.crawl.stores import store_for
from newsingest.models import Article
from newsingest.store import fingerprint


class DedupePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.seen_urls: set[str] = set()
        self.seen_bodies: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        url = item.canonical_url
        body = fingerprint(item)
        if url in self.seen_urls:
            self._drop("duplicate url", item, url)
        elif body in self.seen_bodies and self.seen_bodies[body] != url:
            self._drop("duplicate body", item, self.seen_bodies[body])
        else:
            stored = store_for(self.crawler).url_for_fingerprint(body)
            if stored is not None and stored != url:
                self._drop("duplicate body", item, stored)
        self.seen_urls.add(url)
        self.seen_bodies.setdefault(body, url)
        return item

    def _drop(self, reason: str, item: Article, original: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newsingest/dropped/{reason}")
        raise DropItem(f"{reason}: {item.url} is {original}")
