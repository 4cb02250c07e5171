"""Backfills: a date range of the demo site's archive, resumable after a clean stop or a hard kill."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FAST, FIXTURES, load_expected, newsingest

from newsingest.crawl.backfill import DateRange, archive_urls
from newsingest.demo import FixtureHandler, serve
from newsingest.extraction.listing import extract_listing

SINCE, UNTIL = "2026-02-15", "2026-03-05"


def in_range() -> set[str]:
    return {a["path"] for a in load_expected("demo_site")["articles"] if SINCE <= a["published"][:10] <= UNTIL}


def stored_paths(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [urlsplit(url).path for (url,) in conn.execute("SELECT canonical_url FROM articles")]


def backfill_args(base: str, db: Path, *extra: str) -> list[str]:
    return [
        "backfill",
        "demo",
        "--base",
        base + "/",
        "--since",
        SINCE,
        "--until",
        UNTIL,
        "--db",
        str(db),
        *FAST,
        *extra,
    ]


def test_a_backfill_stores_the_stories_of_its_range(demo_site, tmp_path):
    db = tmp_path / "news.db"
    result = newsingest(*backfill_args(demo_site.base, db, "--set", "NEWSINGEST_PROGRESS_INTERVAL=0.2"))
    assert result.returncode == 0, result.stdout + result.stderr
    stored = stored_paths(db)
    assert sorted(stored) == sorted(in_range())
    # Not a terminal: plain progress lines, with pages, stored articles, rate and queue.
    progress = [line for line in result.stderr.splitlines() if line.startswith("progress: demo:")]
    assert progress and "articles stored" in progress[-1] and "pages/min" in progress[-1] and "queued" in progress[-1]
    # Done: nothing is left in the state folder for this range.
    assert not any((tmp_path / "news.state" / "backfills").iterdir())


def test_a_backfill_walks_listings_page_by_page(demo_site, tmp_path):
    db = tmp_path / "news.db"
    sections = [f"{demo_site.base}/{name}/" for name in ("world", "politics", "business", "science")]
    args = ["backfill", *sections, "--no-robots-sitemaps", "--since", SINCE, "--until", UNTIL, "--db", str(db)]
    result = newsingest(*args, *FAST, "--progress", "none")
    assert result.returncode == 0, result.stdout + result.stderr
    assert {"/world/page/2/", "/business/page/2/"} <= set(demo_site.requested)
    assert "/sitemap.xml" not in demo_site.requested
    assert sorted(stored_paths(db)) == sorted(in_range())


def test_paging_stops_once_a_listing_is_older_than_the_range(demo_site, tmp_path):
    db = tmp_path / "news.db"
    world = f"{demo_site.base}/world/"
    args = ["backfill", world, "--no-robots-sitemaps", "--since", "2026-03-01", "--db", str(db), "--progress", "none"]
    result = newsingest(*args, *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    # Page 2 of World lists only February: it is read, and page 3 is not asked for.
    assert "/world/page/2/" in demo_site.requested and "/world/page/3/" not in demo_site.requested


class SlowHandler(FixtureHandler):
    def send_head(self):  # type: ignore[no-untyped-def]
        time.sleep(0.15)
        return super().send_head()


def wait_for_rows(db: Path, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db.exists():
            try:
                if len(stored_paths(db)) >= count:
                    return
            except sqlite3.Error:
                pass
        time.sleep(0.05)
    raise AssertionError(f"fewer than {count} articles stored in {timeout} s")


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["killed", "stopped"])
def test_a_stopped_backfill_started_again_finishes_without_fetching_twice(tmp_path, stop):
    db = tmp_path / "news.db"
    with serve(FIXTURES / "demo_site" / "site", handler=SlowHandler) as site:
        args = backfill_args(site.base, db, "--set", "NEWSINGEST_BATCH_SIZE=1", "--set", "CONCURRENT_REQUESTS=2")
        first = subprocess.Popen([sys.executable, "-m", "newsingest", *args], stdout=subprocess.PIPE, text=True)
        wait_for_rows(db, 5)
        os.kill(first.pid, stop)
        first.communicate(timeout=60)
        before = set(stored_paths(db))
        assert 5 <= len(before) < len(in_range())
        if stop == signal.SIGTERM:
            assert first.returncode == 130  # interrupted, cleanly: the queue is kept for the next run
            assert list((tmp_path / "news.state" / "backfills").iterdir())

        mark = len(site.requested)
        result = newsingest(*args)
        again = {urlsplit(p).path for p in site.requested[mark:]}

    assert result.returncode == 0, result.stdout + result.stderr
    stored = stored_paths(db)
    assert sorted(stored) == sorted(in_range())  # every story of the range, each once
    assert again & before == set()  # nothing already stored was fetched again


def test_a_second_backfill_at_once_is_locked(tmp_path):
    db = tmp_path / "news.db"
    with serve(FIXTURES / "demo_site" / "site", handler=SlowHandler) as site:
        args = backfill_args(site.base, db)
        first = subprocess.Popen([sys.executable, "-m", "newsingest", *args], stdout=subprocess.PIPE, text=True)
        holder = tmp_path / "news.state" / "locks" / "demo.json"
        deadline = time.monotonic() + 30
        while not holder.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        second = newsingest(*args)
        first.communicate(timeout=120)
    assert second.returncode == 75
    assert second.stderr.startswith("newsingest: error: another run of demo is in progress")
    assert first.returncode == 0


def test_bad_ranges_are_usage_errors(tmp_path):
    db = str(tmp_path / "news.db")
    result = newsingest("backfill", "demo", "--since", "2026-03-05", "--until", "2026-02-01", "--db", db)
    assert result.returncode == 2 and "is before --since" in result.stderr
    result = newsingest("backfill", "demo", "--since", "March", "--db", db)
    assert result.returncode == 2 and "--since" in result.stderr


def test_date_range_and_archive_pages():
    window = DateRange.parse("2026-02-27", "2026-03-02")
    days = list(window.days())
    assert days[0] == dt.date(2026, 3, 2) and len(days) == 4
    assert window.holds(dt.datetime(2026, 2, 27, 23, 30)) and window.holds(None)
    assert not window.holds(dt.date(2026, 3, 3)) and window.before(dt.date(2026, 2, 26))
    assert archive_urls("/archive/{date:%Y/%m/%d}/", window) == [
        "/archive/2026/03/02/",
        "/archive/2026/03/01/",
        "/archive/2026/02/28/",
        "/archive/2026/02/27/",
    ]
    assert archive_urls("/{date:%Y}/{date:%m}/", window) == ["/2026/03/", "/2026/02/"]
    with pytest.raises(ValueError, match="before --since"):
        DateRange.parse("2026-03-02", "2026-02-27")


@pytest.mark.parametrize(
    ("markup", "next_url"),
    [
        ('<link rel="next" href="/world/?page=3">', "https://ex.example/world/?page=3"),
        (
            '<nav><a class="pagination__next" href="/world/page/3/">Next page</a></nav>',
            "https://ex.example/world/page/3/",
        ),
        ('<p><a href="/world/page/3/">Ältere Artikel</a></p>', "https://ex.example/world/page/3/"),
        (
            '<ol><li><a href="/world/page/1/">1</a></li><li><a href="/world/page/3/">3</a></li></ol>',
            "https://ex.example/world/page/3/",
        ),
        ('<p><a href="/about/">About</a></p>', None),
    ],
)
def test_a_listing_knows_its_next_page(markup, next_url):
    html = f"""<html><head>{markup if markup.startswith("<link") else ""}</head><body><main>
    <ul><li><a href="/world/2026/03/02/ferry-service-resumes-after-the-storm/">Ferry service resumes</a></li>
    <li><a href="/world/2026/02/20/council-approves-the-harbour-budget/">Harbour budget approved</a></li></ul>
    {"" if markup.startswith("<link") else markup}</main></body></html>"""
    listing = extract_listing(html, "https://ex.example/world/page/2/")
    assert listing.next_url == next_url
    assert [item.published for item in listing.items] == [dt.date(2026, 3, 2), dt.date(2026, 2, 20)]
    assert listing.all_before(dt.date(2026, 3, 3)) and not listing.all_before(dt.date(2026, 2, 25))


def test_a_listing_reads_dates_the_way_the_site_writes_them():
    from newsingest.extraction.site import SiteRules

    link = (
        '<li><a href="/news/{0:02d}/ferry-service-story-number-{0}/">Ferry service story {0}</a>'
        " <span>{0:02d}/03/2024</span></li>"
    )
    items = "".join(link.format(day) for day in range(1, 8))
    html = f"<html><body><main><ul>{items}</ul></main></body></html>"
    day_first = extract_listing(html, "https://ex.example/news/", site=SiteRules(date_order="DMY"))
    assert [item.published for item in day_first.items] == [dt.date(2024, 3, day) for day in range(1, 8)]
