"""`newsingest export`: stored articles as JSON lines (quotes and links nested) or CSV (one row each)."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

import click

from newsingest.cli import db_option, reports_errors
from newsingest.cli.query import article_filter, filter_options, open_for_reading
from newsingest.errors import QueryError, StoreError, UsageError
from newsingest.store.articles import article_rows, load_article

CSV_COLUMNS = (
    "canonical_url",
    "url",
    "site",
    "headline",
    "published",
    "published_precision",
    "modified",
    "authors",
    "section",
    "language",
    "tags",
    "description",
    "duplicate_of",
    "first_seen",
    "last_seen",
    "quotes",
    "links",
    "body",
)
# Row columns that are not part of the Article, kept in the export.
STORED_ONLY = ("site", "duplicate_of", "first_seen", "last_seen")


def records(db: Any, rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Each stored article as a JSON-ready dict: the Article's own fields, and where and when it was stored."""
    for row in rows:
        data = load_article(db, row).to_dict()
        data.update({key: row[key] for key in STORED_ONLY})
        yield data


def flat(record: dict[str, Any]) -> dict[str, Any]:
    """A record as one CSV row: lists joined by "; ", quotes and links counted."""
    row = {key: record.get(key) for key in CSV_COLUMNS}
    row["authors"] = "; ".join(record["authors"])
    row["tags"] = "; ".join(record["tags"])
    row["quotes"] = len(record["quotes"])
    row["links"] = len(record["links"])
    return row


@click.command()
@filter_options
@click.option(
    "--query", metavar="TEXT", help="Only articles matching this full-text query (FTS5 syntax, as in search)."
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one article per line, quotes and links nested; csv: one row per article.",
)
@click.option(
    "--out", type=click.Path(dir_okay=False), metavar="FILE", help="Write to FILE (default: standard output)."
)
@db_option
@reports_errors
def export(query: str | None, output: str, out: str | None, db_path: str, **options: Any) -> None:
    """Write stored articles out, in the order they were stored, for other tools.

    Rows are read and written one at a time, so memory stays flat however large the database.
    JSON lines carry every field of each article as extraction produced it (dates in ISO 8601,
    quotes and links as nested objects), plus its site, duplicate_of, first_seen and last_seen.
    CSV gives one row per article: lists joined by "; ", quotes and links counted.

    \b
    Examples:
      newsingest export --out articles.jsonl
      newsingest export --format csv --site example.com --since 2026-01-01 --out january.csv
      newsingest export --speaker Price --query ceasefire
    """
    filters = article_filter(options)
    if query is not None:
        filters = replace(filters, matching=query)
    target = Path(out) if out else None
    if target is not None and target.resolve() in {Path(db_path + suffix).resolve() for suffix in ("", "-wal", "-shm")}:
        raise UsageError(f"--out {out} is the database itself")
    with open_for_reading(db_path) as store:
        rows = article_rows(store.db, filters, order="stored")
        try:
            if target is None:
                count = write(records(store.db, rows), output, sys.stdout)
            else:
                count = write_file(records(store.db, rows), output, target)
        except sqlite3.OperationalError as exc:
            raise QueryError(f"malformed search query: {exc}") from exc
        except BrokenPipeError:
            # The reader went away (`newsingest export | head`): nothing more to say to it.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            return
        except OSError as exc:
            raise StoreError(f"cannot write {out}: {exc.strerror or exc}") from exc
    noun = "article" if count == 1 else "articles"
    click.echo(f"exported {count} {noun}" + (f" to {out}" if out else ""), err=True)


def write_file(items: Iterator[dict[str, Any]], output: str, target: Path) -> int:
    """Write into a temporary file beside the target, then put it in place: a failed export leaves no half file."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            count = write(items, output, stream)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def write(items: Iterator[dict[str, Any]], output: str, stream: IO[str]) -> int:
    """Write each record as it comes; returns how many were written."""
    count = 0
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n") if output == "csv" else None
    if writer is not None:
        writer.writeheader()
    for record in items:
        if writer is not None:
            writer.writerow(flat(record))
        else:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


COMMANDS = [export]
