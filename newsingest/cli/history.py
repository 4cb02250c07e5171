"""`newsingest history URL`: a story's earlier versions and its copies elsewhere."""

from __future__ import annotations

import json

import click

from newsingest.cli import db_option, fail, reports_errors
from newsingest.cli.query import json_option, open_for_reading
from newsingest.store.history import History


def render(history: History) -> str:
    lines = [history.versions[-1].headline, f"  {history.url}", f"  first seen {history.first_seen}"]
    if history.duplicate_of:
        lines.append(f"  a copy of {history.duplicate_of}")
    lines.append(f"  addresses: {', '.join(history.addresses)}")
    lines.append(f"versions ({len(history.versions)}, oldest first):")
    for number, version in enumerate(history.versions, start=1):
        until = f"replaced {version.replaced}" if version.replaced else "current"
        lines.append(
            f"  {number}. fetched {version.fetched or '?'}, {until}: {version.words} words, "
            f"body {version.fingerprint[:12]}\n     {version.headline}"
        )
    lines.append(f"copies elsewhere ({len(history.copies)}):")
    lines.extend(f"  {copy.first_seen}  {copy.site}  {copy.url}\n     {copy.headline}" for copy in history.copies)
    return "\n".join(lines)


@click.command()
@click.argument("url")
@json_option
@db_option
@reports_errors
def history(url: str, as_json: bool, db_path: str) -> None:
    """A stored story's earlier versions and its copies at other addresses.

    URL may be any spelling of the story's address: with tracking parameters, its AMP or mobile
    version, a print view. Each version lists when it was fetched and replaced, its length and body
    hash; copies are syndicated or near-identical stories stored with `duplicate_of` pointing here.
    """
    with open_for_reading(db_path) as store:
        found = store.history(url)
    if found is None:
        fail(f"no stored story at {url}")
        return
    click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2) if as_json else render(found))


COMMANDS = [history]
