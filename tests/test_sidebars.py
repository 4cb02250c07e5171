"""Sidebar link lists: what counts as one, and what each item says."""

from __future__ import annotations

import datetime as dt

import newsingest

BODY = "".join(
    f"<p>{text}</p>"
    for text in (
        "The council approved the harbour budget on Tuesday after a long debate about dredging costs and fees.",
        "Members also discussed the fish market, which has been closed since the storm damaged its roof in March.",
        "A final decision on the market is expected next month, after engineers have inspected the structure.",
    )
)


def page(extra: str, body_links: str = "") -> str:
    return f"""<html lang="en"><head><title>Council budget | Courier</title></head><body>
      <header><nav><a href="/news/2026/03/01/menu-link-one-two/">Menu link one two</a>
        <a href="/news/2026/03/02/menu-link-three-four/">Menu link three four</a></nav></header>
      <main><article><h1>Council approves the harbour budget</h1>{BODY}{body_links}</article>{extra}</main>
      <footer><ul><li><a href="/news/2026/01/01/footer-story-about-something/">Footer story about something</a></li>
        <li><a href="/news/2026/01/02/another-footer-story-here/">Another footer story here</a></li></ul></footer>
    </body></html>"""


def links(html: str, fetched: dt.datetime | None = None):
    return newsingest.extract(html, "https://courier.example/news/2026/03/03/council-budget/", fetched=fetched).links


def test_a_labelled_list_with_dates():
    aside = """<aside><h3>Latest news</h3><ul>
      <li><a href="/news/2026/03/02/ferry-fares-to-fall-for-islanders/">Ferry fares to fall for islanders</a>
          <span>02.Mar.2026</span></li>
      <li><a href="https://courier.example/news/2026/03/01/port-strike-ends-after-talks/?utm_source=side">Port
          strike ends after talks</a> <span>01.Mar.2026</span></li></ul></aside>"""
    got = links(page(aside))
    assert [(link.url, link.title, link.published, link.section, link.position) for link in got] == [
        (
            "https://courier.example/news/2026/03/02/ferry-fares-to-fall-for-islanders/",
            "Ferry fares to fall for islanders",
            dt.date(2026, 3, 2),
            "Latest news",
            0,
        ),
        (
            "https://courier.example/news/2026/03/01/port-strike-ends-after-talks/",
            "Port strike ends after talks",
            dt.date(2026, 3, 1),
            "Latest news",
            1,
        ),
    ]


def test_relative_dates_count_from_the_fetch_time():
    cards = """<section aria-label="Most read"><div class="card"><a href="/news/2026/03/03/tide-record-set/">
        <h3>Highest tide on record set overnight</h3></a><span>3 hours ago</span></div>
      <div class="card"><a href="/news/2026/03/02/bridge-reopens-early/"><h3>Old bridge reopens early</h3></a>
        <span>yesterday</span></div></section>"""
    fetched = dt.datetime(2026, 3, 3, 12, 0, tzinfo=dt.UTC)
    got = links(page(cards), fetched)
    assert [(link.title, link.published, link.section) for link in got] == [
        ("Highest tide on record set overnight", dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), "Most read"),
        ("Old bridge reopens early", dt.date(2026, 3, 2), "Most read"),
    ]


def test_menus_footers_and_links_in_the_story_are_not_sidebar_lists():
    in_body = (
        '<p>Read <a href="/news/2026/02/01/how-the-budget-works-explained/">how the budget works explained'
        '</a> and <a href="/news/2026/02/02/last-years-budget-in-numbers/">last year’s budget in numbers</a>.</p>'
    )
    assert links(page("", in_body)) == ()
