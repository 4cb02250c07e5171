"""`newsingest crawl`, `sites` and `demo`: running spiders from the command line."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from newsingest.cli import date_options, db_option, fail, reports_errors
from newsingest.crawl.outcome import EXIT_NOT_STARTED
from newsingest.errors import StateError, StoreError
from newsingest.urls import is_http_url

DEMO_PORT = 8765
LOG_LEVELS = click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False)


def _setting(value: str) -> tuple[str, Any]:
    name, sep, raw = value.partition("=")
    if not sep or not name.strip():
        raise click.BadParameter(f"expected NAME=VALUE, got {value!r}", param_hint="--set")
    try:
        parsed: Any = json.loads(raw)
    except ValueError:
        parsed = raw
    return name.strip(), parsed


def _check_url(value: str, option: str) -> str:
    if not is_http_url(value):
        raise click.BadParameter(f"not an http(s) URL: {value!r}", param_hint=option)
    return value


def plan_jobs(
    targets: tuple[str, ...],
    feeds: tuple[str, ...],
    sitemaps: tuple[str, ...],
    base: str | None,
    options: dict[str, str],
    known: list[str],
) -> list[Any]:
    """Spider jobs for the command's arguments: one per named site, one generic job for all URLs."""
    from newsingest.crawl.runner import Job

    jobs, urls = [], []
    for target in targets:
        if any(c in target for c in ":/."):
            urls.append(_check_url(target, "SITE_OR_URL"))
        elif target in known:
            jobs.append(Job(target, {**({"base": base} if base else {}), **options}))
        else:
            raise click.BadParameter(
                f"unknown site {target!r} (known: {', '.join(known)}); a URL must start with http:// or https://",
                param_hint="SITE_OR_URL",
            )
    for url in (*feeds, *sitemaps):
        _check_url(url, "--feed/--sitemap")
    if urls or feeds or sitemaps:
        args = {"urls": " ".join(urls), "feeds": " ".join(feeds), "sitemaps": " ".join(sitemaps), **options}
        jobs.append(Job("news", {k: v for k, v in args.items() if v}))
    return jobs


@click.command()
@click.argument("targets", metavar="SITE_OR_URL...", nargs=-1)
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="An RSS or Atom feed to read (repeatable).")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL", help="A sitemap or sitemap index (repeatable).")
@click.option("--base", metavar="URL", help="Root URL for a site spider whose start points are paths (the demo).")
@click.option(
    "--follow/--no-follow",
    default=True,
    show_default=True,
    help="Follow every link on fetched pages, or only the story lists around articles (see --sidebars).",
)
@click.option(
    "--sidebars/--no-sidebars",
    default=True,
    show_default=True,
    help="Follow the items of sidebar lists (Latest news, Related) found around articles.",
)
@click.option(
    "--robots-sitemaps/--no-robots-sitemaps",
    default=True,
    show_default=True,
    help="Read the sitemaps a site names in its robots.txt when no --sitemap is given.",
)
@click.option(
    "--refresh",
    is_flag=True,
    help="Fetch stories already stored again, to record what changed (by default they are skipped).",
)
@click.option("--max-pages", type=click.IntRange(min=0), default=0, help="Stop after this many pages (0: no limit).")
@click.option("--depth", type=click.IntRange(min=0), help="Links followed from a start page (default 3).")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting.")
@click.option("--log-level", type=LOG_LEVELS, default="WARNING", show_default=True, help="Scrapy's log level.")
@date_options
@db_option
@reports_errors
def crawl(
    targets: tuple[str, ...],
    feeds: tuple[str, ...],
    sitemaps: tuple[str, ...],
    base: str | None,
    follow: bool,
    sidebars: bool,
    robots_sitemaps: bool,
    refresh: bool,
    max_pages: int,
    depth: int | None,
    overrides: tuple[str, ...],
    log_level: str,
    timezone: str | None,
    date_order: str | None,
    db_path: str,
) -> None:
    """Crawl sites into the database.

    SITE_OR_URL is a site's spider name (see `newsingest sites`) or a URL of a home or section page;
    URLs without a spider of their own are crawled by the generic `news` spider. Stories already
    stored are not fetched again (unless --refresh), and pages, feeds and sitemaps are asked whether
    they changed since the last run. One run per site at a time. Each run is a row in crawl_runs
    (see `newsingest runs`).

    \b
    Exit codes (the worst of the sites crawled):
      0    ok
      1    failed: more than NEWSINGEST_MAX_ERROR_RATE (25%) of requests failed, nothing could be
           fetched, or articles could not be stored
      2    a wrong argument
      3    could not start: the database or the state folder is unusable
      75   locked: another run of the same site is still going
      130  interrupted

    \b
    Examples:
      newsingest crawl https://example.com/ --sitemap https://example.com/sitemap.xml
      newsingest crawl https://example.com/world/ --feed https://example.com/rss --max-pages 200
    """
    from newsingest.crawl.runner import job_site, project_settings, run, spider_names

    if base:
        _check_url(base, "--base")
    settings_overrides = dict(_setting(o) for o in overrides)
    if max_pages:
        settings_overrides["CLOSESPIDER_PAGECOUNT"] = max_pages
    if depth is not None:
        settings_overrides["DEPTH_LIMIT"] = depth
    settings_overrides.setdefault("LOG_LEVEL", log_level.upper())
    settings = project_settings(db_path, settings_overrides)
    options = {
        name: "no" for name, on in (("follow", follow), ("sidebars", sidebars), ("robots", robots_sitemaps)) if not on
    }
    options.update({name: value for name, value in (("timezone", timezone), ("date_order", date_order)) if value})
    if refresh:
        options["refresh"] = "yes"
    jobs = plan_jobs(targets, feeds, sitemaps, base, options, spider_names(settings))
    if not jobs:
        raise click.UsageError("nothing to crawl: give a site name or a URL (or --feed/--sitemap)")
    try:
        _check_database(db_path)
        results = run(jobs, settings)
    except (StoreError, StateError) as exc:
        fail(str(exc), EXIT_NOT_STARTED)
        return
    for result in results:
        click.echo(summary(job_site(result.job), result.stats, result.outcome))
    worst = max(r.outcome.exit_code for r in results)
    if worst:
        raise SystemExit(worst)


