"""Whether a crawl succeeded, judged from its stats: Scrapy itself exits 0 either way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Finish reasons of a crawl that ran to its end or to a limit it was given.
_NORMAL_ENDS = {"finished", "closespider_pagecount", "closespider_itemcount", "closespider_timeout"}


@dataclass(frozen=True, slots=True)
class Outcome:
    """A crawl's verdict: status "ok", "failed" or "interrupted", the reason, and the process exit code."""

    status: str
    reason: str
    exit_code: int


def judge(stats: dict[str, Any], finish_reason: str | None = None) -> Outcome:
    """The outcome of a crawl from its stats (and the finish reason, when stats do not have it yet)."""
    reason = finish_reason or stats.get("finish_reason") or "unknown"
    if reason == "shutdown":
        return Outcome("interrupted", "stopped before the end (signal)", 130)
    if reason not in _NORMAL_ENDS:
        return Outcome("failed", f"crawl ended early: {reason}", 1)
    if stats.get("newsingest/store_errors", 0):
        return Outcome("failed", "articles could not be stored", 1)
    errors = sum(v for k, v in stats.items() if k.startswith("spider_exceptions/"))
    if errors:
        return Outcome("failed", f"{errors} page(s) raised an error in the spider", 1)
    if not stats.get("downloader/response_count", 0):
        return Outcome("failed", "no page could be fetched", 1)
    if (
        not stats.get("newsingest/pages", 0)
        and not stats.get("newsingest/sitemaps", 0)
        and not stats.get("newsingest/feeds", 0)
    ):
        return Outcome("failed", "none of the start points could be read", 1)
    return Outcome("ok", "finished", 0)
