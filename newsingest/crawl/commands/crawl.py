"""`scrapy crawl`, holding the site's run lock and exiting non-zero when the crawl failed.

Stock Scrapy exits 0 unless it could not start; this command exits with newsingest's codes
(see `newsingest.crawl.outcome`), so cron and scrapyd jobs started through Scrapy can tell too.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.crawler import Crawler
from scrapy.spiders import Spider

from newsingest.crawl.lock import site_lock
from newsingest.crawl.outcome import EXIT_LOCKED, EXIT_NOT_STARTED, judge, recorded
from newsingest.crawl.runner import Job, job_site, settings_state_dir
from newsingest.errors import Locked, StateError


class Command(ScrapyCrawl):
    crawler: Crawler | None = None

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        # The process forgets its crawlers when they finish; keep ours to read its stats afterwards.
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        site = job_site(Job(args[0] if args else "", {k: str(v) for k, v in (opts.spargs or {}).items()}))
        folder = settings_state_dir(self.settings)
        try:
            with site_lock(folder, site):
                super().run(args, opts)
        except Locked as exc:
            print(f"newsingest: {exc}", file=sys.stderr)
            self.exitcode = EXIT_LOCKED
            return
        except StateError as exc:
            print(f"newsingest: error: {exc}", file=sys.stderr)
            self.exitcode = EXIT_NOT_STARTED
            return
        if self.crawler is not None and self.crawler.stats is not None and not self.exitcode:
            stats = self.crawler.stats.get_stats()
            self.exitcode = (recorded(stats) or judge(stats)).exit_code
