"""Crawls of the duplicates fixture: one row per story, copies marked, revisions kept, nothing fetched twice."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FAST, FIXTURES, load_expected, newsingest

from newsingest.demo import ServedSite, serve

SITE = FIXTURES / "dupe_site"


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[tuple[ServedSite, ServedSite, Path]]:
    """Both outlets, served from a copy so a test may edit a page between crawls."""
    root = tmp_path / "served"
    shutil.copytree(SITE, root, ignore=shutil.ignore_patterns("*.py", "*.json", "*.md"))
    with serve(root / "courier") as courier, serve(root / "wire") as wire:
        yield courier, wire, root


def crawl(site: ServedSite, db: Path, *extra: str) -> dict:
    result = newsingest("crawl", site.base + "/", "--db", str(db), *FAST, *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        run = conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()
    return json.loads(run["stats"])


def stored(db: Path) -> dict[str, str | None]:
    """path of each row -> path of the row it duplicates."""
    with sqlite3.connect(db) as conn:
        return {
            urlsplit(url).path: urlsplit(original).path if original else None
            for url, original in conn.execute("SELECT canonical_url, duplicate_of FROM articles")
        }


def test_every_kind_of_copy_ends_in_one_row_or_is_marked(sites, tmp_path):
    courier, wire, _ = sites
    db = tmp_path / "news.db"
    expected = load_expected("dupe_site")
    assert 0.045 <= expected["edited_share"] <= 0.055

    stats = crawl(courier, db)
    assert stored(db) == expected["courier"]["rows"]
    # Five rows, each stored once: new ones, and the edited copy as a duplicate (unless it came first).
    assert stats.get("newsingest/stored/new", 0) + stats.get("newsingest/stored/duplicate", 0) == 5
    # The home page links to the ferry story four ways; their normal form is one address, fetched once.
    ferry = next(path for path, original in expected["courier"]["rows"].items() if "island-ferry" in path)
    assert [p for p in courier.requested if p.startswith(ferry)] == [ferry]

    # Fetched under each variant address (as start pages, which are always fetched), the story stays one row.
    variants = [courier.base + path for path in expected["courier"]["one_row"]]
    stats = crawl(courier, db, *variants, "--no-follow", "--no-sidebars", "--no-robots-sitemaps")
    assert {urlsplit(p).path for p in courier.requested} >= {ferry + "amp/"}
    assert stored(db) == expected["courier"]["rows"]
    # The first variant refreshes the row; the other two are the same story again in this run.
    assert sum(stats.get(f"newsingest/stored/{s}", 0) for s in ("unchanged", "updated")) == 1
    assert stats["newsingest/dropped/duplicate url"] == 2

    crawl(wire, db)
    assert stored(db) == {**expected["courier"]["rows"], **expected["wire"]["rows"]}

    search = newsingest("search", "ferry", "--json", "--db", str(db))
    found = sorted(urlsplit(hit["url"]).path for hit in json.loads(search.stdout))
    assert found == sorted(path for path, original in stored(db).items() if "ferry" in path and original is None)
    assert len(found) == 2  # the story and its follow-up; not the two copies
    everything = newsingest("search", "ferry", "--all", "--json", "--db", str(db))
    assert len(json.loads(everything.stdout)) == 4  # the story, its edited copy, the syndicated copy, the follow-up


def test_revisions_and_unchanged_recrawls(sites, tmp_path):
    courier, _, root = sites
    db = tmp_path / "news.db"
    crawl(courier, db)
    already = len(courier.requested)

    # Nothing changed, nothing stored is fetched again: only the home page is read.
    stats = crawl(courier, db)
    assert [urlsplit(p).path for p in courier.requested[already:] if p != "/robots.txt"] == ["/"]
    assert not any(key.startswith("newsingest/stored/") for key in stats)

    # The library story is corrected; a refreshing crawl keeps the old version as a revision.
    library = root / "courier/news/2026/06/04/library-to-open-on-sundays/index.html"
    library.write_text(library.read_text().replace("nine hundred", "a thousand"), encoding="utf-8")
    stats = crawl(courier, db, "--refresh")
    assert stats["newsingest/stored/updated"] == 1
    with sqlite3.connect(db) as conn:
        revisions = conn.execute("SELECT article_url, body FROM article_revisions").fetchall()
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    assert len(revisions) == 1
    assert revisions[0][0].endswith("/library-to-open-on-sundays/") and "nine hundred" in revisions[0][1]

    history = newsingest(
        "history", courier.base + "/news/2026/06/04/library-to-open-on-sundays/?utm_source=x", "--json", "--db", str(db)
    )
    assert history.returncode == 0, history.stderr
    versions = json.loads(history.stdout)["versions"]
    assert len(versions) == 2 and versions[0]["replaced"] and not versions[1]["replaced"]
