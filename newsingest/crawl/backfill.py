"""Backfills: a site's archive over a date range, walked newest first, resumable after any interruption.

Resuming rests on the database: every stored story is known by its address, so a backfill started
again fetches none of them, and listings and sitemaps are simply read again. Scrapy's JOBDIR (in
the state folder) keeps the queue across a clean stop (Ctrl-C, SIGTERM), so the walk continues where
it was; after a hard kill, whose queue files cannot be trusted, the walk starts over and skips
what is stored.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from newsingest.dates import Moment

# A day-by-day archive page template names "{date:%Y/%m/%d}"; monthly and yearly ones only %m or %Y.
_FIELD = re.compile(r"\{date:([^}]*)\}")


@dataclass(frozen=True, slots=True)
class DateRange:
    """Publication days from `since` to `until`, both included."""

    since: dt.date
    until: dt.date

    @classmethod
    def parse(cls, since: str, until: str | None = None) -> DateRange:
        try:
            start = dt.date.fromisoformat(since)
            end = dt.date.fromisoformat(until) if until else dt.datetime.now(dt.UTC).date()
        except ValueError as exc:
            raise ValueError(f"dates are YYYY-MM-DD: {exc}") from None
        if end < start:
            raise ValueError(f"--until {end} is before --since {start}")
        return cls(start, end)

    def holds(self, value: Moment | None) -> bool:
        """Whether a publication date falls in the range; an unknown one might, so it does."""
        return value is None or self.since <= _day(value) <= self.until

    def before(self, value: Moment | None) -> bool:
        return value is not None and _day(value) < self.since

    def days(self) -> Iterator[dt.date]:
        """Every day of the range, newest first (a backfill reads the latest first)."""
        day = self.until
        while day >= self.since:
            yield day
            day -= dt.timedelta(days=1)

    def label(self) -> str:
        return f"{self.since.isoformat()}_{self.until.isoformat()}"


def _day(value: Moment) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).date() if value.tzinfo else value.date()
    return value


def archive_urls(template: str, window: DateRange) -> list[str]:
    """The archive pages a template names for a range: one per day, month or year, as finely as it says."""
    formats = _FIELD.findall(template)
    if not formats:
        return [template]
    urls: list[str] = []
    for day in window.days():
        url = _FIELD.sub(partial(_format, day), template)
        if url not in urls:
            urls.append(url)
    return urls


def _format(day: dt.date, field: re.Match[str]) -> str:
    return day.strftime(field.group(1))


def job_folder(state: Path, site: str, window: DateRange) -> Path:
    """Where Scrapy keeps the queue of one backfill, so running the same command again continues it."""
    return state / "backfills" / re.sub(r"[^\w.-]+", "_", f"{site}_{window.label()}")


def prepare_job_folder(folder: Path) -> None:
    """A folder whose last run was killed (its marker still there) holds a queue that cannot be trusted: clear it."""
    marker = folder / "running"
    if marker.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    marker.touch()


def finish_job_folder(folder: Path, *, done: bool) -> None:
    """After a clean stop the queue is kept for the next run; after the whole range, nothing is."""
    if done:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        (folder / "running").unlink(missing_ok=True)
