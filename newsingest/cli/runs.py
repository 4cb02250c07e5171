"""`newsingest runs`: what each crawl run did, for whoever keeps an eye on the schedule."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from newsingest.cli import LIMIT, db_option, reports_errors
from newsingest.cli.query import Listing, json_option, open_for_reading, print_rich, render_plain

COLUMNS = ("run", "site", "started", "took", "status", "requests", "304", "new", "updated", "same", "copies", "failed")


def _when(value: str | None) -> str:
    return value[:19].replace("T", " ") if value else ""


def _took(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}m{rest:02d}s" if minutes else f"{rest}s"


def run_row(run: dict[str, Any]) -> tuple[str, ...]:
    figures = [run.get(k) for k in ("requests", "not_modified", "new", "updated", "unchanged", "duplicate")]
    failed = sum(run.get("failed", {}).values()) if isinstance(run.get("failed"), dict) else None
    return (
        str(run["id"]),
        run.get("site") or run["spider"],
        _when(run["started"]),
        _took(run.get("duration")),
        run["status"],
        *("" if value is None else str(value) for value in figures),
        "" if failed is None else str(failed),
    )


@click.command()
@click.option(
    "--site",
    metavar="SITE",
    help="Only runs of this site: a site spider's name (demo), or the host of URLs crawled without one.",
)
@click.option("--limit", type=LIMIT, default=20, show_default=True, help="Most runs to list.")
@json_option
@db_option
@reports_errors
def runs(site: str | None, limit: int, as_json: bool, db_path: str) -> None:
    """The latest crawl runs, newest first: when, how long, and what each did.

    Status is ok, failed (errors above the threshold, nothing fetched, storage errors), interrupted,
    locked (another run of the site was going) or running. Columns count requests made, 304 Not
    Modified answers, articles new, updated, the same as stored, and stored as copies of another
    story, and requests that failed. --json gives every figure, with responses by status, rejections
    and failures by reason, bytes and the finish reason.
    """
    with open_for_reading(db_path) as store:
        found = store.recent_runs(limit, site)
    if as_json:
        for run in found:
            run.pop("stats", None)
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    listing = Listing("Crawl runs (times in UTC)", COLUMNS, [run_row(run) for run in found], frozenset(COLUMNS[5:]))
    if sys.stdout.isatty():
        print_rich([listing])
    else:
        click.echo(render_plain(listing))


COMMANDS = [runs]
