"""Which date on a page is the article's: sources in order of trust, never the site's "today"."""

from __future__ import annotations

import datetime as dt

import pytest

from newsingest import extract

UTC = dt.UTC
FETCHED = dt.datetime(2026, 1, 14, 12, 0, tzinfo=UTC)
BODY = "".join(
    f"<p>Paragraph {i} of the story about the harbour wall, long enough to be read as body text by any reader.</p>"
    for i in range(6)
)


def page(*, head: str = "", header: str = "", byline: str = "", aside: str = "", lang: str = "en") -> str:
    return f"""<!doctype html><html lang="{lang}"><head><title>Harbour wall repaired</title>{head}</head>
<body>
  <header class="site-header"><a href="/">The Coastal Ledger</a>{header}</header>
  <main><article>
    <h1>Harbour wall repaired after winter storms</h1>
    {byline}
    <div class="article-body">{BODY}</div>
  </article>
  <aside class="sidebar">{aside}</aside></main>
</body></html>"""


def read(html: str, url: str = "https://ledger.example/news/harbour-wall-repaired/", **kwargs):
    return extract(html, url, fetched=FETCHED, **kwargs)


def test_the_header_s_today_is_not_the_article_s_date():
    html = page(
        header='<span class="date">Wednesday, 14 January 2026</span>',
        byline='<p class="byline">By Mara Quill · <span class="date">27.Sep.2022</span></p>',
    )
    article = read(html)
    assert article.published == dt.date(2022, 9, 27)
    assert (article.published_source, article.published_raw, article.published_precision) == (
        "byline",
        "27.Sep.2022",
        "day",
    )


def test_with_only_the_header_s_today_the_page_has_no_date():
    article = read(page(header='<span class="current-date">14 Jan 2026</span>'))
    assert article.published is None  # htmldate may look further, but never at the site's clock
    assert article.published_source in (None, "htmldate")
    assert article.published != dt.date(2026, 1, 14)


def test_sidebar_and_comment_dates_do_not_count():
    html = page(
        aside='<ul><li><a href="/news/other-story/">Other story</a> <span class="date">13 Jan 2026</span></li></ul>',
        byline='<div class="comments"><span class="date">12 Jan 2026, 09:00</span></div>',
    )
    article = read(html, url="https://ledger.example/news/2025/11/30/harbour-wall-repaired/")
    assert (article.published, article.published_source) == (dt.date(2025, 11, 30), "url")


@pytest.mark.parametrize(
    ("parts", "source", "value"),
    [
        (
            {
                "head": '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":'
                '"2025-06-02T08:15:00+02:00"}</script><meta property="article:published_time" '
                'content="2025-06-01T10:00:00Z">',
                "byline": '<time datetime="2025-05-30T07:00:00Z">30 May</time>',
            },
            "jsonld",
            dt.datetime(2025, 6, 2, 6, 15, tzinfo=UTC),
        ),
        (
            {
                "head": '<meta property="article:published_time" content="2025-06-01T10:00:00Z">',
                "byline": '<time datetime="2025-05-30T07:00:00Z">30 May</time>',
            },
            "meta",
            dt.datetime(2025, 6, 1, 10, 0, tzinfo=UTC),
        ),
        (
            {"byline": '<time datetime="2025-05-30T07:00:00Z">30 May</time> <span class="date">29 May 2025</span>'},
            "time",
            dt.datetime(2025, 5, 30, 7, 0, tzinfo=UTC),
        ),
    ],
)
def test_sources_in_order_of_trust(parts, source, value):
    article = read(page(**parts))
    assert (article.published, article.published_source) == (value, source)
    assert article.published.tzinfo == UTC


def test_a_feed_or_sitemap_date_counts_when_the_page_has_none():
    listed = dt.datetime(2025, 12, 1, 6, 30, tzinfo=UTC)
    article = read(page(), listed=listed)
    assert (article.published, article.published_source) == (listed, "listed")
    # The URL is trusted before the listing.
    dated_url = "https://ledger.example/news/2025/11/30/harbour-wall-repaired/"
    assert read(page(), url=dated_url, listed=listed).published_source == "url"


