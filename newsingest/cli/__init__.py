"""The `newsingest` command: crawl news sites into SQLite and query what was stored."""

from __future__ import annotations

import datetime as dt
import re
import sys
import zoneinfo
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from newsingest.errors import NewsingestError, QueryError, UsageError

# What Python makes of bytes that are not UTF-8 in a command line.
_SURROGATE = re.compile("[\udc80-\udcff]")

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "news.db"


class DayParam(click.ParamType):
    """A day written YYYY-MM-DD, as a `datetime.date`."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError as exc:
            self.fail(f"{value!r} is not a day written YYYY-MM-DD ({exc})", param, ctx)


DAY = DayParam()
# More rows than anyone reads from a terminal; stops absurd values before they reach SQLite.
LIMIT = click.IntRange(min=1, max=1_000_000)


def _check_db(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not value or not value.strip():
        raise click.BadParameter("needs the path of a database file")
    return value


def db_option(func: F) -> F:
    """The --db option every command shares."""
    return click.option(
        "--db",
        "db_path",
        default=DEFAULT_DB,
        show_default=True,
        envvar="NEWSINGEST_DB",
        type=click.Path(dir_okay=False),
        callback=_check_db,
        help="SQLite database file.",
    )(func)


def _check_zone(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(f"unknown time zone {value!r} (use an IANA name such as Europe/Berlin)") from None
    return value


def date_options(func: F) -> F:
    """--timezone and --date-order: how a site writes its dates, where the pages do not say."""
    func = click.option(
        "--date-order",
        type=click.Choice(["DMY", "MDY", "YMD"], case_sensitive=False),
        help="How the site writes numeric dates such as 03/04/2024 (default: from the page's language).",
    )(func)
    return click.option(
        "--timezone",
        metavar="ZONE",
        callback=_check_zone,
        help="The IANA time zone the site prints its times in, such as Europe/Berlin. Without it, a time "
        "printed without a zone keeps its wall-clock value and is stored without an offset (zone unknown).",
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
        except (QueryError, UsageError) as exc:
            fail(str(exc), 2)  # the user's input was wrong, as with any bad argument
        except NewsingestError as exc:
            fail(str(exc))

    return wrapper  # type: ignore[return-value]


class OneLineErrors(click.Group):
    """A command group whose usage errors are one line ("newsingest: error: ...") and exit 2, like every other error."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        given = args[0] if args else kwargs.get("args")
        words = sys.argv[1:] if given is None else list(given)
        if any(_SURROGATE.search(word) for word in words):
            fail("arguments must be valid UTF-8 text", 2)
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx is not None else exc.format_message())
            return 0
        except click.UsageError as exc:
            hint = f" (see {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
            fail(exc.format_message() + hint, 2)
        except click.ClickException as exc:
            fail(exc.format_message(), exc.exit_code)
        except click.Abort:
            fail("interrupted", 130)
        return None


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
    from newsingest.cli import backfill, crawl, export, extract, history, links, query, quotes, runs, serve

    for module in (crawl, backfill, extract, history, links, query, quotes, runs, export, serve):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
