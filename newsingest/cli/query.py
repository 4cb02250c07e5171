"""`newsingest search` and `newsingest stats`: read what the crawler stored."""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import click
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from newsingest.cli import DAY, LIMIT, db_option, reports_errors
from newsingest.errors import StoreError, UsageError
from newsingest.store import MARK_END, MARK_START, SearchHit, Store
from newsingest.store.filters import ArticleFilter

_MARKED = re.compile(f"{re.escape(MARK_START)}(.*?){re.escape(MARK_END)}")

# Which Scrapy stats a run's row shows, by column; the first key present wins.
RUN_FIGURES: dict[str, tuple[str, ...]] = {
    "pages": ("downloader/response_count",),
    "scraped": ("item_scraped_count",),
    "dropped": ("newsingest/dropped", "item_dropped_count"),
    "errors": ("log_count/ERROR",),
}
_DROPPED_PREFIX = "newsingest/dropped/"

F = TypeVar("F", bound=Callable[..., Any])


def open_for_reading(db_path: str) -> Store:
    """The store at db_path, read-only; a missing file is a usage mistake, reported with what to run first."""
    if not os.path.exists(db_path):
        raise StoreError(f"no database at {db_path} (run `newsingest crawl` or `newsingest demo` first)")
    return Store(db_path, readonly=True)


def json_option(func: F) -> F:
    """The --json option of the query commands."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text, for scripts.")(func)


def all_option(func: F) -> F:
    """--all: include copies of stories stored elsewhere (rows with duplicate_of), hidden by default."""
    return click.option(
        "--all",
        "include_duplicates",
        is_flag=True,
        help="Include syndicated and near-identical copies of stories already stored (hidden by default).",
    )(func)


# search


def highlight(snippet: str, tty: bool) -> str:
    """Matched words in bold on a terminal; elsewhere the store's ⟦ ⟧ markers stay, so pipes and files keep them."""
    if not tty:
        return snippet
    return _MARKED.sub(lambda m: click.style(m.group(1), bold=True), snippet)


def format_hit(position: int, hit: SearchHit, tty: bool) -> str:
    """Three lines: position, date, site and headline; the URL; the snippet."""
    day = hit.published[:10] if hit.published else "undated"
    headline = click.style(hit.headline, bold=True) if tty else hit.headline
    return f"{position:>3}. {day}  {hit.site}  {headline}\n     {hit.url}\n     {highlight(hit.snippet, tty)}"


