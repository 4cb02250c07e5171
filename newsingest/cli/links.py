"""`newsingest links`: what the sites' "Latest news", "Related" and "Most read" lists point to."""

from __future__ import annotations

import datetime as dt
import json

import click

from newsingest.cli import DAY, LIMIT, db_option, reports_errors
from newsingest.cli.query import json_option, open_for_reading


@click.command()
@click.option("--section", metavar="LABEL", help='Only lists with this label, e.g. "Latest news" (any case).')
@click.option("--site", metavar="HOST", help="Only lists on this site's pages (a leading www. is ignored).")
@click.option("--since", type=DAY, metavar="DATE", help="Items dated on or after.")
@click.option("--limit", type=LIMIT, default=100, show_default=True, help="Most items to show.")
@json_option
@db_option
@reports_errors
def links(
    section: str | None, site: str | None, since: dt.date | None, limit: int, as_json: bool, db_path: str
) -> None:
    """The stories that link lists around stored articles point to, newest first.

    Each target appears once, with the labels of the lists it was in and how many stored pages
    list it: a story in every page's "Latest news" sidebar shows a high count.
    """
    with open_for_reading(db_path) as store:
        targets = store.link_targets(section=section, site=site, since=since, limit=limit)
    if as_json:
        click.echo(json.dumps([t.to_dict() for t in targets], ensure_ascii=False, indent=2))
        return
    if not targets:
        click.echo("no links match", err=True)
        return
    for target in targets:
        day = (target.published or "undated")[:10]
        click.echo(
            f"{day:<10}  {target.title}\n            {target.url}  "
            f"[{', '.join(target.sections) or 'unlabelled'}; on {target.pages} page(s)]"
        )


COMMANDS = [links]
