"""`newsingest backfill`: a site's archive over a date range, resumable, with its progress shown."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from newsingest.cli import DAY, date_options, db_option, fail, reports_errors
from newsingest.cli.crawl import LOG_LEVELS, _setting, plan_jobs, summary
from newsingest.crawl.outcome import EXIT_LOCKED, EXIT_NOT_STARTED
from newsingest.errors import Locked, StateError, StoreError


@click.command()
@click.argument("targets", metavar="SITE_OR_URL...", nargs=-1, required=True)
@click.option("--since", type=DAY, required=True, metavar="DATE", help="First publication day to fetch (YYYY-MM-DD).")
@click.option("--until", type=DAY, metavar="DATE", help="Last publication day to fetch (default: today).")
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="An RSS or Atom feed to read too (repeatable).")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL", help="A sitemap or sitemap index (repeatable).")
@click.option("--base", metavar="URL", help="Root URL for a site spider whose start points are paths (the demo).")
@click.option(
    "--robots-sitemaps/--no-robots-sitemaps",
    default=True,
    show_default=True,
    help="Read the sitemaps a site names in its robots.txt when no --sitemap is given.",
)
@click.option(
    "--progress",
    type=click.Choice(["auto", "live", "log", "none"]),
    default="auto",
    show_default=True,
    help="A live line on a terminal, a line every 30 s otherwise (auto), or nothing.",
)
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting.")
@click.option("--log-level", type=LOG_LEVELS, default="WARNING", show_default=True, help="Scrapy's log level.")
@date_options
@db_option
@reports_errors
def backfill(
    targets: tuple[str, ...],
    since: dt.date,
    until: dt.date | None,
    feeds: tuple[str, ...],
    sitemaps: tuple[str, ...],
    base: str | None,
    robots_sitemaps: bool,
    progress: str,
    overrides: tuple[str, ...],
    log_level: str,
    timezone: str | None,
    date_order: str | None,
    db_path: str,
) -> None:
    """Fetch a site's stories published between --since and --until, newest first.

    SITE_OR_URL is a site spider's name, or the URLs of a site's home and section pages.

    Reads the site's sitemaps (skipping those and entries outside the range), the archive pages its
    spider names, and its listings page after page until they show only older stories. Stories
    already stored are not fetched again, so stopping (Ctrl-C, SIGTERM, even kill -9) and running the
    same command again continues where it left off; after a clean stop the queue itself is kept (in
    the state folder, beside the database). Exit codes as for `crawl`; 130 when interrupted.

    \b
    Examples:
      newsingest backfill https://example.com/ --since 2024-01-01 --until 2024-06-30
      newsingest backfill https://example.com/world/ https://example.com/business/ --since 2025-01-01
      newsingest backfill example --since 2025-11-01 --sitemap https://example.com/sitemap-2025.xml
    """
    from newsingest.crawl.backfill import DateRange, finish_job_folder, job_folder, prepare_job_folder
    from newsingest.crawl.lock import site_lock
    from newsingest.crawl.runner import job_site, project_settings, record_locked, run, settings_state_dir, spider_names
    from newsingest.store import Store

    end = until or dt.datetime.now(dt.UTC).date()
    if end < since:
        if until is None:
            raise click.BadParameter(f"{since} is in the future (give --until too)", param_hint="--since")
        raise click.BadParameter(f"{end} is before --since {since}", param_hint="--until")
    window = DateRange(since, end)
    options = {"since": window.since.isoformat(), "until": window.until.isoformat()}
    options.update({name: value for name, value in (("timezone", timezone), ("date_order", date_order)) if value})
    if not robots_sitemaps:
        options["robots"] = "no"
    overrides_map: dict[str, Any] = dict(_setting(o) for o in overrides)
    settings = project_settings(
        db_path,
        {
            # Every page in the range is wanted, whatever it held before; listings can go many pages deep.
            "NEWSINGEST_CONDITIONAL": False,
            "DEPTH_LIMIT": 0,
            "NEWSINGEST_BATCH_SIZE": 10,
            "NEWSINGEST_PROGRESS": "" if progress == "none" else progress,
            "LOG_LEVEL": log_level.upper(),
            **overrides_map,
        },
    )
    jobs = plan_jobs(targets, feeds, sitemaps, base, options, spider_names(settings))
    if len(jobs) != 1:
        raise click.UsageError("a backfill reads one site: a site name, or URLs with their feeds and sitemaps")
    job = jobs[0]
    site = job_site(job)
    folder = job_folder(settings_state_dir(settings), site, window)
    try:
        Store(db_path).close()  # fail before starting when the database cannot be opened
        with site_lock(settings_state_dir(settings), site):
            prepare_job_folder(folder)
            settings.set("JOBDIR", str(folder), priority="cmdline")
            (result,) = run([job], settings, hold_locks=False)
            finish_job_folder(folder, done=result.stats.get("finish_reason") == "finished")
    except Locked as exc:
        record_locked(db_path, job, str(exc))
        fail(str(exc), EXIT_LOCKED)
        return
    except (StoreError, StateError, OSError) as exc:
        fail(str(exc), EXIT_NOT_STARTED)
        return
    click.echo(summary(f"{site} {window.since}..{window.until}", result.stats, result.outcome))
    if result.outcome.exit_code:
        raise SystemExit(result.outcome.exit_code)


COMMANDS = [backfill]
