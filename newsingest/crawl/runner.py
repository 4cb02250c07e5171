"""Running spiders in this process and reading back what happened."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from newsingest.crawl.logs import install_filter
from newsingest.crawl.outcome import Outcome, judge

# For sites we serve ourselves on 127.0.0.1 (the demo, tests): no politeness delays needed.
LOCAL_SITE_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_TIMES": 0,
}


@dataclass(frozen=True, slots=True)
class Job:
    """One spider to run, with its arguments (`-a name=value`)."""

    spider: str
    args: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Result:
    job: Job
    outcome: Outcome
    stats: dict[str, Any]


def project_settings(db_path: str | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """newsingest.settings, then the database path, then per-run overrides (the `-s` of scrapy)."""
    settings = Settings()
    settings.setmodule("newsingest.settings", priority="project")
    if db_path:
        settings.set("NEWSINGEST_DB", db_path, priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def spider_names(settings: Settings | None = None) -> list[str]:
    return sorted(SpiderLoader.from_settings(settings or project_settings()).list())


def spider_class(name: str, settings: Settings | None = None) -> type:
    return SpiderLoader.from_settings(settings or project_settings()).load(name)


def run(jobs: list[Job], settings: Settings) -> list[Result]:
    """Run the jobs side by side until all finish; one Result per job, in order."""
    process = CrawlerProcess(settings)
    install_filter()
    crawlers: list[Crawler] = []
    for job in jobs:
        crawler = process.create_crawler(job.spider)
        crawlers.append(crawler)
        process.crawl(crawler, **job.args)
    process.start()
    results = []
    for job, crawler in zip(jobs, crawlers, strict=True):
        stats = crawler.stats.get_stats() if crawler.stats is not None else {}
        outcome = judge(stats) if stats else Outcome("failed", "the spider could not start", 1)
        results.append(Result(job, outcome, stats))
    return results