def _check_database(db_path: str) -> None:
    """Fail before crawling, not after, when the database cannot be opened."""
    from newsingest.store import Store

    Store(db_path).close()


STORED = ("new", "updated", "unchanged", "duplicate")


def summary(site: str, stats: dict[str, Any], outcome: Any) -> str:
    """What a crawl did, in a few lines."""

    def group(*prefixes: str) -> str:
        items = sorted(
            (k.removeprefix(prefix) or k.rsplit("/", 1)[-1], v)
            for prefix in prefixes
            for k, v in stats.items()
            if k.startswith(prefix)
        )
        return ", ".join(f"{k} {v}" for k, v in items) or "none"

    headline = f"crawl {site}: {outcome.status} ({outcome.reason})"
    if not stats:
        return headline
    stored = ", ".join(f"{k} {stats.get(f'newsingest/stored/{k}', 0)}" for k in STORED)
    return "\n".join(
        [
            f"{headline}, run {stats.get('newsingest/run_id', '?')}",
            f"  requests {stats.get('downloader/request_count', 0)}"
            f" (not modified {stats.get('newsingest/not_modified', 0)}), pages read {stats.get('newsingest/pages', 0)}"
            f", stories stored before not fetched again {stats.get('newsingest/skipped/stored', 0)}",
            f"  articles {stats.get('newsingest/articles', 0)}: {stored}",
            f"  not articles: {group('newsingest/rejected/')}",
            f"  not stored: {group('newsingest/dropped/', 'newsingest/skipped/out of range')}",
            f"  failed requests: {group('newsingest/failed/')}",
        ]
    )


@click.command()
@db_option
@reports_errors
def sites(db_path: str) -> None:
    """List the site spiders, their start points and, when the database exists, the articles stored for each."""
    from urllib.parse import urljoin

    from newsingest.crawl.runner import spider_class, spider_names
    from newsingest.store import Store
    from newsingest.urls import host_of

    counts = {}
    if Path(db_path).is_file() and Path(db_path).stat().st_size:
        with Store(db_path, readonly=True) as store:
            counts = dict(store.site_counts())
    for name in spider_names():
        cls = spider_class(name)
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        base = getattr(cls, "base", "")
        points = [*getattr(cls, "start_pages", ()), *getattr(cls, "feeds", ()), *getattr(cls, "sitemaps", ())]
        where = f" [{base}: {', '.join(points)}]" if points else ""
        stored = sum(counts.get(h, 0) for h in {host_of(urljoin(base, p)) for p in points})
        click.echo(f"{name:<12} {doc}{where}" + (f" ({stored} stored)" if points and counts else ""))


@click.command()
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), help="Serve this folder instead.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEMO_PORT,
    show_default=True,
    help="Port to serve on; a free one when it is taken (0: always a free one).",
)
@click.option("--query", default="harbour", show_default=True, help="The sample search to run afterwards.")
@db_option
@reports_errors
def demo(site_dir: Path | None, port: int, query: str, db_path: str) -> None:
    """Serve the bundled demo news site on 127.0.0.1, crawl it into the database, and search it.

    This is a real crawl with the real spider, over HTTP, into a real SQLite file.
    """
    from newsingest.crawl.runner import LOCAL_SITE_SETTINGS, Job, project_settings, run
    from newsingest.demo import DEMO_SITE, serve
    from newsingest.store import MARK_END, MARK_START, Store
    from newsingest.store.search import check_query

    root = site_dir or DEMO_SITE
    if not root.is_dir():
        fail(f"no demo site at {root} (run from a checkout of the repository, or pass --site-dir)", 2)
    check_query(query)  # before the crawl, not after it
    _check_database(db_path)
    # The same port every time keeps the demo's addresses, so running it again finds its stories stored.
    with ExitStack() as serving:
        try:
            site = serving.enter_context(serve(root, port))
        except OSError:
            site = serving.enter_context(serve(root, 0))
        base = site.base
        click.echo(f"serving {root} at {base}/")
        settings = project_settings(db_path, {**LOCAL_SITE_SETTINGS, "LOG_LEVEL": "WARNING"})
        (result,) = run([Job("demo", {"base": base + "/"})], settings)
    click.echo(summary("demo", result.stats, result.outcome))
    with Store(db_path, readonly=True) as store:
        click.echo(f"\n{db_path}: {store.count('articles')} articles, {store.count('crawl_runs')} crawl runs")
        hits = store.search(query, limit=3)
        click.echo(f'\nnewsingest search "{query}" (top {len(hits)}):')
        for hit in hits:
            snippet = hit.snippet.replace(MARK_START, "[").replace(MARK_END, "]")
            click.echo(f"  {hit.published or '':<10.10}  {hit.headline}\n      {snippet}")
    if result.outcome.exit_code:
        raise SystemExit(result.outcome.exit_code)


COMMANDS = [crawl, sites, demo]
