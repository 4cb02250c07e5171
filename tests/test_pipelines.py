"""The item pipelines, each with a real crawler object and a real SQLite file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newsingest.crawl.stores import close_store, store_for
from newsingest.models import Article
from pipelines.dedupe import DedupePipeline
from pipelines.normalize import NormalizePipeline
from pipelines.validate import ValidatePipeline

WORDS = " ".join(f"word{i}" for i in range(60))


def article(url: str = "https://e.x/a/", body: str = WORDS, **changes) -> Article:
    base = Article(url=url, canonical_url=url, headline="  A   headline ", body=body, paragraphs=(body,))
    return dataclasses.replace(base, **changes)


@pytest.fixture
def crawler(tmp_path):
    crawler = get_crawler(settings_dict={"NEWSINGEST_DB": str(tmp_path / "news.db")})
    crawler.stats.open_spider()
    yield crawler
    close_store(crawler)


def test_normalize_cleans_text_and_moves_dates_to_utc():
    berlin = dt.timezone(dt.timedelta(hours=2))
    item = NormalizePipeline().process_item(
        article(
            paragraphs=(" First\u00ad para ", "", "Second\u200b one"),
            published=dt.datetime(2024, 5, 3, 14, 0, tzinfo=berlin),
            modified=dt.date(2024, 5, 4),
        )
    )
    assert item.headline == "A headline"
    assert item.paragraphs == ("First para", "Second one") and item.body == "First para\n\nSecond one"
    assert item.published == dt.datetime(2024, 5, 3, 12, 0, tzinfo=dt.UTC)
    assert item.modified == dt.date(2024, 5, 4)


def test_normalize_keeps_a_time_of_unknown_zone_as_written():
    item = NormalizePipeline().process_item(article(published=dt.datetime(2024, 5, 3, 14, 30)))
    assert item.published == dt.datetime(2024, 5, 3, 14, 30) and item.published.tzinfo is None


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"headline": ""}, "no headline"),
        ({"body": "too short", "paragraphs": ("too short",)}, "body too short"),
        ({"canonical_url": "file:///tmp/x.html"}, "bad url"),
        ({"published": dt.datetime(2099, 1, 1, tzinfo=dt.UTC)}, "published in the future"),
    ],
)
def test_validate_drops_with_a_counted_reason(crawler, changes, reason):
    pipeline = ValidatePipeline.from_crawler(crawler)
    with pytest.raises(DropItem, match=reason):
        pipeline.process_item(article(**changes))
    assert crawler.stats.get_value(f"newsingest/dropped/{reason}") == 1
    assert pipeline.process_item(article()) is not None


def test_dedupe_drops_a_story_seen_twice_in_one_run_under_any_spelling(crawler):
    pipeline = DedupePipeline.from_crawler(crawler)
    pipeline.process_item(article())
    with pytest.raises(DropItem, match="duplicate url"):
        pipeline.process_item(article())
    amp = "https://e.x/a/amp/"
    with pytest.raises(DropItem, match=re.escape("is https://e.x/a/")):
        pipeline.process_item(article(url=amp, canonical_url=amp))
    # The same body at another address is the store's to judge (a row with duplicate_of), not dropped here.
    assert pipeline.process_item(article(url="https://e.x/b/", canonical_url="https://e.x/b/")) is not None
    assert crawler.stats.get_value("newsingest/dropped/duplicate url") == 2


def test_validators_are_written_with_the_articles_read_from_their_pages(crawler, tmp_path):
    from newsingest.store import Store

    store = Store(tmp_path / "kill.db", batch_size=50)
    store.save(article())
    store.save_validators("https://e.x/a/", '"v1"', None)
    assert store.validators("https://e.x/a/")[0] == '"v1"'
    store.db.close()  # the process dies before the batch is written
    with Store(tmp_path / "kill.db") as reopened:
        assert reopened.validators("https://e.x/a/") == (None, None, None)
        assert not reopened.has_address("https://e.x/a/")  # so the page is fetched in full next time


def test_old_validators_are_not_sent(crawler):
    from scrapy import Request

    from newsingest.crawl.conditional import ConditionalRequestsMiddleware

    middleware = ConditionalRequestsMiddleware(crawler)
    store = store_for(crawler)
    store.save_validators("https://e.x/section/", '"fresh"', None)
    fresh = Request("https://e.x/section/", meta={"kind": "page"})
    middleware.process_request(fresh)
    assert fresh.headers.get("If-None-Match") == b'"fresh"'
    middleware.max_age = dt.timedelta(seconds=-1)  # everything is older than that
    stale = Request("https://e.x/section/", meta={"kind": "page"})
    middleware.process_request(stale)
    assert stale.headers.get("If-None-Match") is None
