"""ProgressExtension: how a long crawl is going, while it goes.

On a terminal, one live line (rich) redrawn every second; otherwise a plain line every
NEWSINGEST_PROGRESS_INTERVAL seconds (30 by default), which logs and journald keep. Turned on by
NEWSINGEST_PROGRESS ("live", "log", or "auto": live on a terminal); backfills turn it on.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call


class ProgressExtension:
    def __init__(self, crawler: Crawler, live: bool, interval: float) -> None:
        self.crawler = crawler
        self.live = live
        self.interval = interval
        self.started = time.monotonic()
        self.task: Any = None
        self.display: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        mode = (crawler.settings.get("NEWSINGEST_PROGRESS") or "").lower()
        if mode not in ("live", "log", "auto"):
            raise NotConfigured  # no message: Scrapy would log it as a warning
        live = mode == "live" or (mode == "auto" and sys.stderr.isatty())
        interval = crawler.settings.getfloat("NEWSINGEST_PROGRESS_INTERVAL", 1.0 if live else 30.0)
        extension = cls(crawler, live, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.monotonic()
        if self.live:
            from rich.console import Console
            from rich.live import Live

            self.display = Live(self.line(spider), console=Console(stderr=True), refresh_per_second=4, transient=False)
            self.display.start()
        self.task = create_looping_call(self.report, spider)
        self.task.start(self.interval, now=False)

    def line(self, spider: Spider) -> str:
        stats = self.crawler.stats
        assert stats is not None
        get = stats.get_value
        pages = get("newsingest/pages", 0)
        stored = sum(get(f"newsingest/stored/{kind}", 0) for kind in ("new", "updated", "duplicate"))
        minutes = max(time.monotonic() - self.started, 1e-6) / 60
        queued = get("scheduler/enqueued", 0) - get("scheduler/dequeued", 0)
        site = getattr(spider, "site", spider.name)
        return (
            f"{site}: {pages} pages read, {stored} articles stored, {get('newsingest/skipped/stored', 0)} already "
            f"stored, {pages / minutes:.0f} pages/min, {queued} queued"
        )

    def report(self, spider: Spider) -> None:
        if self.display is not None:
            self.display.update(self.line(spider))
        else:
            print(f"progress: {self.line(spider)}", file=sys.stderr, flush=True)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        if self.display is not None:
            self.display.update(self.line(spider))
            self.display.stop()