def test_modified_is_its_own_date_and_never_the_fetch_time():
    head = (
        '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-06-02T08:15:00+02:00",'
        '"dateModified":"2025-06-03T09:00:00+02:00"}</script>'
    )
    article = read(page(head=head))
    assert article.modified == dt.datetime(2025, 6, 3, 7, 0, tzinfo=UTC)
    assert (article.modified_source, article.modified_precision) == ("jsonld", "second")
    # No modified date on the page: none is made up, whatever the HTTP or generator times say.
    plain = read(page(head='<meta http-equiv="last-modified" content="2026-01-14T12:00:00Z">'))
    assert plain.modified is None


def test_an_updated_label_in_the_byline_is_the_modified_date():
    byline = (
        '<p class="meta">Published <time datetime="2025-06-02T08:15:00Z">2 June</time> · '
        'Updated <time datetime="2025-06-02T17:40:00Z">17:40</time></p>'
    )
    article = read(page(byline=byline))
    assert article.published == dt.datetime(2025, 6, 2, 8, 15, tzinfo=UTC)
    assert article.modified == dt.datetime(2025, 6, 2, 17, 40, tzinfo=UTC)


def test_a_modified_date_before_publication_is_dropped():
    head = (
        '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-06-02T08:15:00Z",'
        '"dateModified":"2019-01-01T00:00:00Z"}</script>'
    )
    assert read(page(head=head)).modified is None


def test_a_time_without_zone_stays_wall_time_unless_the_site_zone_is_set():
    byline = '<p class="byline">Veröffentlicht am 3. März 2024, 14:05 Uhr</p>'
    unknown = read(page(byline=byline, lang="de"))
    assert unknown.published == dt.datetime(2024, 3, 3, 14, 5) and unknown.published.tzinfo is None
    assert unknown.published_precision == "minute"
    berlin = read(page(byline=byline, lang="de"), site={"timezone": "Europe/Berlin"})
    assert berlin.published == dt.datetime(2024, 3, 3, 13, 5, tzinfo=UTC)


def test_the_zone_the_page_displays_in_is_taken_from_the_page_itself():
    # JSON-LD gives the instant, the byline the same moment as wall time: the page shows UTC+1.
    head = (
        '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-01-12T09:30:00+01:00"}'
        "</script>"
    )
    items = [
        ("ferry-timetable-changes-for-spring", "Ferry timetable changes for spring", "11:05"),
        ("lighthouse-reopens-to-visitors", "Lighthouse reopens to visitors", "10:40"),
        ("fish-market-extends-hours", "Fish market extends its opening hours", "09:55"),
    ]
    rows = "".join(f'<li><a href="/news/{slug}/">{title}</a> <span>{at}</span></li>' for slug, title, at in items)
    aside = f"<h2>Latest</h2><ul>{rows}</ul>"
    article = read(page(head=head, byline='<p class="byline">12 January 2026, 09:30</p>', aside=aside))
    assert article.published == dt.datetime(2026, 1, 12, 8, 30, tzinfo=UTC)
    times = [link.published for link in article.links]
    assert times == [dt.datetime(2026, 1, 14, h, m, tzinfo=UTC) for h, m in ((10, 5), (9, 40), (8, 55))]


def test_the_site_date_order_reads_numeric_dates():
    byline = '<p class="byline">Posted 03/04/2024 09:10</p>'
    assert read(page(byline=byline, lang="en-US")).published == dt.datetime(2024, 3, 4, 9, 10)
    assert read(page(byline=byline, lang="en-GB")).published == dt.datetime(2024, 4, 3, 9, 10)
    assert read(page(byline=byline, lang="en-US"), site={"date_order": "DMY"}).published == dt.datetime(
        2024, 4, 3, 9, 10
    )


def test_a_date_after_the_fetch_is_not_the_publication_date():
    byline = '<p class="byline"><span class="date">5 March 2031</span></p>'
    article = read(page(byline=byline), url="https://ledger.example/news/2025/11/30/harbour-wall-repaired/")
    assert (article.published, article.published_source) == (dt.date(2025, 11, 30), "url")


def test_bad_site_settings_fail_with_a_clear_message():
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        read(page(), site={"timezone": "Mars/Olympus"})
    with pytest.raises(ValueError, match="date order must be one of DMY, MDY, YMD"):
        read(page(), site={"date_order": "DDM"})
