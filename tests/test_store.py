"""The store against real SQLite files: schema, saving, dedupe lookups, search, crawl runs, failures."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsingest.errors import QueryError, StoreError
from newsingest.models import Article, Link, Quote
from newsingest.store import MARK_END, MARK_START, Store, fingerprint

UTC = dt.UTC


def article(slug: str, *, headline: str = "", body: str = "", site: str = "example.com", **fields: Any) -> Article:
    body = body or f"Body of {slug}. Nothing remarkable happened today."
    return Article(
        url=f"https://www.{site}/{slug}?utm_source=feed",
        canonical_url=f"https://www.{site}/{slug}",
        headline=headline or f"Headline {slug}",
        body=body,
        paragraphs=tuple(body.split("\n\n")),
        **fields,
    )


def rows(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read through a separate connection: what is really committed to the file."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "news.db"


# Schema


def test_new_file_gets_schema_and_reopening_applies_nothing_twice(db_path: Path) -> None:
    with Store(db_path) as store:
        store.save(article("a"))
    with Store(db_path) as store:
        assert store.count() == 1
        assert store.db.journal_mode == "wal"
        tables = set(store.db.table_names())
    assert {"articles", "quotes", "links", "crawl_runs", "articles_fts", "quotes_fts"} <= tables
    assert {"article_urls", "near_keys", "article_revisions"} <= tables
    assert rows(db_path, "select migration_set, name from _sqlite_migrations") == [
        ("newsingest", "0001_initial"),
        ("newsingest", "0002_content_hash"),
        ("newsingest", "0003_link_dates"),
        ("newsingest", "0004_date_details"),
        ("newsingest", "0005_dedupe_and_revisions"),
        ("newsingest", "0006_runs_and_validators"),
        ("newsingest", "0007_views"),
    ]
    indexes = {name for (name,) in rows(db_path, "select name from sqlite_master where type = 'index'")}
    assert {"idx_articles_site", "idx_articles_published", "idx_articles_fingerprint"} <= indexes
    assert {"idx_quotes_article_url", "idx_quotes_speaker", "idx_links_article_url"} <= indexes


def test_garbage_file_is_a_store_error(tmp_path: Path) -> None:
    garbage = tmp_path / "news.db"
    garbage.write_bytes(b"this is not sqlite, just some text that is long enough to have a header" * 20)
    for readonly in (False, True):
        with pytest.raises(StoreError, match=r"^cannot open database .*news\.db: file is not a database$"):
            Store(garbage, readonly=readonly)


def test_readonly_needs_an_existing_newsingest_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such file"):
        Store(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()
    other = tmp_path / "other.db"
    rows(other, "create table t (x)")
    with pytest.raises(StoreError, match="no newsingest tables"):
        Store(other, readonly=True)


def test_readonly_store_refuses_writes(db_path: Path) -> None:
    Store(db_path).close()
    with Store(db_path, readonly=True) as store, pytest.raises(StoreError, match="read-only"):
        store.save(article("a"))


def test_directory_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        Store(tmp_path)


# Saving


def test_save_reports_new_unchanged_updated(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.save(article("a")) == "new"
    # Back-date the stored row so a later touch is visible without sleeping.
    rows_before = "update articles set first_seen = '2000-01-01T00:00:00+00:00', last_seen = first_seen"
    conn = sqlite3.connect(db_path)
    conn.execute(rows_before)
    conn.commit()
    conn.close()

    with Store(db_path) as store:
        assert store.save(article("a")) == "unchanged"
    first_seen, last_seen = rows(db_path, "select first_seen, last_seen from articles")[0]
    assert first_seen == "2000-01-01T00:00:00+00:00"
    assert last_seen > first_seen

    # Any extracted field counts, not only the text: a re-crawl that finds the author updates the row.
    with Store(db_path) as store:
        assert store.save(article("a", authors=("Someone New",))) == "updated"
    assert rows(db_path, "select authors from articles") == [('["Someone New"]',)]

    with Store(db_path) as store:
        assert store.save(article("a", body="A different body now.")) == "updated"
        assert store.save(article("a", published=dt.date(2022, 9, 27))) == "updated"
    assert rows(db_path, "select first_seen, published from articles") == [("2000-01-01T00:00:00+00:00", "2022-09-27")]


def test_article_fields_are_stored_as_json_and_iso_text(db_path: Path) -> None:
    full = article(
        "full",
        published=dt.datetime(2022, 9, 27, 10, 0, tzinfo=UTC),
        modified=dt.date(2022, 9, 28),
        authors=("Ana Müller", "Bo"),
        tags=("politics",),
        language="de",
        sources={"headline": "jsonld", "published": "meta"},
    )
    with Store(db_path) as store:
        store.save(full)
    row = rows(
        db_path, "select site, published, modified, authors, tags, sources, paragraphs, url, fingerprint from articles"
    )[0]
    assert row[:6] == (
        "example.com",
        "2022-09-27T10:00:00+00:00",
        "2022-09-28",
        '["Ana Müller", "Bo"]',
        '["politics"]',
        '{"headline": "jsonld", "published": "meta"}',
    )
    assert row[6].startswith('["Body of full.')
    assert row[7] == full.url
    assert row[8] == fingerprint(full)


def test_dates_keep_raw_text_source_and_precision(db_path: Path) -> None:
    wall_time = article(
        "wall",
        published=dt.datetime(2024, 3, 3, 14, 5),
        published_raw="le 3 mars 2024 à 14h05",
        published_source="byline",
        published_precision="minute",
        modified=dt.datetime(2024, 3, 4, 8, 0, 12, tzinfo=UTC),
        modified_raw="2024-03-04T09:00:12+01:00",
        modified_source="jsonld",
        modified_precision="second",
    )
    with Store(db_path) as store:
        store.save(wall_time)
    columns = "published, published_raw, published_source, published_precision, modified, modified_raw, "
    columns += "modified_source, modified_precision"
    # No offset on `published`: the page gave the time but not its zone.
    assert rows(db_path, f"select {columns} from articles") == [
        (
            "2024-03-03T14:05:00",
            "le 3 mars 2024 à 14h05",
            "byline",
            "minute",
            "2024-03-04T08:00:12+00:00",
            "2024-03-04T09:00:12+01:00",
            "jsonld",
            "second",
        )
    ]


def test_same_article_twice_in_one_batch_is_stored_once(db_path: Path) -> None:
    with Store(db_path, batch_size=10) as store:
        assert store.save(article("a")) == "new"
        assert store.save(article("a")) == "unchanged"
        assert store.save(article("a", body="Second version.")) == "updated"
    assert rows(db_path, "select count(*), max(body) from articles") == [(1, "Second version.")]


def test_unchanged_then_changed_in_one_batch_keeps_first_seen(db_path: Path) -> None:
    with Store(db_path) as store:
        store.save(article("a"))
    [(first_seen,)] = rows(db_path, "select first_seen from articles")
    with Store(db_path, batch_size=10) as store:
        assert store.save(article("a")) == "unchanged"
        assert store.save(article("a", headline="New headline")) == "updated"
        assert store.save(article("a", headline="New headline")) == "unchanged"
    assert rows(db_path, "select first_seen, headline from articles") == [(first_seen, "New headline")]


def test_same_article_across_sessions_is_stored_once(db_path: Path) -> None:
    for _ in range(2):
        with Store(db_path) as store:
            store.save(article("a"))
            store.save(article("b"))
    with Store(db_path) as store:
        assert store.count() == 2


def test_quotes_and_links_are_replaced_on_resave(db_path: Path) -> None:
    first = article(
        "a",
        quotes=(Quote("We will rebuild.", speaker="Mayor"), Quote("Never again.", speaker="Resident", paragraph=2)),
        links=(Link("https://example.com/x", "X", published=dt.date(2022, 1, 2)), Link("https://example.com/y", "Y")),
    )
    with Store(db_path) as store:
        store.save(first)
    assert rows(db_path, "select position, speaker, paragraph, kind from quotes order by position") == [
        (0, "Mayor", None, "direct"),
        (1, "Resident", 2, "direct"),
    ]
    links = rows(db_path, "select url, published from links order by position")
    assert links[0] == ("https://example.com/x", "2022-01-02")

    second = replace(first, body="Updated body.", quotes=(Quote("Rebuild it all.", speaker="Mayor"),), links=())
    with Store(db_path) as store:
        assert store.save(second) == "updated"
        assert store.save(second) == "unchanged"
    assert rows(db_path, "select text from quotes") == [("Rebuild it all.",)]
    assert rows(db_path, "select count(*) from links") == [(0,)]
    # The quotes index follows the table through its triggers.
    assert rows(db_path, "select rowid from quotes_fts where quotes_fts match 'rebuild'") == rows(
        db_path, "select id from quotes"
    )


def test_batch_size_flushes_without_close(db_path: Path) -> None:
    store = Store(db_path, batch_size=2)
    store.save(article("a"))
    assert rows(db_path, "select count(*) from articles") == [(0,)]
    store.save(article("b"))
    assert rows(db_path, "select count(*) from articles") == [(2,)]
    store.close()


def test_failed_batch_rolls_back_and_names_the_url(db_path: Path) -> None:
    with Store(db_path) as store:
        store.save(article("a"))
    with Store(db_path, batch_size=10) as store:
        store.save(article("a", body="Changed in the failing batch."))
        store.save(article("b"))
        store.save(article("bad"), run_id=999)  # no such crawl run: the foreign key fails
        with pytest.raises(StoreError, match=r"cannot store https://www\.example\.com/bad: FOREIGN KEY"):
            store.flush()
        assert rows(db_path, "select canonical_url, body from articles") == [
            ("https://www.example.com/a", article("a").body)
        ]
        # Only the article at fault is dropped; the rest is written by the next flush.
        assert not store.contains("https://www.example.com/bad")
        store.flush()
    assert rows(db_path, "select canonical_url from articles order by 1") == [
        ("https://www.example.com/a",),
        ("https://www.example.com/b",),
    ]


# Dedupe lookups


def test_fingerprint_ignores_case_and_whitespace() -> None:
    a = article("a", body="The  Mayor said\n\nhello.")
    b = article("b", body="the mayor SAID hello.  ")
    assert fingerprint(a) == fingerprint(b)
    assert fingerprint(a) != fingerprint(article("c", body="The mayor said goodbye."))


def test_contains_and_addresses_see_unflushed_rows(db_path: Path) -> None:
    with Store(db_path, batch_size=100) as store:
        a = article("a")
        store.save(a)
        assert rows(db_path, "select count(*) from articles") == [(0,)]
        assert store.contains(a.canonical_url)
        assert store.has_address(a.canonical_url + "?utm_source=feed")
        assert not store.contains("https://www.example.com/other")
        assert not store.has_address("https://www.example.com/other")
        store.flush()
        assert store.contains(a.canonical_url) and store.has_address(a.canonical_url)


# Search


@pytest.fixture
def search_store(db_path: Path) -> Store:
    store = Store(db_path)
    store.save(article("body-only", headline="Council meets", body="The ceasefire was discussed at length."))
    store.save(article("headline", headline="Ceasefire agreed", body="Both sides signed in the evening."))
    store.save(
        article(
            "zurich",
            headline="Zürich votes",
            body="Voters in Zürich decided.",
            site="other.org",
            published=dt.datetime(2022, 9, 27, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        )
    )
    store.save(article("dated", headline="Old ceasefire", body="History.", published=dt.date(2021, 1, 5)))
    store.flush()
    return store


def test_headline_match_ranks_above_body_match(search_store: Store) -> None:
    hits = search_store.search("ceasefire")
    urls = [hit.url for hit in hits]
    assert urls.index("https://www.example.com/headline") < urls.index("https://www.example.com/body-only")
    assert hits == sorted(hits, key=lambda hit: -hit.rank)
    body_hit = hits[urls.index("https://www.example.com/body-only")]
    assert body_hit.snippet == f"The {MARK_START}ceasefire{MARK_END} was discussed at length."
    assert body_hit.headline == "Council meets" and body_hit.site == "example.com"


def test_headline_only_match_snippets_the_headline(search_store: Store) -> None:
    [hit] = search_store.search("agreed")
    assert hit.snippet == f"Ceasefire {MARK_START}agreed{MARK_END}"
    [hit] = search_store.search('"ceasefire agreed"')
    assert hit.snippet == f"{MARK_START}Ceasefire agreed{MARK_END}", "a phrase is marked as one"


def test_search_filters(search_store: Store) -> None:
    assert [h.url for h in search_store.search("zurich OR ceasefire", site="www.other.org")] == [
        "https://www.other.org/zurich"
    ]
    # The day is the publisher's own: 23:30 at UTC-5 on the 27th is still the 27th.
    day = dt.date(2022, 9, 27)
    assert [h.published for h in search_store.search("zurich", since=day, until=day)] == ["2022-09-27T23:30:00-05:00"]
    assert search_store.search("zurich", since=dt.date(2022, 9, 28)) == []
    assert search_store.search("zurich", until=dt.date(2022, 9, 26)) == []
    assert [h.url for h in search_store.search("ceasefire", until=dt.date(2021, 12, 31))] == [
        "https://www.example.com/dated"
    ]
    assert len(search_store.search("ceasefire", limit=1)) == 1


def test_search_folds_diacritics_both_ways(search_store: Store) -> None:
    assert [h.url for h in search_store.search("zurich")] == ["https://www.other.org/zurich"]
    assert [h.url for h in search_store.search("ZÜRICH")] == ["https://www.other.org/zurich"]


def test_search_follows_updates(search_store: Store) -> None:
    search_store.save(article("body-only", headline="Council meets", body="Only the budget was discussed."))
    search_store.flush()
    assert "https://www.example.com/body-only" not in [h.url for h in search_store.search("ceasefire")]
    assert [h.url for h in search_store.search("budget")] == ["https://www.example.com/body-only"]
    assert [h.url for h in search_store.search("budg*")] == ["https://www.example.com/body-only"]


@pytest.mark.parametrize("query", ['"unbalanced', "", "   ", "AND", "covid-19", "ceasefire NOT"])
def test_malformed_query_is_a_query_error(search_store: Store, query: str) -> None:
    with pytest.raises(QueryError, match=r"^malformed search query\b"):
        search_store.search(query)


def test_site_counts_and_count(search_store: Store) -> None:
    assert search_store.site_counts() == [("example.com", 3), ("other.org", 1)]
    assert search_store.count("quotes") == 0
    with pytest.raises(StoreError, match="no table"):
        search_store.count("sqlite_master")


# Crawl runs


def test_crawl_run_round_trip(db_path: Path) -> None:
    with Store(db_path) as store:
        run_id = store.start_run("demo", {"start_urls": ["https://example.com/"], "depth": 2})
        assert store.recent_runs()[0]["status"] == "running"
        store.save(article("a"), run_id=run_id)
        started = dt.datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
        store.finish_run(run_id, "finished", {"start_time": started, "item_scraped_count": 1, "elapsed": 1.5})
        second = store.start_run("demo", {})
        with pytest.raises(StoreError, match="no crawl run 42"):
            store.finish_run(42, "finished", {})
    with Store(db_path, readonly=True) as store:
        latest, first = store.recent_runs()
    assert latest["id"] == second and latest["status"] == "running" and latest["stats"] == {}
    assert first["id"] == run_id
    assert first["args"] == {"start_urls": ["https://example.com/"], "depth": 2}
    assert first["stats"] == {"start_time": "2024-05-01T10:00:00+00:00", "item_scraped_count": 1, "elapsed": 1.5}
    assert first["status"] == "finished" and first["finished"] >= first["started"]
    assert rows(db_path, "select crawl_run_id from articles") == [(run_id,)]


def test_unchanged_resave_records_the_latest_run(db_path: Path) -> None:
    with Store(db_path) as store:
        first = store.start_run("demo", {})
        store.save(article("a"), run_id=first)
        store.flush()
        second = store.start_run("demo", {})
        assert store.save(article("a"), run_id=second) == "unchanged"
        store.save(article("a"))
    assert rows(db_path, "select crawl_run_id from articles") == [(second,)]


def test_an_older_database_is_upgraded_in_place(db_path: Path) -> None:
    from sqlite_utils import Database

    from newsingest.store.schema import migrations

    old = Database(db_path)
    migrations.apply(old, stop_before="0002_content_hash")
    old.execute(
        "insert into articles (canonical_url, url, site, headline, body, fingerprint, first_seen, last_seen) "
        "values ('https://e.x/a', 'https://e.x/a', 'e.x', 'Old', 'Old body', 'f', '2020-01-01', '2020-01-01')"
    )
    old.conn.commit()
    old.close()

    with Store(db_path) as store:
        assert store.count() == 1
        # The stored story is known under its address from now on.
        assert store.has_address("https://e.x/a?utm_source=x")
    assert rows(db_path, "select headline, content_hash from articles") == [("Old", None)]
    assert [name for (name,) in rows(db_path, "select name from _sqlite_migrations")][-1] == "0007_views"


def test_reading_an_older_database_upgrades_it_first(db_path: Path) -> None:
    from sqlite_utils import Database

    from newsingest.store.schema import migrations

    old = Database(db_path)
    migrations.apply(old, stop_before="0005_dedupe_and_revisions")
    old.close()
    with Store(db_path, readonly=True) as store:
        assert store.search("anything") == []


def test_quotes_by_speaker_any_name_form_and_words(db_path: Path) -> None:
    quoted = article(
        "q",
        quotes=(
            Quote("We call on both sides to return to talks", "Ned Price", "Price", "said", 0, "direct"),
            Quote("Die Brücke bleibt bis Mai gesperrt, leider", "Jürgen Müller", "er", "sagte", 1, "direct"),
        ),
    )
    with Store(db_path) as store:
        store.save(quoted)
        store.flush()
        assert [h.speaker for h in store.quotes(speaker="Price")] == ["Ned Price"]
        assert [h.speaker for h in store.quotes(speaker="ned price")] == ["Ned Price"]
        assert [h.speaker for h in store.quotes(speaker="Muller")] == ["Jürgen Müller"]
        assert store.quotes(speaker="Price", search="brücke") == []
        assert [h.text for h in store.quotes(search="talks")] == ["We call on both sides to return to talks"]
        assert store.quotes(speaker="Nobody") == []
        with pytest.raises(QueryError):
            store.quotes(search='"unbalanced')


def test_ranking_in_the_index_first_gives_what_ranking_everything_gives(db_path: Path) -> None:
    from newsingest.store.filters import ArticleFilter
    from newsingest.store.search import _joined_sql, search_articles

    # 150 stories on one subject, 120 of them copies (hidden by default): the index's best matches are
    # mostly copies, so the quick path must notice it has too few and rank everything.
    with Store(db_path, batch_size=500) as store:
        for i in range(30):
            body = f"Ferry number {i} crossed the sound " + "and the ferry docked safely " * (i % 7 + 1) + f"tale {i}."
            store.save(article(f"story-{i}", headline=f"Ferry news {i}", body=body))
            for copy in range(4):
                store.save(article(f"story-{i}-copy-{copy}", site=f"wire{copy}.example", headline="Ferry", body=body))
    with Store(db_path, readonly=True) as store:
        for limit in (1, 5, 40):
            for filters in (ArticleFilter(), ArticleFilter(include_duplicates=True)):
                quick = search_articles(store.db, "ferry", filters, limit=limit)
                clauses, params = filters.where("a")
                params.update({"query": "ferry", "start": "[", "end": "]", "tokens": 24, "limit": limit})
                everything = list(store.db.query(_joined_sql(clauses), params))
                assert [hit.url for hit in quick] == [row["canonical_url"] for row in everything]
                assert len(quick) == min(limit, 150 if filters.include_duplicates else 30)