def filter_options(func: F) -> F:
    """--site, --since, --until, --author, --speaker and --all: which articles a query is about."""
    day = DAY
    options = [
        click.option("--site", metavar="HOST", help="Only articles from this site (a leading www. is ignored)."),
        click.option("--since", type=day, metavar="DATE", help="Published on or after this day (YYYY-MM-DD)."),
        click.option("--until", type=day, metavar="DATE", help="Published on or before this day (YYYY-MM-DD)."),
        click.option("--author", metavar="NAME", help="Only articles by this author (every word of the name)."),
        click.option("--speaker", metavar="NAME", help='Only articles quoting this person; "Price" finds Ned Price.'),
        all_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def article_filter(options: dict[str, Any]) -> ArticleFilter:
    """The ArticleFilter for the filter options of a command (popped from its keyword arguments)."""
    since, until = options.pop("since"), options.pop("until")
    return ArticleFilter(
        site=options.pop("site"),
        since=since,
        until=until,
        author=options.pop("author"),
        speaker=options.pop("speaker"),
        include_duplicates=options.pop("include_duplicates"),
    )


HIT_COLUMNS = ("url", "headline", "site", "published", "rank", "snippet")


@click.command()
@click.argument("query")
@filter_options
@click.option("--limit", type=LIMIT, metavar="N", default=20, show_default=True, help="Most hits to show.")
@click.option(
    "--format",
    "output",
    type=click.Choice(["table", "json", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="table: for reading; json: one array; jsonl: one hit per line; csv: a header and one row per hit.",
)
@json_option
@db_option
@reports_errors
def search(query: str, limit: int, output: str, as_json: bool, db_path: str, **options: Any) -> None:
    """Full-text search of stored articles, best match first.

    \b
    QUERY uses SQLite FTS5 syntax:
      ceasefire talks        both words, in the headline or the body
      "peace talks"          the exact phrase
      gaza OR ukraine        either word
      ceasefire NOT gaza     the first word without the second
      negotiat*              any word starting with "negotiat"
      headline:ceasefire     only in the headline (or body:...)
      "covid-19"             words with punctuation go in double quotes

    Case and accents are ignored ("zurich" finds "Zürich"). Ranking is bm25 with headline matches
    weighted above body matches. Each hit shows its date, site, headline, URL and a snippet with the
    matched words in bold (on a terminal) or between ⟦ ⟧ (elsewhere, and in json, jsonl and csv).
    --json is short for --format json.
    """
    if as_json and output not in ("table", "json"):
        raise UsageError(f"--json and --format {output} ask for two formats: give one")
    filters = article_filter(options)
    with open_for_reading(db_path) as store:
        hits = store.search(query, limit=limit, **{k: getattr(filters, k) for k in ArticleFilter.__slots__})
    output = "json" if as_json else output
    if output == "json":
        click.echo(json.dumps([hit.to_dict() for hit in hits], ensure_ascii=False, indent=2))
    elif output == "jsonl":
        for hit in hits:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
    elif output == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=HIT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(hit.to_dict() for hit in hits)
    elif hits:
        tty = sys.stdout.isatty()
        click.echo("\n\n".join(format_hit(n, hit, tty) for n, hit in enumerate(hits, start=1)))
    if not hits:
        click.echo("no matches", err=True)


# stats


@dataclass(frozen=True, slots=True)
class Listing:
    """A table to print: a title, column names, rows of text, and which columns hold numbers."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    numeric: frozenset[str] = frozenset()


def run_figure(stats: dict[str, Any], column: str) -> int | None:
    """One figure for a run's row, from the first of its stats keys present."""
    for key in RUN_FIGURES[column]:
        if key in stats:
            return int(stats[key])
    if column == "dropped":
        by_reason = [value for key, value in stats.items() if key.startswith(_DROPPED_PREFIX)]
        if by_reason:
            return sum(int(value) for value in by_reason)
    return None


def _moment(value: str | None) -> str:
    return value[:19].replace("T", " ") if value else ""


def stats_listings(totals: dict[str, int], sites: list[tuple[str, int]], runs: list[dict[str, Any]]) -> list[Listing]:
    """The stats report as tables: totals, articles per site, recent crawl runs."""
    figures = tuple(RUN_FIGURES)
    run_rows = []
    for run in runs:
        counts = [run_figure(run["stats"], column) for column in figures]
        run_rows.append(
            (
                str(run["id"]),
                run["spider"],
                _moment(run["started"]),
                _moment(run["finished"]),
                run["status"],
                *("" if n is None else str(n) for n in counts),
            )
        )
    return [
        Listing("Stored", ("table", "rows"), [(name, str(n)) for name, n in totals.items()], frozenset({"rows"})),
        Listing("Articles per site", ("site", "articles"), [(s, str(n)) for s, n in sites], frozenset({"articles"})),
        Listing(
            "Latest crawl runs (times in UTC)",
            ("run", "spider", "started", "finished", "status", *figures),
            run_rows,
            frozenset({"run", *figures}),
        ),
    ]


def render_plain(listing: Listing) -> str:
    """A listing as aligned columns of plain text: numbers to the right, text to the left."""
    # Widths in terminal cells: a CJK character takes two.
    widths = [max(cell_len(cell) for cell in column) for column in zip(listing.headers, *listing.rows, strict=True)]
    lines = [listing.title]
    for cells in (listing.headers, *listing.rows):
        parts = [
            _pad(cell, width, right=header in listing.numeric)
            for header, cell, width in zip(listing.headers, cells, widths, strict=True)
        ]
        lines.append("  ".join(parts).rstrip())
    if not listing.rows:
        lines.append("(none)")
    return "\n".join(lines)


def _pad(cell: str, width: int, *, right: bool) -> str:
    space = " " * (width - cell_len(cell))
    return space + cell if right else cell + space


def print_rich(listings: list[Listing], console: Console | None = None) -> None:
    """Listings as rich tables, for a terminal."""
    console = console or Console()
    for listing in listings:
        table = Table(title=listing.title, title_justify="left")
        for header in listing.headers:
            table.add_column(header, justify="right" if header in listing.numeric else "left")
        for row in listing.rows:
            table.add_row(*row)
        console.print(table)


@click.command()
@click.option(
    "--runs",
    "run_limit",
    type=click.IntRange(min=0, max=10_000),
    metavar="N",
    default=5,
    show_default=True,
    help="How many recent crawl runs to list.",
)
@json_option
@db_option
@reports_errors
def stats(run_limit: int, as_json: bool, db_path: str) -> None:
    """What the database holds: row counts, articles per site, and the latest crawl runs.

    "duplicates" counts articles stored as copies of another (syndicated or near-identical);
    "revisions" counts earlier versions kept for stories that changed.

    Each run shows its id, spider, start and finish time (UTC), status, and from its Scrapy stats the
    pages downloaded, articles scraped, items dropped and errors logged. On a terminal the tables are
    drawn with rich; in a pipe they are plain aligned text.
    """
    with open_for_reading(db_path) as store:
        totals = {table: store.count(table) for table in ("articles", "quotes", "links", "crawl_runs")}
        totals["duplicates"] = store.count_duplicates()
        totals["revisions"] = store.count("article_revisions")
        sites = store.site_counts()
        runs = store.recent_runs(run_limit) if run_limit else []
    if as_json:
        report = {
            "totals": totals,
            "sites": [{"site": site, "articles": n} for site, n in sites],
            "runs": runs,
        }
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    listings = stats_listings(totals, sites, runs)
    if sys.stdout.isatty():
        print_rich(listings)
    else:
        click.echo("\n\n".join(render_plain(listing) for listing in listings))


COMMANDS = [search, stats]
