"""The page the user showed us (../shared/seed): extraction must match expected.json exactly."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import SHARED

import newsingest

SEED = SHARED / "seed"
pytestmark = pytest.mark.skipif(not (SEED / "article.html").exists(), reason="../shared/seed is not available")


@pytest.fixture(scope="module")
def seed():
    expected = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))
    return expected, newsingest.extract((SEED / "article.html").read_bytes(), expected["url"])


def test_headline_and_body(seed):
    expected, article = seed
    assert article.headline == expected["headline"]
    assert list(article.paragraphs) == expected["body_paragraphs"]
    assert article.body == "\n\n".join(expected["body_paragraphs"])


def test_published_is_the_byline_day_not_the_site_s_today(seed):
    expected, article = seed
    assert article.published == dt.date.fromisoformat(expected["published"])  # 2022-09-27, not 2026-01-14
    assert type(article.published) is dt.date  # only the day is on the page: no invented midnight
    assert article.published_raw == "27.Sep.2022"
    assert article.published_source == "byline"
    assert article.published_precision == "day"
    # The page shows no modified date; the fetch time must not stand in for one.
    assert article.modified is None and article.modified_source is None


def test_to_dict_is_json_ready(seed):
    _, article = seed
    data = json.loads(json.dumps(article.to_dict()))
    assert data["published"] == "2022-09-27"
    assert data["canonical_url"] == article.url


def test_exactly_the_five_quotes_of_ned_price(seed):
    expected, article = seed
    got = [(q.text, q.speaker, q.cue) for q in article.quotes]
    assert got == [(q["text"], q["speaker"], q["cue"]) for q in expected["quotes"]]
    # The second is attributed by "he told a press briefing"; the next three by the multi-paragraph rule.
    assert [q.speaker_raw for q in article.quotes] == ["he", "Price", "Price", "Price", "Price"]
    assert [q.paragraph for q in article.quotes] == [1, 2, 3, 4, 6]


def test_exactly_the_ten_latest_news_items(seed):
    expected, article = seed
    got = [(link.url, link.title, link.published.isoformat(), link.section) for link in article.links]
    assert got == [(x["url"], x["title"], x["published"], x["section"]) for x in expected["links"]]
    assert [link.position for link in article.links] == list(range(10))
    # "09.Jan.2026" names a day: sidebar dates are normalised to dates, not midnight datetimes.
    assert all(type(link.published) is dt.date for link in article.links)
