"""Dates as news pages write them, to aware datetimes or plain days."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from newsingest.dates import find_date, has_time, language_codes, parse_date, strip_dates, to_utc

UTC = dt.UTC


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2022-09-27T10:00:00+02:00", dt.datetime(2022, 9, 27, 8, 0, tzinfo=UTC)),
        ("2024-05-03T15:47:42.389Z", dt.datetime(2024, 5, 3, 15, 47, 42, 389000, tzinfo=UTC)),
        ("2024-05-03 15:47:42 +0200", dt.datetime(2024, 5, 3, 13, 47, 42, tzinfo=UTC)),
        ("2022-09-27", dt.date(2022, 9, 27)),
        ("27.Sep.2022", dt.date(2022, 9, 27)),
        ("09.Jan.2026", dt.date(2026, 1, 9)),
        ("Mon, 26 Sep 2022 18:02:00 +0300", dt.datetime(2022, 9, 26, 15, 2, tzinfo=UTC)),
        ("September 27, 2022 at 4:05 p.m. EDT", dt.datetime(2022, 9, 27, 20, 5, tzinfo=UTC)),
    ],
)
def test_parse_date(raw, expected):
    value = parse_date(raw)
    assert value == expected
    assert type(value) is type(expected)


def test_a_date_without_time_stays_a_day():
    assert parse_date("3. Mai 2024", languages=("de", "en")) == dt.date(2024, 5, 3)


def test_naive_times_are_read_in_the_site_zone():
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    value = parse_date("03.05.2024, 14:30 Uhr", languages=("de",), default_tz=berlin)
    assert to_utc(value) == dt.datetime(2024, 5, 3, 12, 30, tzinfo=UTC)


def test_relative_dates_count_from_the_fetch_time():
    fetched = dt.datetime(2026, 1, 14, 12, 0, tzinfo=UTC)
    assert parse_date("2 hours ago", relative_base=fetched) == dt.datetime(2026, 1, 14, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        (
            "Veröffentlicht am 3. Mai 2024, 14:30 Uhr",
            "3. Mai 2024, 14:30 Uhr",
            dt.datetime(2024, 5, 3, 14, 30, tzinfo=UTC),
        ),
        ("Stand: 22.04.2024 17:13 Uhr", "22.04.2024 17:13 Uhr", dt.datetime(2024, 4, 22, 17, 13, tzinfo=UTC)),
        ("2024年1月29日 18:40", "2024年1月29日 18:40", dt.datetime(2024, 1, 29, 18, 40, tzinfo=UTC)),
        ("Publicado el 27 de septiembre de 2022", "27 de septiembre de 2022", dt.date(2022, 9, 27)),
    ],
)
def test_find_date_in_a_byline(text, span, expected):
    languages = language_codes("de", "es", "ja")
    assert find_date(text, languages=languages) == (expected, span)


def test_prose_without_a_date_finds_nothing():
    assert find_date("We may meet again in the spring, she said.") is None


def test_has_time_and_strip_dates():
    assert has_time("27 Sep 2022, 10:31") and not has_time("27 Sep 2022")
    assert strip_dates("By Hollis Wren · November 9, 2026") == "By Hollis Wren ·"


def test_language_codes_keep_known_languages_english_last():
    assert language_codes("de-AT", "pt_BR", "xx", None) == ("de", "pt", "en")
