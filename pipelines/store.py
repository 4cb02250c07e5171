"""StorePipeline: hand articles to the Store and record the crawl run in crawl_runs."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.spiders import Spider

from newsingest.crawl.outcome import DEFAULT_MAX_ERROR_RATE, judge, record
from newsingest.crawl.stores import close_store, store_for
from newsingest.errors import StoreError
from newsingest.models import Article, NotModified

log = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.run_id: int | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        args = {k: v for k, v in vars(spider).items() if k in ("start_pages", "feeds", "sitemaps", "base")}
        self.run_id = store_for(self.crawler).start_run(spider.name, args, getattr(spider, "site", spider.name))
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("newsingest/run_id", self.run_id)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article | NotModified):
            return item
        stats = self.crawler.stats
        assert stats is not None
        try:
            store = store_for(self.crawler)
            status = store.save(item, self.run_id) if isinstance(item, Article) else store.touch(item.url, self.run_id)
        except StoreError as exc:
            stats.inc_value("newsingest/store_errors")
            log.error("cannot store %s: %s", item.url, exc)
            return item
        stats.inc_value(f"newsingest/stored/{status}")
        return item

    def close_spider(self) -> None:
        try:
            store_for(self.crawler).flush()
        except StoreError as exc:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newsingest/store_errors")
            log.error("cannot store the last batch: %s", exc)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Record the run with its verdict; runs after every pipeline's close_spider."""
        stats = self.crawler.stats
        assert stats is not None
        stats.set_value("finish_reason", reason)
        stats.set_value("finish_time", dt.datetime.now(dt.UTC))
        max_rate = self.crawler.settings.getfloat("NEWSINGEST_MAX_ERROR_RATE", DEFAULT_MAX_ERROR_RATE)
        outcome = judge(stats.get_stats(), reason, max_rate)
        record(stats, outcome)
        try:
            if self.run_id is not None:
                store_for(self.crawler).finish_run(self.run_id, outcome.status, stats.get_stats())
        finally:
            close_store(self.crawler)
