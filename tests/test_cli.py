"""The command line: every command documents itself, and bad input gets one clear line and a non-zero exit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from newsingest.cli import main

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ["crawl", "backfill", "search", "extract", "stats", "sites", "demo", "quotes", "links", "history", "runs"]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    code, output = invoke(command, "--help")
    assert code == 0
    assert f"Usage: main {command}" in output or f"Usage: newsingest {command}" in output
    assert "--db" in output


def test_crawl_help_documents_the_exit_codes():
    _, output = invoke("crawl", "--help")
    for code in ("0 ", "1 ", "2 ", "3 ", "75 ", "130 "):
        assert f"\n    {code}" in output, code


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crawl", "nosuchsite"], "unknown site 'nosuchsite'"),
        (["crawl", "htp:/example.com"], "not an http(s) URL: 'htp:/example.com'"),
        (["crawl", "https://example.com/", "--feed", "ftp://example.com/rss"], "not an http(s) URL"),
        (["crawl", "https://example.com/", "--set", "NOEQUALS"], "expected NAME=VALUE"),
        (["crawl"], "nothing to crawl"),
        (["extract", "/no/such/page.html"], "no such file"),
        (["search", "x", "--since", "yesterday-ish"], "yesterday-ish"),
        (["crawl", "https://example.com/", "--timezone", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
        (["crawl", "https://example.com/", "--date-order", "DDM"], "'DDM' is not one of"),
        (["crawl", "https://example.com/", "--max-pages", "-3"], "--max-pages"),
        (["no-such-command"], "No such command"),
    ],
)
def test_bad_arguments_get_one_line_and_exit_2(args, message):
    code, output = invoke(*args)
    assert code == 2
    assert output.startswith("newsingest: error: ") and output.count("\n") == 1, output
    assert message in output


def test_unreadable_database_is_one_line(tmp_path):
    garbage = tmp_path / "news.db"
    garbage.write_bytes(b"this is not a database" * 100)
    code, output = invoke("crawl", "https://example.com/", "--db", str(garbage))
    assert code == 3  # could not start
    assert output.strip().startswith("newsingest: error:") and len(output.strip().splitlines()) == 1


def test_extract_prints_the_article_as_json():
    page = FIXTURES / "trouble_site" / "site" / "good-2" / "index.html"
    code, output = invoke("extract", str(page), "--url", "https://ledger.example/good-2/")
    assert code == 0
    article = json.loads(output)
    assert article["headline"] == "Flood defences on the Wend finished a year early"
    # The page says 14:40 at +01:00; dates leave extraction in UTC, with how precise the page was.
    assert article["published"] == "2026-10-03T13:40:00+00:00"
    assert article["published_precision"] == "second"
    assert article["authors"] == ["Tobias Wray"]
    assert article["sources"]["published"] == "meta"


def test_extract_reads_times_without_zone_in_the_given_time_zone():
    page = FIXTURES / "extract" / "de_stand_dateline_embed_consent" / "page.html"
    url = "https://example.com/a/"
    code, output = invoke("extract", str(page), "--url", url)
    assert code == 0 and json.loads(output)["published"] == "2024-04-22T14:05:00"  # as printed, zone unknown
    code, output = invoke("extract", str(page), "--url", url, "--timezone", "Europe/Berlin", "--compact")
    assert code == 0 and json.loads(output)["published"] == "2024-04-22T12:05:00+00:00"


def test_extract_can_save_the_article(tmp_path):
    page = FIXTURES / "trouble_site" / "site" / "good-2" / "index.html"
    db = tmp_path / "news.db"
    args = ["extract", str(page), "--url", "https://ledger.example/good-2/", "--save", "--db", str(db)]
    assert invoke(*args)[0] == 0
    assert invoke(*args)[0] == 0
    code, output = invoke("search", "pumping", "--db", str(db), "--json")
    assert code == 0 and [h["url"] for h in json.loads(output)] == ["https://ledger.example/good-2/"]


def test_extract_says_why_a_page_is_not_an_article():
    page = FIXTURES / "trouble_site" / "site" / "index.html"
    code, output = invoke("extract", str(page), "--url", "https://ledger.example/")
    assert code == 1
    assert output.strip() == "newsingest: error: not an article: index page (https://ledger.example/)"


def test_sites_lists_the_spiders():
    code, output = invoke("sites")
    assert code == 0
    assert output.splitlines()[0].startswith("demo") and "news" in output


def scrapy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_scrapy_list_works_from_the_repository_root():
    result = scrapy("list")
    assert result.returncode == 0
    assert result.stdout.split() == ["demo", "news"]


def test_scrapy_crawl_exits_non_zero_when_the_crawl_failed(tmp_path):
    result = scrapy(
        "crawl",
        "news",
        "-a",
        "url=http://127.0.0.1:9/",
        "-s",
        f"NEWSINGEST_DB={tmp_path / 'n.db'}",
        "-s",
        "RETRY_TIMES=0",
        "-s",
        "LOG_LEVEL=ERROR",
    )
    assert result.returncode == 1


def test_scrapy_crawl_holds_the_site_lock_too(tmp_path):
    from newsingest.crawl.lock import site_lock

    with site_lock(tmp_path / "n.state", "127.0.0.1"):
        result = scrapy("crawl", "news", "-a", "url=http://127.0.0.1:9/", "-s", f"NEWSINGEST_DB={tmp_path / 'n.db'}")
    assert result.returncode == 75
    assert "another run of 127.0.0.1 is in progress" in result.stderr


@pytest.fixture
def demo_db(crawled_demo, tmp_path):
    """A copy of the crawled demo database that a test may try to damage."""
    import shutil

    copy = tmp_path / "demo.db"
    shutil.copy(crawled_demo[0], copy)
    return copy


def test_export_never_writes_over_the_database(demo_db):
    before = demo_db.read_bytes()
    code, output = invoke("export", "--out", str(demo_db), "--db", str(demo_db))
    assert (code, output) == (2, f"newsingest: error: --out {demo_db} is the database itself\n")
    assert demo_db.read_bytes() == before


def test_a_failed_export_leaves_the_previous_file_alone(demo_db, tmp_path):
    keep = tmp_path / "keep.jsonl"
    keep.write_text("yesterday's export\n")
    code, output = invoke("export", "--query", "AND", "--out", str(keep), "--db", str(demo_db))
    assert code == 2 and output.startswith("newsingest: error: malformed search query") and output.count("\n") == 1
    assert keep.read_text() == "yesterday's export\n" and list(tmp_path.glob(".keep.jsonl.*")) == []
    code, output = invoke("export", "--out", str(tmp_path / "no" / "such" / "dir.jsonl"), "--db", str(demo_db))
    assert code == 1 and output.startswith("newsingest: error: cannot write") and output.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "x", "--limit", "100000000000000000000"], "--limit"),
        (["search", "x", "--since", "2026-02-30"], "'2026-02-30' is not a day written YYYY-MM-DD"),
        (["search", "x", "--since", "2026-03-01", "--until", "2026-02-01"], "--since 2026-03-01 is after --until"),
        (["search", "x", "--json", "--format", "csv"], "ask for two formats"),
        (["quotes", "--search", ""], "it is empty"),
        (["export", "--query", "   "], "it is empty"),
        (["search", "x", "--db", ""], "needs the path of a database file"),
        (["crawl", "http://[::1"], "not an http(s) URL"),
        (["crawl", "http://a:99999/"], "not an http(s) URL"),
        (["search", "caf\udcff"], "arguments must be valid UTF-8"),
        (["backfill", "demo", "--since", "2999-01-01"], "is in the future"),
        (["demo", "--query", '"unbalanced'], "malformed search query"),
    ],
)
def test_more_bad_arguments_get_one_line_and_exit_2(demo_db, args, message):
    if "--db" not in args:
        args = [*args, "--db", str(demo_db)]
    code, output = invoke(*args)
    assert code == 2, output
    assert output.startswith("newsingest: error: ") and output.count("\n") == 1, output
    assert message in output


def test_far_dates_and_no_arguments_are_fine(demo_db):
    code, output = invoke("search", "harbour", "--until", "9999-12-31", "--json", "--db", str(demo_db))
    assert code == 0 and json.loads(output)
    code, output = invoke()
    assert code == 0 and output.startswith("Usage: ") and "Commands:" in output
