"""Querying a crawled demo database: search filters and formats, export, views, and the Python API."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURES, load_expected, newsingest

import newsingest as ni
from newsingest.normalize import normalize_article

EXPECTED = load_expected("demo_site")["articles"]


@pytest.fixture
def crawled(crawled_demo) -> tuple[Path, str]:
    return crawled_demo


def run(db: Path, *args: str) -> str:
    result = newsingest(*args, "--db", str(db))
    assert result.returncode == 0, result.stderr
    return result.stdout


def paths(urls) -> list[str]:
    return sorted(urlsplit(u).path for u in urls)


def expected_paths(keep) -> list[str]:
    return sorted(a["path"] for a in EXPECTED if keep(a))


def by_section(links: list[dict]) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = {}
    for link in links:
        lists.setdefault(link["section"], []).append(link["title"])
    return lists


def words_in(article: dict) -> str:
    return (article["headline"] + " " + " ".join(article["paragraphs"])).casefold()


# search


def test_search_filters(crawled):
    db, _ = crawled
    everything = json.loads(run(db, "search", "harbour", "--format", "json", "--limit", "100"))
    assert paths(h["url"] for h in everything) == expected_paths(lambda a: "harbour" in words_in(a))

    march = json.loads(run(db, "search", "harbour", "--since", "2026-03-01", "--until", "2026-03-10", "--json"))
    assert paths(h["url"] for h in march) == expected_paths(
        lambda a: "harbour" in words_in(a) and "2026-03-01" <= a["published"][:10] <= "2026-03-10"
    )
    assert json.loads(run(db, "search", "harbour", "--site", "elsewhere.example", "--json")) == []
    assert len(json.loads(run(db, "search", "harbour", "--site", "127.0.0.1", "--json", "--limit", "100"))) == len(
        everything
    )

    author = EXPECTED[0]["authors"][0]
    surname = author.split()[-1]
    by_author = json.loads(run(db, "search", "the", "--author", surname, "--json", "--limit", "100"))
    assert paths(h["url"] for h in by_author) == expected_paths(lambda a: any(surname in n for n in a["authors"]))

    speakers = [q["speaker"] for a in EXPECTED for q in a["quotes"] if q["speaker"]]
    speaker = speakers[0].split()[-1]
    quoting = json.loads(run(db, "search", "the", "--speaker", speaker, "--json", "--limit", "100"))
    assert paths(h["url"] for h in quoting) == expected_paths(
        lambda a: any(q["speaker"] and speaker in q["speaker"] for q in a["quotes"])
    )


def test_search_formats(crawled):
    db, _ = crawled
    as_json = json.loads(run(db, "search", '"harbour authority"', "--format", "json"))
    assert as_json and all("⟦" in hit["snippet"] for hit in as_json)
    lines = run(db, "search", '"harbour authority"', "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == as_json
    table = list(csv.DictReader(io.StringIO(run(db, "search", '"harbour authority"', "--format", "csv"))))
    assert [row["url"] for row in table] == [hit["url"] for hit in as_json]
    assert set(table[0]) == {"url", "headline", "site", "published", "rank", "snippet"}
    text = run(db, "search", '"harbour authority"', "--format", "table")
    assert text.splitlines()[0].startswith("  1. ") and as_json[0]["headline"] in text
    prefix = json.loads(run(db, "search", "harb*", "--json", "--limit", "100"))
    assert len(prefix) >= len(json.loads(run(db, "search", "harbour", "--json", "--limit", "100")))


# export


def test_export_jsonl_nests_quotes_and_links(crawled, tmp_path):
    db, _ = crawled
    out = tmp_path / "all.jsonl"
    result = newsingest("export", "--out", str(out), "--db", str(db))
    assert result.returncode == 0 and result.stderr.strip() == f"exported {len(EXPECTED)} articles to {out}"
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_path = {urlsplit(r["canonical_url"]).path: r for r in records}
    assert sorted(by_path) == expected_paths(lambda a: True)
    for article in EXPECTED:
        record = by_path[article["path"]]
        assert record["headline"] == article["headline"]
        assert [q["text"] for q in record["quotes"]] == [q["text"] for q in article["quotes"]]
        assert by_section(record["links"]) == by_section(article["links"])
        assert record["duplicate_of"] is None and record["first_seen"] and record["site"] == "127.0.0.1"


def test_export_csv_and_filters(crawled):
    db, _ = crawled
    rows = list(csv.DictReader(io.StringIO(run(db, "export", "--format", "csv", "--since", "2026-03-01"))))
    assert paths(r["canonical_url"] for r in rows) == expected_paths(lambda a: a["published"][:10] >= "2026-03-01")
    first = rows[0]
    article = next(a for a in EXPECTED if a["path"] == urlsplit(first["canonical_url"]).path)
    assert first["authors"] == "; ".join(article["authors"])
    assert int(first["quotes"]) == len(article["quotes"]) and int(first["links"]) == len(article["links"])
    assert first["body"] == "\n\n".join(article["paragraphs"])

    matching = run(db, "export", "--query", '"harbour authority"')
    assert len(matching.splitlines()) == len(json.loads(run(db, "search", '"harbour authority"', "--json")))


# SQL views


def test_views_join_what_people_ask_for(crawled):
    db, _ = crawled
    with sqlite3.connect(db) as conn:
        overview = {
            urlsplit(url).path: (quotes, links)
            for url, quotes, links in conn.execute("select canonical_url, quotes, links from article_overview")
        }
        quote_rows = conn.execute("select speaker, text, headline, site, published from quote_overview").fetchall()
    assert overview == {a["path"]: (len(a["quotes"]), len(a["links"])) for a in EXPECTED}
    assert len(quote_rows) == sum(len(a["quotes"]) for a in EXPECTED)
    assert all(headline and site == "127.0.0.1" for _, _, headline, site, _ in quote_rows)


# The Python API


def test_the_api_returns_what_extraction_returned(crawled):
    db, base = crawled
    article = EXPECTED[3]
    page = FIXTURES / "demo_site" / "site" / article["path"].strip("/") / "index.html"
    html = page.read_bytes().replace(b"{{BASE}}", base.encode())
    extracted = normalize_article(
        ni.extract(html, base + article["path"], fetched=dt.datetime(2026, 3, 16, tzinfo=dt.UTC))
    )
    with ni.open(db) as news:
        stored = news.article(base + article["path"] + "?utm_source=test")
    assert stored is not None
    assert stored.to_dict() == {**extracted.to_dict(), "links": stored.to_dict()["links"]}
    # Relative sidebar dates ("2 hours ago") count from the fetch time; the items themselves are the same.
    assert [(link.url, link.title) for link in stored.links] == [(link.url, link.title) for link in extracted.links]


def test_the_api_queries(crawled):
    db, _ = crawled
    with ni.open(db) as news:
        hits = news.search('"harbour authority"', since="2026-01-01")
        assert hits and all(
            isinstance(a, ni.Article) and "harbour authority" in words_in(_as_expected(a)) for a in hits
        )

        march = list(news.articles(since=dt.date(2026, 3, 1)))
        assert paths(a.canonical_url for a in march) == expected_paths(lambda a: a["published"][:10] >= "2026-03-01")
        assert [a.published for a in march] == sorted((a.published for a in march), key=_sortable, reverse=True)

        quoted = news.quotes("Varga")
        assert quoted and all(q.quote.speaker == "Ilse Varga" and q.quote in q.article.quotes for q in quoted)
        by_site = list(news.articles(site="127.0.0.1", author=EXPECTED[0]["authors"][0]))
        assert by_site and all(EXPECTED[0]["authors"][0] in a.authors for a in by_site)
        latest = news.links(section="Latest news")
        assert latest and all("Latest news" in target.sections for target in latest)
        assert news.sql("select count(*) as n from article_overview") == [{"n": len(EXPECTED)}]
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            list(news.articles(since="March"))


def _as_expected(article: ni.Article) -> dict:
    return {"headline": article.headline, "paragraphs": list(article.paragraphs)}


def _sortable(value) -> str:
    return value.isoformat() if value else ""


# Datasette's canned queries, run as SQL on the crawled database


def test_every_canned_query_answers_its_question(crawled):
    from newsingest.browse import QUERIES

    db, _ = crawled
    with sqlite3.connect(db) as conn:
        answers = {name: conn.execute(query["sql"], {"speaker": "Varga"}).fetchall() for name, query in QUERIES.items()}
    newest = sorted((a for a in EXPECTED if a["published"]), key=lambda a: a["published"], reverse=True)[:10]
    assert [urlsplit(row[3]).path for row in answers["latest_per_site"]] == [a["path"] for a in newest]
    varga = [q["text"] for a in EXPECTED for q in a["quotes"] if q["speaker"] == "Ilse Varga"]
    assert varga and sorted(row[1] for row in answers["quotes_by_speaker"]) == sorted(varga)
    assert answers["duplicates"] == []  # the demo site publishes no copies
    assert [urlsplit(row[2]).path for row in answers["undated_articles"]] == [
        a["path"] for a in EXPECTED if not a["published"]
    ]
    assert len(answers["crawl_runs"]) == 1 and answers["crawl_runs"][0][4] == "ok"
