"""Crawl runs: one row per run, with its status, its key figures as columns, and its full stats."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlite_utils import Database

from newsingest.store.rows import to_json, utc_now
from newsingest.store.schema import CRAWL_RUNS, RUN_COLUMNS

_STATUS_PREFIX = "downloader/response_status_count/"


def start_run(db: Database, spider: str, args: dict[str, Any], site: str | None = None) -> int:
    runs = db.table(CRAWL_RUNS)
    runs.insert({"spider": spider, "site": site, "args": to_json(args), "started": utc_now(), "status": "running"})
    assert runs.last_rowid is not None
    return runs.last_rowid


def run_figures(stats: dict[str, Any]) -> dict[str, Any]:
    """The columns of a run's row, read from its Scrapy stats."""

    def by_prefix(prefix: str) -> dict[str, int]:
        return {k.removeprefix(prefix): int(v) for k, v in sorted(stats.items()) if k.startswith(prefix)}

    started, finished = stats.get("start_time"), stats.get("finish_time")
    duration = (finished - started).total_seconds() if isinstance(started, dt.datetime) and finished else None
    figures = {
        "finish_reason": stats.get("finish_reason"),
        "duration": duration if duration is not None else stats.get("elapsed_time_seconds"),
        "requests": stats.get("downloader/request_count", 0),
        "responses": json.dumps(by_prefix(_STATUS_PREFIX)),
        "bytes": stats.get("downloader/response_bytes", 0),
        "not_modified": stats.get("newsingest/not_modified", 0),
        "skipped": stats.get("newsingest/skipped/stored", 0),
        "rejected": json.dumps(by_prefix("newsingest/rejected/")),
        "failed": json.dumps(by_prefix("newsingest/failed/")),
    }
    for status in ("new", "updated", "unchanged", "duplicate"):
        figures[status] = stats.get(f"newsingest/stored/{status}", 0)
    assert set(figures) <= set(RUN_COLUMNS)
    return figures


def finish_run(db: Database, run_id: int, status: str, stats: dict[str, Any]) -> None:
    row = {"finished": utc_now(), "status": status, "stats": to_json(stats), **run_figures(stats)}
    db.table(CRAWL_RUNS).update(run_id, row)


def recent_runs(db: Database, limit: int = 10, site: str | None = None) -> list[dict[str, Any]]:
    """The latest runs, newest first, with JSON columns decoded."""
    where, params = ("where site = ? or spider = ?", [site, site]) if site else ("", [])
    runs = list(db.query(f"select * from {CRAWL_RUNS} {where} order by id desc limit ?", [*params, limit]))
    for run in runs:
        for key in ("args", "stats", "responses", "rejected", "failed"):
            run[key] = json.loads(run[key]) if run.get(key) else {}
    return runs
