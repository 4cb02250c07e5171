"""The `newsingest` command: crawl news sites into SQLite and query what was stored."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from newsingest.errors import NewsingestError

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "news.db"


def db_option(func: F) -> F:
    """The --db option every command shares."""
    return click.option(
        "--db",
        "db_path",
        default=DEFAULT_DB,
        show_default=True,
        envvar="NEWSINGEST_DB",
        type=click.Path(dir_okay=False),
        help="SQLite database file.",
    )(func)


def fail(message: str, code: int = 1) -> None:
    """Print one line to stderr and exit: the way every command reports bad input."""
    click.echo(f"newsingest: error: {message}", err=True)
    sys.exit(code)


def reports_errors(func: F) -> F:
    """Turn the project's own errors into one clear line and a non-zero exit, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewsingestError as exc:
            fail(str(exc))

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="newsingest")
def main() -> None:
    """Crawl news sites into a SQLite database, then search and export it.

    \b
    Quick start:
      newsingest demo                      crawl the bundled demo site into ./news.db
      newsingest crawl https://example.com/ --sitemap https://example.com/sitemap.xml
      newsingest search "ceasefire"        ranked full-text search with snippets
    """


def _register() -> None:
    from newsingest.cli import crawl, extract, links, query, quotes

    for module in (crawl, extract, links, query, quotes):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
