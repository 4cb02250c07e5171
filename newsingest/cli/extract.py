"""`newsingest extract`: read one page and print the article as JSON."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import click
from w3lib.url import safe_url_string

from newsingest import __version__
from newsingest.cli import date_options, db_option, fail, reports_errors
from newsingest.errors import NotAnArticle
from newsingest.urls import is_http_url

FETCH_TIMEOUT = 30
MAX_BYTES = 10 * 1024 * 1024


def fetch(url: str) -> tuple[bytes, str | None]:
    """One page over HTTP, as the crawler would ask for it."""
    # An address with non-ASCII letters (例え.jp/記事) goes out in its ASCII form, as browsers send it.
    request = urllib.request.Request(safe_url_string(url), headers={"User-Agent": f"newsingest/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            return response.read(MAX_BYTES + 1)[:MAX_BYTES], response.headers.get("Content-Type")
    except OSError as exc:
        fail(f"cannot fetch {url}: {exc}")
        raise  # unreachable: fail() exits


@click.command()
@click.argument("source", metavar="FILE_OR_URL")
@click.option("--url", help="The page's URL when SOURCE is a saved file (for canonical URLs and relative links).")
@click.option("--compact", is_flag=True, help="One line of JSON instead of indented JSON.")
@click.option("--save", is_flag=True, help="Also store the article in the database (--db).")
@date_options
@db_option
@reports_errors
def extract(
    source: str,
    url: str | None,
    compact: bool,
    save: bool,
    timezone: str | None,
    date_order: str | None,
    db_path: str,
) -> None:
    """Extract the article from a saved page or a URL and print it as JSON.

    Exits with 1 and the reason when the page is not an article (an index, tag or author page).
    With --save, the article is also stored, as a crawl would store it.
    """
    from newsingest.extraction import extract as extract_article

    content_type = None
    if is_http_url(source):
        html, content_type = fetch(source)
        page_url = url or source
    else:
        path = Path(source)
        if not path.is_file():
            problem = "not a file" if path.exists() else "no such file"
            raise click.BadParameter(f"{problem}: {source}", param_hint="FILE_OR_URL")
        html = path.read_bytes()
        page_url = url or path.resolve().as_uri()
    if url is not None and not is_http_url(url):
        raise click.BadParameter(f"not an http(s) URL: {url!r}", param_hint="--url")
    try:
        site = {"timezone": timezone, "date_order": date_order.upper() if date_order else None}
        article = extract_article(html, page_url, content_type=content_type, site=site)
    except NotAnArticle as exc:
        fail(f"not an article: {exc.reason} ({page_url})")
        return
    click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=None if compact else 2))
    if save:
        from newsingest.normalize import normalize_article
        from newsingest.store import Store

        with Store(db_path) as store:
            status = store.save(normalize_article(article))
        click.echo(f"{status}: {article.canonical_url} in {db_path}", err=True)


COMMANDS = [extract]
