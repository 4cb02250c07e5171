"""A crawl through pages that go wrong: it goes on, counts each failure, and harms nothing stored."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from typing import ClassVar
from urllib.parse import urlsplit

import pytest
from conftest import FAST, FIXTURES, newsingest

from newsingest.demo import FixtureHandler, ServedSite, serve

TIMEOUT = 1
MAX_SIZE = 200_000


class TroubleHandler(FixtureHandler):
    """The static trouble site, plus routes that fail the way servers do."""

    broken: ClassVar[set[str]] = {"/broken-server/"}

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.path.split("?", 1)[0]
        if path in self.broken:
            self.site.requested.append(self.path)
            self.send_error(500, "Internal Server Error")
            return None
        if path == "/slow/":
            self.site.requested.append(self.path)
            time.sleep(TIMEOUT + 1.5)
        if path in ("/slow/", "/huge/"):
            body = b"<html><body><h1>Too much</h1>" + b"<p>word " * (MAX_SIZE // 4) + b"</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()


@pytest.fixture
def trouble_site() -> Iterator[ServedSite]:
    with serve(FIXTURES / "trouble_site" / "site", handler=TroubleHandler) as site:
        yield site


def crawl(site: ServedSite, db, *extra: str) -> tuple[int, dict, str]:
    result = newsingest(
        "crawl",
        site.base + "/",
        "--feed",
        site.base + "/feed.rss",
        "--db",
        str(db),
        *FAST,
        *extra,
        "--set",
        f"DOWNLOAD_TIMEOUT={TIMEOUT}",
        "--set",
        f"DOWNLOAD_MAXSIZE={MAX_SIZE}",
        # A site made mostly of faults: the run's verdict on its error rate is tested in test_faults.py.
        "--set",
        "NEWSINGEST_MAX_ERROR_RATE=0.6",
    )
    with sqlite3.connect(db) as conn:
        stats = json.loads(conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC").fetchone()[0])
    return result.returncode, stats, result.stdout + result.stderr


def stored(db) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        return {urlsplit(u).path: (h, b) for u, h, b in conn.execute("SELECT url, headline, body FROM articles")}


def test_bad_pages_are_counted_and_the_crawl_goes_on(trouble_site, tmp_path):
    db = tmp_path / "news.db"
    code, stats, output = crawl(trouble_site, db)

    assert code == 0, output
    articles = stored(db)
    assert sorted(articles) == ["/good-1/", "/good-2/", "/latin/", "/mangled/"]
    # A page declaring iso-8859-1 but sent as UTF-8 is read as UTF-8.
    headline, body = articles["/latin/"]
    assert headline == "Café owners in the old town win heritage award"
    assert "Renée and José Saldaña" in body and "façade" in body
    # Broken markup still yields the whole article.
    assert "12,000 pounds" in articles["/mangled/"][1]

    assert stats["newsingest/failed/http 500"] == 1
    assert stats["newsingest/failed/timeout"] == 1
    assert stats["newsingest/failed/response too large"] == 1
    assert stats["newsingest/rejected/unreadable page"] == 1  # the empty page
    assert stats["newsingest/failed/damaged feed"] == 1


def test_a_failing_recrawl_leaves_stored_articles_alone(trouble_site, tmp_path):
    db = tmp_path / "news.db"
    crawl(trouble_site, db)
    before = stored(db)

    TroubleHandler.broken = {"/broken-server/", "/good-1/"}
    try:
        # Refreshing: the stored /good-1/ is fetched again, and now fails.
        code, stats, output = crawl(trouble_site, db, "--refresh")
    finally:
        TroubleHandler.broken = {"/broken-server/"}

    assert code == 0, output
    assert stats["newsingest/failed/http 500"] == 2
    assert stored(db) == before


def test_unreachable_site_fails_with_a_clear_summary(tmp_path):
    result = newsingest("crawl", "http://127.0.0.1:9/", "--db", str(tmp_path / "news.db"), *FAST)
    assert result.returncode == 1
    assert "crawl 127.0.0.1: failed (no page could be fetched)" in result.stdout
    assert "Traceback" not in result.stderr
    with sqlite3.connect(tmp_path / "news.db") as conn:
        assert conn.execute("SELECT status FROM crawl_runs").fetchall() == [("failed",)]
