"""Running spiders in this process and reading back what happened."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from newsingest.crawl.lock import site_lock, state_dir
from newsingest.crawl.logs import install_filter
from newsingest.crawl.outcome import Outcome, judge, locked, not_started, recorded
from newsingest.errors import Locked
from newsingest.store import Store
from newsingest.urls import host_of

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


def site_name(spider: str, points: Iterable[str]) -> str:
    """How runs and locks name a site: a site spider's name; for the generic spider, its first start point's host."""
    if spider != "news":
        return spider
    first = next((p for p in points if p), "")
    return host_of(first) or spider


def job_site(job: Job) -> str:
    points = [
        p for key in ("url", "urls", "feed", "feeds", "sitemap", "sitemaps") for p in job.args.get(key, "").split()
    ]
    return site_name(job.spider, points)


def run(jobs: list[Job], settings: Settings, *, hold_locks: bool = True) -> list[Result]:
    """Run the jobs side by side until all finish; one Result per job, in order.

    Each job holds its site's lock while it runs; a job whose site is locked by another run does not
    start, and is recorded in crawl_runs with status "locked". With `hold_locks` False the caller
    holds them already.
    """
    if not hold_locks:
        return _crawl(jobs, settings)
    db_path = settings.get("NEWSINGEST_DB")
    folder = settings_state_dir(settings)
    held: dict[int, Outcome] = {}
    with ExitStack() as locks:
        runnable = []
        for position, job in enumerate(jobs):
            try:
                locks.enter_context(site_lock(folder, job_site(job)))
            except Locked as exc:
                held[position] = locked(str(exc))
                record_locked(db_path, job, str(exc))
            else:
                runnable.append((position, job))
        crawled = _crawl([job for _, job in runnable], settings) if runnable else []
    results: list[Result | None] = [None] * len(jobs)
    for position, outcome in held.items():
        results[position] = Result(jobs[position], outcome, {})
    for (position, _), result in zip(runnable, crawled, strict=True):
        results[position] = result
    return [r for r in results if r is not None]


def settings_state_dir(settings: Settings) -> Path:
    return state_dir(settings.get("NEWSINGEST_DB"), settings.get("NEWSINGEST_STATE_DIR") or None)


def record_locked(db_path: str, job: Job, reason: str) -> None:
    """A run that found its site locked is still a row in crawl_runs: the schedule tried, and why it stopped."""
    with Store(db_path) as store:
        run_id = store.start_run(job.spider, dict(job.args), job_site(job))
        store.finish_run(run_id, "locked", {"newsingest/verdict": reason})


def _crawl(jobs: list[Job], settings: Settings) -> list[Result]:
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
        outcome = recorded(stats) or (judge(stats) if stats else not_started("the spider could not start"))
        results.append(Result(job, outcome, stats))
    return results
