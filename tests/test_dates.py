"""Dates as news pages write them: one test per format, and the rules for zones, precision and context."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

import newsingest.dates as dates
from newsingest.dates import (
    DateReader,
    date_order_for,
    find_date,
    has_time,
    language_codes,
    may_be_date,
    parse_date,
    strip_dates,
    to_utc,
)

UTC = dt.UTC
# A Wednesday.
FETCHED = dt.datetime(2026, 1, 14, 12, 0, tzinfo=UTC)
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def read(raw: str, *languages: str, zone=None, date_order=None, fetched=FETCHED):
    return DateReader(language_codes(*languages), zone, date_order, fetched).read(raw)


@pytest.mark.parametrize(
    ("raw", "languages", "value", "precision"),
    [
        ("27.Sep.2022", (), dt.date(2022, 9, 27), "day"),
        ("09.Jan.2026", (), dt.date(2026, 1, 9), "day"),
        ("14 Jan 2026", (), dt.date(2026, 1, 14), "day"),
        ("3. März 2024", ("de",), dt.date(2024, 3, 3), "day"),
        ("3 de marzo de 2024", ("es",), dt.date(2024, 3, 3), "day"),
        ("3 марта 2024", ("ru",), dt.date(2024, 3, 3), "day"),
        ("2022-09-27", (), dt.date(2022, 9, 27), "day"),
        # The page gives a time and no zone: the wall time as printed, zone unknown.
        ("le 3 mars 2024 à 14h05", ("fr",), dt.datetime(2024, 3, 3, 14, 5), "minute"),
        ("2024-05-03T15:47:42", (), dt.datetime(2024, 5, 3, 15, 47, 42), "second"),
    ],
)
def test_each_format_reads_to_its_day_or_wall_time(raw, languages, value, precision):
    found = read(raw, *languages)
    assert found is not None
    assert (found.value, type(found.value), found.precision, found.raw) == (value, type(value), precision, raw)


@pytest.mark.parametrize(
    ("raw", "utc", "precision"),
    [
        ("2024-05-03T15:47:42+02:00", dt.datetime(2024, 5, 3, 13, 47, 42), "second"),
        ("2024-05-03T15:47:42.389Z", dt.datetime(2024, 5, 3, 15, 47, 42, 389000), "second"),
        ("2024-05-03 15:47:42 +0200", dt.datetime(2024, 5, 3, 13, 47, 42), "second"),
        ("Mon, 26 Sep 2022 18:02:00 +0300", dt.datetime(2022, 9, 26, 15, 2), "second"),
        ("5 Jan 2026 10:00 EST", dt.datetime(2026, 1, 5, 15, 0), "minute"),
        ("5 Jan 2026 10:00 CET", dt.datetime(2026, 1, 5, 9, 0), "minute"),
        ("5 Jan 2026 10:00 MSK", dt.datetime(2026, 1, 5, 7, 0), "minute"),
        ("September 27, 2022 at 4:05 p.m. EDT", dt.datetime(2022, 9, 27, 20, 5), "minute"),
    ],
)
def test_a_stated_zone_gives_an_aware_utc_time(raw, utc, precision):
    found = read(raw)
    assert found is not None and found.zone_known
    assert found.value == utc.replace(tzinfo=UTC)
    assert found.value.tzinfo == UTC
    assert found.precision == precision


def test_the_site_zone_applies_only_to_times_without_one():
    assert read("le 3 mars 2024 à 14h05", "fr", zone=PARIS).value == dt.datetime(2024, 3, 3, 13, 5, tzinfo=UTC)
    # Summer time: Berlin is two hours ahead of UTC in May.
    assert read("03.05.2024, 14:30 Uhr", "de", zone=BERLIN).value == dt.datetime(2024, 5, 3, 12, 30, tzinfo=UTC)
    # A stated zone wins over the configured one.
    assert read("5 Jan 2026 10:00 EST", zone=BERLIN).value == dt.datetime(2026, 1, 5, 15, 0, tzinfo=UTC)
    # A day stays a day whatever the zone.
    assert read("3. März 2024", "de", zone=BERLIN).value == dt.date(2024, 3, 3)


def test_without_a_configured_zone_the_zone_is_marked_unknown():
    found = read("03.05.2024, 14:30 Uhr", "de")
    assert found.value == dt.datetime(2024, 5, 3, 14, 30) and found.value.tzinfo is None
    assert not found.zone_known
    assert to_utc(found.value) == found.value  # not silently taken for UTC


def test_september_19_takes_its_year_from_the_fetch_time():
    assert read("September 19").value == dt.date(2025, 9, 19)  # fetched in January 2026: last September
    assert read("September 19", fetched=dt.datetime(2022, 9, 27, tzinfo=UTC)).value == dt.date(2022, 9, 19)


def test_a_weekday_is_the_most_recent_such_day():
    found = read("Monday")
    assert (found.value, found.precision) == (dt.date(2026, 1, 12), "day")
    assert read("Montag", "de").value == dt.date(2026, 1, 12)


def test_yesterday_is_a_day_counted_in_the_site_zone():
    assert read("yesterday").value == dt.date(2026, 1, 13)
    assert read("gestern", "de").value == dt.date(2026, 1, 13)
    # 20:00 UTC on the 14th is already the 15th in Tokyo, so Tokyo's "yesterday" is the 14th.
    late = dt.datetime(2026, 1, 14, 20, 0, tzinfo=UTC)
    assert read("yesterday", zone=zoneinfo.ZoneInfo("Asia/Tokyo"), fetched=late).value == dt.date(2026, 1, 14)


def test_hours_ago_counts_back_from_the_fetch_time():
    found = read("2 hours ago")
    assert found.value == dt.datetime(2026, 1, 14, 10, 0, tzinfo=UTC)
    assert found.precision == "hour"
    assert read("vor 2 Stunden", "de").value == dt.datetime(2026, 1, 14, 10, 0, tzinfo=UTC)
    assert read("3 days ago").value == dt.date(2026, 1, 11)


def test_date_order_settles_ambiguous_numeric_dates():
    assert read("27/09/2022 14:05", date_order="DMY").value == dt.datetime(2022, 9, 27, 14, 5)
    assert read("09/27/2022", date_order="MDY").value == dt.date(2022, 9, 27)
    assert read("03/04/2024", date_order="DMY").value == dt.date(2024, 4, 3)
    assert read("03/04/2024", date_order="MDY").value == dt.date(2024, 3, 4)
    # German pages write the day first even though dateparser tries English after German.
    assert read("03.04.2024", "de", date_order=date_order_for("de")).value == dt.date(2024, 4, 3)


def test_date_order_follows_the_page_locale():
    assert date_order_for("en-GB") == "DMY"
    assert date_order_for("en_us") == "MDY"
    assert date_order_for("de-AT") == "DMY"
    assert date_order_for("ja") == "YMD"
    assert date_order_for(None, "xx", "fr") == "DMY"
    assert date_order_for(None) is None


def test_dates_after_the_fetch_or_before_1900_are_not_dates():
    assert read("2030-01-01") is None
    assert read("0001-01-01T00:00:00Z") is None
    assert read("15 Jan 2026") is not None  # a day ahead: a site east of UTC


def test_text_without_digit_month_or_relative_word_never_reaches_dateparser(monkeypatch):
    calls = []
    real = dates._dateparser
    monkeypatch.setattr(dates, "_dateparser", lambda *args: calls.append(args[0]) or real(*args))
    for text in ("By Staff Reporter", "Share this article", "Read more"):
        assert read(text) is None
    assert calls == []
    assert not may_be_date("Share this article")
    assert may_be_date("14 Jan") and may_be_date("janvier") and may_be_date("Monday") and may_be_date("yesterday")
    assert read("Share on 3 platforms") is None
    assert calls == ["Share on 3 platforms"]


def test_parse_date_keeps_working_without_a_reader():
    assert parse_date("27.Sep.2022") == dt.date(2022, 9, 27)
    assert parse_date("2 hours ago", relative_base=FETCHED) == dt.datetime(2026, 1, 14, 10, 0, tzinfo=UTC)
    assert parse_date("") is None and parse_date(None) is None


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("Veröffentlicht am 3. Mai 2024, 14:30 Uhr", "3. Mai 2024, 14:30 Uhr", dt.datetime(2024, 5, 3, 14, 30)),
        ("Stand: 22.04.2024 17:13 Uhr", "22.04.2024 17:13 Uhr", dt.datetime(2024, 4, 22, 17, 13)),
        ("2024年1月29日 18:40", "2024年1月29日 18:40", dt.datetime(2024, 1, 29, 18, 40)),
        ("Publicado el 27 de septiembre de 2022", "27 de septiembre de 2022", dt.date(2022, 9, 27)),
        ("By Ana Ruiz · Monday", "Monday", dt.date(2026, 1, 12)),
        ("LIVE · 12 minutes ago", "12 minutes ago", dt.datetime(2026, 1, 14, 11, 48, tzinfo=UTC)),
    ],
)
def test_find_date_in_a_byline(text, span, expected):
    languages = language_codes("de", "es", "ja")
    assert find_date(text, languages=languages, date_order="DMY", relative_base=FETCHED) == (expected, span)


def test_prose_without_a_date_finds_nothing():
    assert find_date("We may meet again in the spring, she said.") is None


def test_has_time_and_strip_dates():
    assert has_time("27 Sep 2022, 10:31") and not has_time("27 Sep 2022")
    assert strip_dates("By Hollis Wren · November 9, 2026") == "By Hollis Wren ·"


def test_language_codes_keep_known_languages_english_last():
    assert language_codes("de-AT", "pt_BR", "xx", None) == ("de", "pt", "en")


@pytest.mark.parametrize(
    ("raw", "languages", "zone", "fetched", "expected"),
    [
        # A date without a year, east of UTC: the site's clock is already past the UTC one.
        (
            "Fri 15 Mar, 21:40",
            ("en",),
            BERLIN,
            dt.datetime(2024, 3, 15, 21, 0, tzinfo=UTC),
            dt.datetime(2024, 3, 15, 20, 40),
        ),
        (
            "March 15, 10:00",
            ("en",),
            "Asia/Tokyo",
            dt.datetime(2024, 3, 15, 1, 30, tzinfo=UTC),
            dt.datetime(2024, 3, 15, 1, 0),
        ),
        # 午前 and 오전 are "a.m.", not "ago".
        ("2024年3月5日 午前10時30分", ("ja",), "Asia/Tokyo", FETCHED, dt.datetime(2024, 3, 5, 1, 30)),
        ("2024年3月5日 午後1時30分", ("ja",), "Asia/Tokyo", FETCHED, dt.datetime(2024, 3, 5, 4, 30)),
        ("2024.03.05. 오전 10:30", ("ko",), "Asia/Seoul", FETCHED, dt.datetime(2024, 3, 5, 1, 30)),
        # "yesterday" and "today" with a time: the site's day, the site's clock.
        (
            "gestern, 23:30 Uhr",
            ("de",),
            BERLIN,
            dt.datetime(2024, 1, 6, 12, 0, tzinfo=UTC),
            dt.datetime(2024, 1, 5, 22, 30),
        ),
        (
            "Today, 10:30",
            ("en",),
            "America/New_York",
            dt.datetime(2024, 1, 6, 2, 0, tzinfo=UTC),
            dt.datetime(2024, 1, 5, 15, 30),
        ),
        # A full date beside "today" is the date.
        ("Heute, 27.09.2022 10:31", ("de",), BERLIN, FETCHED, dt.datetime(2022, 9, 27, 8, 31)),
        ("Tue 5 Mar 2024 12.30 GMT", ("en",), None, FETCHED, dt.datetime(2024, 3, 5, 12, 30)),
    ],
)
def test_the_site_clock_decides_days_and_years(raw, languages, zone, fetched, expected):
    tz = zoneinfo.ZoneInfo(zone) if isinstance(zone, str) else zone
    found = DateReader(language_codes(*languages), tz, None, fetched).read(raw)
    assert found is not None and found.value == expected.replace(tzinfo=UTC), found


def test_relative_words_need_a_number_before_asian_ago():
    assert may_be_date("3時間前") and read("3時間前", "ja").value == dt.datetime(2026, 1, 14, 9, 0, tzinfo=UTC)
    assert read("5분 전", "ko").value == dt.datetime(2026, 1, 14, 11, 55, tzinfo=UTC)
