"""End-to-end crawls: the real spider, over HTTP on 127.0.0.1, into a real SQLite file."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

from conftest import FAST, load_expected, newsingest


def rows(db: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql, params).fetchall()


def crawl_demo(site, db: Path, *extra: str) -> dict:
    result = newsingest("crawl", "demo", "--base", site.base + "/", "--db", str(db), *FAST, *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    (run,) = rows(db, "SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1")
    return dict(run)


def as_moment(text: str) -> dt.date:
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


def test_demo_crawl_stores_every_article_once(demo_site, tmp_path):
    db = tmp_path / "news.db"
    run = crawl_demo(demo_site, db)
    expected = load_expected("demo_site")
    stored = {urlsplit(r["canonical_url"]).path: r for r in rows(db, "SELECT * FROM articles")}

    assert sorted(stored) == sorted(a["path"] for a in expected["articles"])
    for article in expected["articles"]:
        row = stored[article["path"]]
        assert row["headline"] == article["headline"], article["path"]
        assert json.loads(row["paragraphs"]) == article["paragraphs"], article["path"]
        assert json.loads(row["authors"]) == article["authors"], article["path"]
        assert as_moment(row["published"]) == as_moment(article["published"]), article["path"]
        assert (row["published_precision"] == "day") == ("T" not in article["published"]), article["path"]
        assert row["crawl_run_id"] == run["id"]

    # Every article's sidebar and related lists, item by item in each list, with their labels.
    for article in expected["articles"]:
        url = stored[article["path"]]["canonical_url"]
        got: dict[str, list[tuple]] = {}
        for r in rows(db, "SELECT * FROM links WHERE article_url = ? ORDER BY id", url):
            got.setdefault(r["section"], []).append((urlsplit(r["url"]).path, r["title"], r["published"]))
        want: dict[str, list[tuple]] = {}
        for link in article["links"]:
            want.setdefault(link["section"], []).append((link["path"], link["title"], link["published"]))
        assert got == want, article["path"]

    # The article linked both plainly and with ?utm_source=... is one row, under its clean URL.
    utm_path = expected["utm_duplicate"]["path"]
    assert rows(db, "SELECT count(*) FROM articles WHERE url LIKE ?", f"%{utm_path}%")[0][0] == 1
    assert rows(db, "SELECT count(*) FROM articles WHERE url LIKE '%utm_%'")[0][0] == 0

    # Polite: the robots.txt-disallowed page is linked from the home page but never requested.
    assert not any(path.startswith(p) for p in expected["disallowed"] for path in demo_site.requested)

    # The run is recorded, and every page that is not an article is counted with its reason.
    stats = json.loads(run["stats"])
    assert run["status"] == "ok" and run["spider"] == "demo" and run["finished"]
    rejected = {k.removeprefix("newsingest/rejected/"): v for k, v in stats.items() if "/rejected/" in k}
    assert rejected["index page"] >= 1 + 4  # home and section fronts
    assert rejected["author page"] == 1 and rejected["collection page"] == 1 and rejected["static page"] == 1
    assert stats["newsingest/failed/http 404"] == 1
    assert stats["newsingest/failed/forbidden by robots.txt"] == 1
    # Sidebar items were followed (which of sitemap, feed or sidebar reaches a story first varies).
    assert stats["newsingest/links/followed"] > 0


def test_sidebars_alone_discover_the_site(demo_site, tmp_path):
    """From one article, following only its story lists (no sitemaps, no other links) reaches the others."""
    db = tmp_path / "news.db"
    expected = load_expected("demo_site")
    start = demo_site.base + expected["articles"][0]["path"]
    result = newsingest("crawl", start, "--no-follow", "--no-robots-sitemaps", "--db", str(db), *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    (run,) = rows(db, "SELECT stats FROM crawl_runs")
    stats = json.loads(run["stats"])
    stored = rows(db, "SELECT count(*) FROM articles")[0][0]
    assert stored > 10
    assert stats["newsingest/discovered/sidebar"] == stored - 1
    assert not any(p == "/world/" or "/page/" in p for p in demo_site.requested)  # no section fronts fetched


def test_search_finds_the_demo_articles(demo_site, tmp_path):
    db = tmp_path / "news.db"
    crawl_demo(demo_site, db)
    expected = load_expected("demo_site")
    result = newsingest("search", expected["search_word"], "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert sorted(urlsplit(h["url"]).path for h in hits) == sorted(expected["search_hits"])
    assert all(expected["search_word"] in h["snippet"].lower() for h in hits)


def test_quotes_by_surname_after_a_crawl(demo_site, tmp_path):
    db = tmp_path / "news.db"
    crawl_demo(demo_site, db)
    expected = load_expected("demo_site")
    by_speaker: dict[str, list[str]] = {}
    for article in expected["articles"]:
        for quote in article["quotes"]:
            by_speaker.setdefault(quote["speaker"], []).append(quote["text"])
    speaker = max(by_speaker, key=lambda s: len(by_speaker[s]))
    result = newsingest("quotes", "--speaker", speaker.split()[-1], "--db", str(db), "--json", "--limit", "500")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert {h["speaker"] for h in hits} == {speaker}
    assert sorted(h["text"] for h in hits) == sorted(by_speaker[speaker])
    stored = rows(db, "SELECT count(*) FROM quotes")[0][0]
    assert stored == sum(len(a["quotes"]) for a in expected["articles"])


def test_a_second_crawl_does_not_fetch_stored_stories(demo_site, tmp_path):
    db = tmp_path / "news.db"
    crawl_demo(demo_site, db)
    first = {r["canonical_url"]: dict(r) for r in rows(db, "SELECT * FROM articles")}
    already = len(demo_site.requested)
    second_run = crawl_demo(demo_site, db)

    articles = {a["path"] for a in load_expected("demo_site")["articles"]}
    fetched_again = {urlsplit(path).path for path in demo_site.requested[already:]} & articles
    assert fetched_again == set()
    assert demo_site.requested[already:]  # the home and section pages were read again, for new stories
    stats = json.loads(second_run["stats"])
    assert not any(key.startswith("newsingest/stored/") for key in stats)
    assert {r["canonical_url"]: dict(r) for r in rows(db, "SELECT * FROM articles")} == first


def test_stored_stories_linked_from_a_changed_page_are_skipped(demo_site, tmp_path):
    db = tmp_path / "news.db"
    crawl_demo(demo_site, db)
    # Without its validators the home page is read in full again; the stories it links to are not.
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM http_validators")
    stats = json.loads(crawl_demo(demo_site, db)["stats"])
    assert stats["newsingest/skipped/stored"] >= 10
    assert not any(key.startswith("newsingest/stored/") for key in stats)


def test_refreshing_twice_stores_nothing_twice(demo_site, tmp_path):
    db = tmp_path / "news.db"
    crawl_demo(demo_site, db)
    first = {r["canonical_url"]: dict(r) for r in rows(db, "SELECT * FROM articles")}
    second_run = crawl_demo(demo_site, db, "--refresh")
    second = {r["canonical_url"]: dict(r) for r in rows(db, "SELECT * FROM articles")}

    assert second.keys() == first.keys()
    assert rows(db, "SELECT count(*) FROM articles")[0][0] == len(first)
    assert rows(db, "SELECT count(*) FROM crawl_runs")[0][0] == 2
    assert (
        rows(db, "SELECT count(*) FROM quotes")[0][0]
        == rows(db, "SELECT count(DISTINCT article_url || '#' || position) FROM quotes")[0][0]
    )
    stats = json.loads(second_run["stats"])
    assert stats["newsingest/stored/unchanged"] == len(first)
    assert "newsingest/stored/new" not in stats
    for url, row in second.items():
        assert row["first_seen"] == first[url]["first_seen"]
        assert row["last_seen"] >= first[url]["last_seen"]
        assert row["crawl_run_id"] == second_run["id"]
    assert rows(db, "SELECT count(*) FROM article_revisions")[0][0] == 0


def test_the_site_time_zone_places_times_printed_without_one(plain_site, tmp_path):
    db = tmp_path / "news.db"
    result = newsingest("crawl", plain_site.base + "/", "--timezone", "Europe/Oslo", "--db", str(db), *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    published = dict(rows(db, "SELECT canonical_url, published FROM articles"))
    footbridge = plain_site.base + "/news/footbridge-over-the-larch-reopens-after-repairs/"
    assert published[footbridge] == "2026-11-20T13:05:00+00:00"  # 14:05 in Oslo, UTC+1 in November
    assert published[plain_site.base + "/news/larchmoor-school-choir-wins-regional-title/"] == "2026-11-18"


def test_site_without_a_spider_is_crawled_from_its_home_page(plain_site, tmp_path):
    db = tmp_path / "news.db"
    result = newsingest("crawl", plain_site.base + "/", "--db", str(db), *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    expected = load_expected("plain_site")
    stored = {urlsplit(r["canonical_url"]).path: r for r in rows(db, "SELECT * FROM articles")}
    assert sorted(stored) == sorted(a["path"] for a in expected["articles"])
    for article in expected["articles"]:
        row = stored[article["path"]]
        assert row["headline"] == article["headline"]
        assert json.loads(row["paragraphs"]) == article["paragraphs"]
        # Bylines only: "November 20, 2026" is a day; "November 20, 2026, 14:05" a wall time, zone unknown.
        assert row["published"] == article["published"]
        assert (row["published_source"], row["published_precision"]) == (
            "byline",
            "minute" if "T" in article["published"] else "day",
        )
    # The sitemap was found through robots.txt, not given on the command line.
    assert "/sitemap.xml" in plain_site.requested
    assert "crawl 127.0.0.1: ok" in result.stdout
