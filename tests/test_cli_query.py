"""`newsingest search` and `newsingest stats` run through click against real database files."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from newsingest.cli import query
from newsingest.models import Article
from newsingest.store import MARK_END, MARK_START, SearchHit, Store

# Only the commands under test, so this file does not depend on the crawl and extract modules.
cli = click.Group("newsingest", commands=query.COMMANDS)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def article(slug: str, headline: str, body: str, site: str = "example.com", **fields: object) -> Article:
    return Article(
        url=f"https://{site}/{slug}",
        canonical_url=f"https://{site}/{slug}",
        headline=headline,
        body=body,
        paragraphs=(body,),
        **fields,  # type: ignore[arg-type]
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    with Store(path) as store:
        run_id = store.start_run("demo", {"url": "https://example.com/"})
        store.save(
            article("talks", "Ceasefire talks resume", "Negotiators met again.", published=dt.date(2022, 9, 27)),
            run_id,
        )
        store.save(article("budget", "Budget passes", "The ceasefire was not mentioned."), run_id)
        store.save(article("zurich", "Zürich votes", "A quiet vote.", site="www.other.org"), run_id)
        store.finish_run(
            run_id,
            "finished",
            {
                "item_scraped_count": 3,
                "downloader/response_count": 7,
                "newsingest/dropped/not_an_article": 2,
                "newsingest/dropped/duplicate": 1,
                "start_time": dt.datetime(2024, 5, 1, tzinfo=dt.UTC),
            },
        )
    return path


def test_search_prints_ranked_hits_with_marked_snippets(db: Path) -> None:
    result = run("search", "ceasefire", "--db", db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "  1. 2022-09-27  example.com  Ceasefire talks resume",
        "     https://example.com/talks",
        f"     {MARK_START}Ceasefire{MARK_END} talks resume",
    ]
    assert lines[4:7] == [
        "  2. undated  example.com  Budget passes",
        "     https://example.com/budget",
        f"     The {MARK_START}ceasefire{MARK_END} was not mentioned.",
    ]
    assert result.stderr == ""


def test_search_json(db: Path) -> None:
    result = run("search", "zurich", "--site", "other.org", "--json", "--db", db)
    assert result.exit_code == 0, result.output
    [hit] = json.loads(result.stdout)
    assert set(hit) == {"url", "headline", "site", "published", "snippet", "rank"}
    assert hit["url"] == "https://www.other.org/zurich"
    assert hit["site"] == "other.org"
    assert hit["snippet"] == f"{MARK_START}Zürich{MARK_END} votes"
    assert isinstance(hit["rank"], float) and hit["rank"] > 0


def test_search_date_filters(db: Path) -> None:
    result = run("search", "ceasefire", "--since", "2022-09-27", "--until", "2022-09-27", "--db", db)
    assert result.exit_code == 0
    assert "https://example.com/talks" in result.stdout
    assert "budget" not in result.stdout


def test_search_without_hits_says_so_on_stderr(db: Path) -> None:
    result = run("search", "armistice", "--db", db)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no matches\n")
    result = run("search", "armistice", "--json", "--db", db)
    assert (result.exit_code, json.loads(result.stdout), result.stderr) == (0, [], "no matches\n")


def test_malformed_query_is_one_line(db: Path) -> None:
    result = run("search", '"ceasefire', "--db", db)
    assert result.exit_code == 2  # the user's input was wrong, as with any bad argument
    assert result.stdout == ""
    assert result.stderr.startswith("newsingest: error: malformed search query '\"ceasefire': unterminated string")
    assert result.stderr.count("\n") == 1


def test_bad_since_is_a_usage_error(db: Path) -> None:
    result = run("search", "ceasefire", "--since", "27/09/2022", "--db", db)
    assert result.exit_code == 2
    assert "Invalid value for '--since'" in result.stderr


@pytest.mark.parametrize("command", [["search", "ceasefire"], ["stats"]])
def test_missing_database(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nowhere.db"
    result = run(*command, "--db", missing)
    assert result.exit_code == 1
    assert result.stderr == (
        f"newsingest: error: no database at {missing} (run `newsingest crawl` or `newsingest demo` first)\n"
    )
    assert not missing.exists()


@pytest.mark.parametrize("command", [["search", "ceasefire"], ["stats"]])
def test_garbage_database(tmp_path: Path, command: list[str]) -> None:
    garbage = tmp_path / "notes.txt"
    garbage.write_text("shopping list\n" * 100)
    result = run(*command, "--db", garbage)
    assert result.exit_code == 1
    assert result.stderr == f"newsingest: error: cannot open database {garbage}: file is not a database\n"


def test_stats_plain_text(db: Path) -> None:
    result = run("stats", "--db", db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    cells = [line.split() for line in lines]
    assert ["articles", "3"] in cells
    assert cells.index(["example.com", "2"]) < cells.index(["other.org", "1"])
    header = cells.index(["run", "spider", "started", "finished", "status", "pages", "scraped", "dropped", "errors"])
    # Numbers line up on the right edge of their column; a figure missing from the stats stays blank.
    assert lines[header + 1].startswith("  1  demo")
    assert lines[header + 1].split()[-4:] == ["finished", "7", "3", "3"]
    assert lines[header].index("pages") + len("pages") == lines[header + 1].index(" 7 ") + len(" 7")


def test_stats_json(db: Path) -> None:
    result = run("stats", "--json", "--db", db)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["totals"] == {
        "articles": 3,
        "quotes": 0,
        "links": 0,
        "crawl_runs": 1,
        "duplicates": 0,
        "revisions": 0,
    }
    assert report["sites"] == [{"site": "example.com", "articles": 2}, {"site": "other.org", "articles": 1}]
    [crawl] = report["runs"]
    assert crawl["spider"] == "demo" and crawl["status"] == "finished"
    assert crawl["stats"]["item_scraped_count"] == 3
    assert crawl["stats"]["start_time"] == "2024-05-01T00:00:00+00:00"


def test_stats_on_an_empty_database(tmp_path: Path) -> None:
    Store(tmp_path / "news.db").close()
    result = run("stats", "--db", tmp_path / "news.db")
    assert result.exit_code == 0, result.output
    assert "(none)" in result.stdout


def test_terminal_output_is_bold_instead_of_marked() -> None:
    marked = f"the {MARK_START}ceasefire{MARK_END} held"
    assert query.highlight(marked, tty=False) == marked
    assert query.highlight(marked, tty=True) == f"the {click.style('ceasefire', bold=True)} held"
    hit = SearchHit("https://example.com/a", "Truce", "example.com", None, marked, 1.0)
    assert click.unstyle(query.format_hit(1, hit, tty=True)) == query.format_hit(1, hit, tty=False).replace(
        MARK_START, ""
    ).replace(MARK_END, "")


def test_terminal_stats_are_rich_tables() -> None:
    listings = query.stats_listings(
        {"articles": 2},
        [("example.com", 2)],
        [
            {
                "id": 1,
                "spider": "demo",
                "started": "2024-05-01T10:00:00+00:00",
                "finished": None,
                "status": "running",
                "stats": {},
            }
        ],
    )
    out = io.StringIO()
    query.print_rich(listings, Console(file=out, width=120, color_system=None))
    text = out.getvalue()
    assert "Articles per site" in text and "example.com" in text
    assert "│   1 │ demo   │ 2024-05-01 10:00:00 │" in text


@pytest.mark.parametrize("command", ["search", "stats"])
def test_every_option_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    for param in cli.commands[command].params:
        if isinstance(param, click.Option):
            assert param.help, f"{command} {param.opts} has no help"
    assert "--db" in result.stdout
