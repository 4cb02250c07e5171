"""Whether a crawl succeeded, judged from its stats (Scrapy itself exits 0 either way), and its exit code.

Exit codes, for cron, systemd and scrapyd:

    0    ok: the run finished, with errors under the threshold
    1    failed: the run finished, but too many requests failed (more than NEWSINGEST_MAX_ERROR_RATE,
         default 25%), nothing could be fetched, or articles could not be stored
    2    usage: a wrong argument (nothing was started)
    3    could not start: the database, the state folder or the spider's own arguments are unusable
    75   locked: another run of the same site is still going (EX_TEMPFAIL: try again later)
    130  interrupted (Ctrl-C, SIGTERM): a backfill started again continues where it stopped
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_STARTED = 3
EXIT_LOCKED = 75
EXIT_INTERRUPTED = 130

DEFAULT_MAX_ERROR_RATE = 0.25
# Finish reasons of a crawl that ran to its end or to a limit it was given.
_NORMAL_ENDS = {"finished", "closespider_pagecount", "closespider_itemcount", "closespider_timeout"}
# Requests refused by our own politeness, not failures of the site.
_NOT_ERRORS = {"newsingest/failed/forbidden by robots.txt"}


@dataclass(frozen=True, slots=True)
class Outcome:
    """A crawl's verdict: status ("ok", "failed", "interrupted", "locked", "not started"), why, and the exit code."""

    status: str
    reason: str
    exit_code: int


def not_started(reason: str) -> Outcome:
    return Outcome("not started", reason, EXIT_NOT_STARTED)


def locked(reason: str) -> Outcome:
    return Outcome("locked", reason, EXIT_LOCKED)


def record(stats: Any, outcome: Outcome) -> None:
    """Keep the verdict in the crawl's stats, where the runner, `scrapy crawl` and crawl_runs read it."""
    stats.set_value("newsingest/status", outcome.status)
    stats.set_value("newsingest/verdict", outcome.reason)
    stats.set_value("newsingest/exit_code", outcome.exit_code)


def recorded(stats: dict[str, Any]) -> Outcome | None:
    """The verdict `record` kept, if the crawl got far enough to be judged."""
    if "newsingest/exit_code" not in stats:
        return None
    return Outcome(stats["newsingest/status"], stats.get("newsingest/verdict", ""), int(stats["newsingest/exit_code"]))


def error_rate(stats: dict[str, Any]) -> tuple[int, int]:
    """(failed, attempted): requests that failed, by any reason, against all that came back or failed."""
    failed = sum(int(v) for k, v in stats.items() if k.startswith("newsingest/failed/") and k not in _NOT_ERRORS)
    answered = sum(
        int(v)
        for k, v in stats.items()
        if k.startswith("downloader/response_status_count/") and k.rsplit("/", 1)[1][:1] in "23"
    )
    return failed, failed + answered


def judge(stats: dict[str, Any], finish_reason: str | None = None, max_error_rate: float | None = None) -> Outcome:
    """The outcome of a crawl from its stats (and the finish reason, when stats do not have it yet)."""
    limit = DEFAULT_MAX_ERROR_RATE if max_error_rate is None else max_error_rate
    reason = finish_reason or stats.get("finish_reason") or "unknown"
    if reason == "shutdown":
        return Outcome("interrupted", "stopped before the end (signal)", EXIT_INTERRUPTED)
    if reason not in _NORMAL_ENDS:
        return Outcome("failed", f"crawl ended early: {reason}", EXIT_FAILED)
    if stats.get("newsingest/store_errors", 0):
        return Outcome("failed", "articles could not be stored", EXIT_FAILED)
    errors = sum(v for k, v in stats.items() if k.startswith("spider_exceptions/"))
    if errors:
        return Outcome("failed", f"{errors} page(s) raised an error in the spider", EXIT_FAILED)
    if not stats.get("downloader/response_count", 0):
        return Outcome("failed", "no page could be fetched", EXIT_FAILED)
    read = ("newsingest/pages", "newsingest/sitemaps", "newsingest/feeds", "newsingest/not_modified")
    if not any(stats.get(key, 0) for key in read):
        return Outcome("failed", "none of the start points could be read", EXIT_FAILED)
    failed, attempted = error_rate(stats)
    if attempted and failed / attempted > limit:
        return Outcome(
            "failed", f"{failed} of {attempted} requests failed ({failed / attempted:.0%} > {limit:.0%})", EXIT_FAILED
        )
    return Outcome("ok", "finished", EXIT_OK)
