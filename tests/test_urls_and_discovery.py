"""URL normalisation, and the sitemaps and feeds that list article URLs."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from newsingest.discovery import parse_feed, parse_sitemap
from newsingest.errors import ExtractionError
from newsingest.urls import canonical_url, normalize_url, same_site

UTC = dt.UTC


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM/a/b/?utm_source=x&b=2&a=1#frag", "http://example.com/a/b/?a=1&b=2"),
        ("https://example.com/story/?fbclid=abc&gclid=def", "https://example.com/story/"),
        ("https://example.com/story?id=5&utm_medium=email", "https://example.com/story?id=5"),
    ],
)
def test_normalize_url_drops_tracking_and_fragments(url, expected):
    assert normalize_url(url) == expected


def test_canonical_url_only_within_the_same_site():
    assert canonical_url("https://www.a.example/x?utm_source=1", "/y/") == "https://www.a.example/y/"
    assert canonical_url("https://m.a.example/x", "https://www.a.example/x") == "https://www.a.example/x"
    assert canonical_url("https://a.example/x?utm_source=1", "https://elsewhere.example/x") == "https://a.example/x"
    assert same_site("https://news.a.example/", "https://a.example/") and not same_site("https://a.example", "b.c")


def test_sitemap_index_and_news_sitemap():
    site = FIXTURES / "demo_site" / "site"
    index = parse_sitemap((site / "sitemap.xml").read_bytes())
    assert index.is_index and [e.url for e in index.entries] == [
        "{{BASE}}/sitemaps/news.xml",
        "{{BASE}}/sitemaps/archive.xml",
    ]
    news = parse_sitemap((site / "sitemaps" / "news.xml").read_bytes())
    assert not news.is_index and len(news.entries) == 10
    first = news.entries[0]
    assert first.title and isinstance(first.published, dt.datetime) and first.published.tzinfo is not None
    # A plain sitemap's lastmod says when a page changed, not when it was published.
    archive = parse_sitemap((site / "sitemaps" / "archive.xml").read_bytes()).entries[0]
    assert archive.published is None and archive.modified == dt.datetime(2026, 3, 9, 6, 30, tzinfo=UTC)
    assert index.entries[0].modified == dt.date(2026, 3, 16)


def test_not_a_sitemap_is_an_error():
    with pytest.raises(ExtractionError, match="not a sitemap"):
        parse_sitemap(b"<html><body>oops</body></html>")


def test_a_damaged_feed_yields_what_it_can():
    entries, problem = parse_feed((FIXTURES / "trouble_site" / "site" / "feed.rss").read_bytes())
    assert [e.url for e in entries] == ["{{BASE}}/good-1/", "{{BASE}}/good-2/"]
    assert entries[0].published == dt.datetime(2026, 10, 2, 8, 15, tzinfo=UTC)
    assert problem


def test_a_feed_with_nothing_readable_is_an_error():
    with pytest.raises(ExtractionError, match="broken feed"):
        parse_feed(b"<rss><channel><item><title>cut off")


def test_url_keys_keep_what_names_the_story_and_drop_what_does_not():
    from newsingest.urls import url_key

    assert url_key("http://example.com:80/story") == url_key("https://example.com/story") == "example.com/story"
    assert url_key("https://ex.example/view.php?cid=1001") != url_key("https://ex.example/view.php?cid=1002")
    assert url_key("https://ex.example/a/?utm_source=x&fbclid=y") == url_key("https://ex.example/a")
