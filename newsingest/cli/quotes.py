"""`newsingest quotes`: who said what, from the quotations stored with each article."""

from __future__ import annotations

import datetime as dt
import json
import sys
import textwrap

import click

from newsingest.cli import DAY, LIMIT, db_option, reports_errors
from newsingest.cli.query import all_option, json_option, open_for_reading
from newsingest.store import QuoteHit


def format_quote(hit: QuoteHit, tty: bool) -> str:
    day = hit.published[:10] if hit.published else "undated"
    who = hit.speaker or (f"({hit.speaker_raw})" if hit.speaker_raw else "(unattributed)")
    cue = f" {hit.cue}" if hit.cue else ""
    head = f"{day}  {click.style(who, bold=True) if tty else who}{cue}  [{hit.kind}]"
    body = textwrap.fill(f"“{hit.text}”", width=100, initial_indent="    ", subsequent_indent="    ")
    return f"{head}\n{body}\n    — {hit.headline} <{hit.url}>"


@click.command()
@click.option("--speaker", metavar="NAME", help='Quotations by this person or organisation; "Price" finds Ned Price.')
@click.option("--search", metavar="TEXT", help="Quotations containing these words (FTS5 syntax, as in `search`).")
@click.option("--site", metavar="HOST", help="Only articles from this site (a leading www. is ignored).")
@click.option("--since", type=DAY, metavar="DATE", help="Published on or after.")
@click.option("--until", type=DAY, metavar="DATE", help="Published on or before.")
@click.option("--limit", type=LIMIT, default=50, show_default=True, help="Most quotations to show.")
@all_option
@json_option
@db_option
@reports_errors
def quotes(
    speaker: str | None,
    search: str | None,
    site: str | None,
    since: dt.date | None,
    until: dt.date | None,
    limit: int,
    include_duplicates: bool,
    as_json: bool,
    db_path: str,
) -> None:
    """Direct quotations with who said them, newest article first.

    \b
    Examples:
      newsingest quotes --speaker Price                    every quotation by Ned Price
      newsingest quotes --speaker "Ned Price" --search ceasefire --since 2022-09-01
      newsingest quotes --search '"peace process"' --json

    The speaker filter matches every word of the name in any case and without accents, so a surname
    finds the full name the articles give. Each quotation shows the reporting cue ("told reporters")
    and its kind: direct, partial (inside the writer's sentence) or block (a blockquote or post).
    """
    with open_for_reading(db_path) as store:
        hits = store.quotes(
            speaker=speaker,
            search=search,
            site=site,
            since=since,
            until=until,
            limit=limit,
            include_duplicates=include_duplicates,
        )
    if as_json:
        click.echo(json.dumps([hit.to_dict() for hit in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("no quotations match", err=True)
        return
    tty = sys.stdout.isatty()
    click.echo("\n\n".join(format_quote(hit, tty) for hit in hits))


COMMANDS = [quotes]
