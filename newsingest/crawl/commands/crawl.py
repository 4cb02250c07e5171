"""`scrapy crawl`, exiting non-zero when the crawl failed (stock Scrapy exits 0 unless it could not start)."""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.crawler import Crawler
from scrapy.spiders import Spider

from newsingest.crawl.outcome import judge


class Command(ScrapyCrawl):
    crawler: Crawler | None = None

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        # The process forgets its crawlers when they finish; keep ours to read its stats afterwards.
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        if self.crawler is not None and self.crawler.stats is not None and not self.exitcode:
            self.exitcode = judge(self.crawler.stats.get_stats()).exit_code
