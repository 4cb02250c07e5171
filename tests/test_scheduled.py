"""Scheduled runs: cheap when nothing changed, never two at once for one site, a killed run's lock recovered."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FAST, FIXTURES, load_expected, newsingest

from newsingest.demo import FixtureHandler, ServedSite, serve

NEW_PATH = "/news/2026/03/20/harbour-ferry-adds-a-late-evening-crossing/"
NEW_ARTICLE = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Harbour ferry adds a late-evening crossing | The Port Ellery Courier</title>
<meta property="article:published_time" content="2026-03-20T08:15:00+00:00"></head>
<body><header><a href="/">The Port Ellery Courier</a></header>
<main><article>
<h1>Harbour ferry adds a late-evening crossing</h1>
<p class="byline">By Mirela Stroud</p>
<p>The harbour ferry will run one more crossing each evening from April, leaving Port Ellery at ten past
eleven, after shift workers at the fish plant asked for a way home that does not involve a taxi.</p>
<p>The operator said the extra sailing would run for a trial period of three months. If at least forty
passengers use it on an average night, it will stay in the timetable through the winter.</p>
<p>Fares for the late crossing will be the same as for the rest of the day, and season tickets will be
valid on it. The council, which pays part of the cost, agreed to the trial at its meeting on Thursday.</p>
</article></main></body></html>
"""


def run_rows(db: Path) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute("SELECT * FROM crawl_runs ORDER BY id")]


def crawl(site: ServedSite, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return newsingest("crawl", "demo", "--base", site.base + "/", "--db", str(db), *FAST, *extra)


@pytest.fixture
def demo_copy(tmp_path: Path) -> Iterator[tuple[ServedSite, Path]]:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "demo_site" / "site", root)
    with serve(root) as site:
        yield site, root


def add_article(root: Path) -> None:
    """Publish one more story: its page, a link on the home page, an item in the feed, an entry in the sitemap."""
    page = root / NEW_PATH.strip("/") / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(NEW_ARTICLE, encoding="utf-8")
    home = root / "index.html"
    link = f'<p><a href="{NEW_PATH}">Harbour ferry adds a late-evening crossing</a></p>'
    main = '<main id="main" class="layout">'
    home.write_text(home.read_text().replace(main, main + link))
    feed = root / "feed.rss"
    item = f"<item><title>Harbour ferry adds a late-evening crossing</title><link>{{{{BASE}}}}{NEW_PATH}</link></item>"
    feed.write_text(feed.read_text().replace("<item>", item + "\n    <item>", 1))
    news = root / "sitemaps" / "news.xml"
    entry = f"<url><loc>{{{{BASE}}}}{NEW_PATH}</loc><lastmod>2026-03-20</lastmod></url>"
    news.write_text(news.read_text().replace("<url>", entry + "\n  <url>", 1))
    index = root / "sitemap.xml"
    index.write_text(index.read_text().replace("<lastmod>2026-03-16</lastmod>", "<lastmod>2026-03-20</lastmod>", 1))
    # File times have one-second resolution: make the change visible to Last-Modified too.
    later = time.time() + 5
    for changed in (page, home, feed, news, index):
        os.utime(changed, (later, later))


def test_an_unchanged_site_costs_a_few_304s_and_a_new_story_one_request(demo_copy, tmp_path):
    site, root = demo_copy
    db = tmp_path / "news.db"
    articles = {a["path"] for a in load_expected("demo_site")["articles"]}

    assert crawl(site, db).returncode == 0
    first_requests = len(site.requested)

    mark = len(site.requested)
    assert crawl(site, db).returncode == 0
    second = [urlsplit(p).path for p in site.requested[mark:]]
    assert not set(second) & articles  # no article page fetched again
    runs = run_rows(db)
    stats = json.loads(runs[-1]["stats"])
    assert stats["newsingest/not_modified/feed"] == 1
    assert stats["newsingest/not_modified/sitemap"] == 1
    assert runs[-1]["not_modified"] >= 3  # the home page too
    assert json.loads(runs[-1]["responses"]).get("304", 0) == runs[-1]["not_modified"]
    assert runs[-1]["new"] == runs[-1]["updated"] == 0

    add_article(root)
    mark = len(site.requested)
    result = crawl(site, db)
    assert result.returncode == 0, result.stdout + result.stderr
    third = [urlsplit(p).path for p in site.requested[mark:]]
    assert [p for p in third if p in articles or p == NEW_PATH] == [NEW_PATH]
    assert {"/", "/feed.rss", "/sitemap.xml", "/sitemaps/news.xml"} <= set(third)
    assert run_rows(db)[-1]["new"] == 1

    listed = json.loads(newsingest("runs", "--json", "--db", str(db)).stdout)
    assert [(r["status"], r["new"], r["site"]) for r in listed] == [
        ("ok", 1, "demo"),
        ("ok", 0, "demo"),
        ("ok", 44, "demo"),
    ]
    assert listed[1]["responses"]["304"] == listed[1]["not_modified"]
    table = newsingest("runs", "--db", str(db)).stdout
    assert table.startswith("Crawl runs (times in UTC)") and len(table.strip().splitlines()) == 5

    # The figures for the note: requests of the first run against the second and third.
    print(f"requests: first run {first_requests}, unchanged {len(second)}, one new story {len(third)}")
    assert len(second) < first_requests / 5


class SlowHandler(FixtureHandler):
    """The demo site, a little slow: a crawl of it lasts long enough for a second one to start meanwhile."""

    def send_head(self):  # type: ignore[no-untyped-def]
        time.sleep(0.2)
        return super().send_head()


def test_two_runs_of_one_site_at_once_one_is_locked(tmp_path):
    db = tmp_path / "news.db"
    with serve(FIXTURES / "demo_site" / "site", handler=SlowHandler) as site:
        args = ["crawl", "demo", "--base", site.base + "/", "--db", str(db), *FAST]
        first = subprocess.Popen([sys.executable, "-m", "newsingest", *args], stdout=subprocess.PIPE, text=True)
        holder = tmp_path / "news.state" / "locks" / "demo.json"
        deadline = time.monotonic() + 30
        while not holder.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert holder.exists(), "the first run never took the lock"
        second = newsingest(*args)
        output, _ = first.communicate(timeout=120)

    assert second.returncode == 75, second.stdout + second.stderr
    assert "another run of demo is in progress" in second.stdout
    assert f"pid {first.pid}" in second.stdout
    assert first.returncode == 0, output
    statuses = sorted(row["status"] for row in run_rows(db))
    assert statuses == ["locked", "ok"]


def test_a_lock_left_by_a_killed_run_does_not_block_the_next(tmp_path, demo_site):
    db = tmp_path / "news.db"
    folder = tmp_path / "news.state"
    holder = folder / "locks" / "demo.json"
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from newsingest.crawl.lock import site_lock\n"
        "with site_lock(Path(sys.argv[1]), 'demo'):\n"
        "    time.sleep(120)\n"
    )
    stuck = subprocess.Popen([sys.executable, "-c", code, str(folder)])
    deadline = time.monotonic() + 30
    while not holder.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert holder.exists()
    assert crawl(demo_site, db).returncode == 75  # held: the next run is refused

    os.kill(stuck.pid, signal.SIGKILL)
    stuck.wait()
    assert holder.exists()  # the killed process left its files behind
    result = crawl(demo_site, db)
    assert result.returncode == 0, result.stdout + result.stderr
