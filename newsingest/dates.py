"""The one date normaliser: every date string in newsingest (articles, sidebars, feeds, sitemaps) goes through here.

A value that names a time becomes a `datetime`: aware and in UTC when the text states a zone, the
site's zone is configured, or the time is relative ("2 hours ago"); naive, the wall-clock time as
printed, when nothing says which zone it is in. A value that names only a day stays a `date`,
because inventing midnight would shift it across time zones. Each reading also says how precise
the text was: "day", "hour" (for "3 hours ago"), "minute" or "second".
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from functools import lru_cache

from dateparser.data.languages_info import language_locale_dict
from dateparser.date import DateDataParser
from dateparser.languages.loader import default_loader

Moment = dt.datetime | dt.date

UTC = dt.UTC
# Languages whose month names and relative words dateparser should try when the page does not say.
FALLBACK_LANGUAGES = ("en",)
# The furthest any time zone is ahead of UTC (Kiribati).
_LATEST_ZONE = dt.timedelta(hours=14)
# Dates before this are misreadings (a "0001-01-01" placeholder, a two-digit year gone wrong).
EARLIEST = dt.date(1900, 1, 1)
# Longer strings are prose, not a date; dateparser would find "may" or "monday" in them.
MAX_DATE_CHARS = 80

# The languages news is most written in; their month and weekday names, from dateparser's own data,
# let date-shaped spans be found in bylines without calling dateparser on every text.
_NAME_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "pl", "cs", "tr", "ru")
_MONTH_KEYS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _names(keys: tuple[str, ...], shortest: int) -> list[str]:
    found = {
        name.lower()
        for code in _NAME_LANGUAGES
        for key in keys
        for name in default_loader.get_locale(code).info.get(key, [])
        if len(name) >= shortest
    }
    return sorted(found, key=len, reverse=True)


def _alternation(names: list[str]) -> str:
    return "(?:" + "|".join(re.escape(n) for n in names) + ")"


_MONTHS = _alternation(_names(_MONTH_KEYS, 3)) + r"\.?"
# Full weekday names only: "Mon" and "Sat" are too often something else.
_WEEKDAYS = _alternation(_names(_WEEKDAY_KEYS, 5))
# Month and weekday alternations are long; trying them only where a word starts keeps a scan cheap.
_WORD_START = r"(?<!\w)(?=\w)"
# For the quick "may this be a date" test: a set lookup per word instead of a scan.
_NAME_WORDS = frozenset(
    part.rstrip(".") for name in _names(_MONTH_KEYS, 3) + _names(_WEEKDAY_KEYS, 5) for part in name.split("-")
) - {"feira"}
_WORDS = re.compile(r"[^\W\d_]{3,}")

_TIME = re.compile(
    r"(?<![\d.])\d{1,2}\s?[:h]\s?\d{2}(?!\d)|\d{1,2}\s?[ap]\.?\s?m\b|T\d{2}:?\d{2}|\d{1,2}\s?Uhr\b|\d+\s?時|"
    # "12.30 GMT", "10.31 Uhr", "5 Mar 2024 12.30": a dotted time only where it cannot be a day and month.
    r"(?<![\d.])\d{1,2}\.\d{2}(?=\s*(?:Uhr|h\b|[ap]\.?m|GMT|UTC|[A-Z]{2,4}\b))|\d{4},?\s+\d{1,2}\.\d{2}(?![\d.])",
    re.IGNORECASE,
)
_SECONDS = re.compile(r"\d{1,2}:\d{2}:\d{2}|\d+\s?秒|T\d{6}")
_RELATIVE = re.compile(
    r"\b(ago|vor|hace|il y a|fa|geleden|siden|sedan|temu|назад|önce|yesterday|today|gestern|heute|hier|ayer|hoy|"
    r"вчера|сегодня|aujourd'hui|ieri|oggi|gisteren|vandaag|i dag|i går|dzisiaj|wczoraj)\b|"
    # "3時間前", "5분 전": a number and a unit before; bare 前/전 is also "a.m." (午前, 오전).
    r"\d+\s*(?:秒|分钟?|時間|小时|日|天|週間|周|か月|ヶ月|个月|年)\s*前|\d+\s*(?:초|분|시간|일|주|개월|달|년)\s*전",
    re.IGNORECASE,
)
# Relative dates counted in days or longer name a day, not a time of day.
_RELATIVE_DAYS = re.compile(
    r"\b(?:yesterday|today|gestern|heute|hier|aujourd'hui|ayer|hoy|ieri|oggi|gisteren|vandaag|вчера|сегодня|"
    r"i dag|i går|dzisiaj|wczoraj|days?|tage?n?|días?|jours?|giorni|dagen|dage|dagar|dni|weeks?|wochen?|"
    r"semanas?|semaines?|settimane?|months?|monate?n?|mes(?:es)?|mois|mesi|years?|jahre?n?|años?|ans?|anni|"
    r"дн(?:я|ей)|день|недел\w*|месяц\w*|год\w*|лет)\b|日前|天前|일 전",
    re.IGNORECASE,
)
_RELATIVE_HOURS = re.compile(
    r"\b(?:hours?|hrs?|stunden?|heures?|horas?|ore|uur|timer?|godzin\w*|час\w*|saat)\b|時間", re.IGNORECASE
)
# The relative part of a longer text: "LIVE · 12 minutes ago" -> "12 minutes ago".
_RELATIVE_SPAN = re.compile(
    r"(?:\d+|an?|one)\s+\w+\s+ago|(?:vor|hace|il y a|há|fa)\s+(?:\d+|einer?|un[ae]?)\s+\w+|"
    r"\d+\s+\w+\s+(?:назад|geleden|siden|sedan|temu|önce|fa)|\b(?:yesterday|gestern|hier|ayer|ieri|gisteren|"
    r"вчера|today|heute|aujourd'hui|hoy|oggi|vandaag|сегодня)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_TZ_COLONLESS = re.compile(r"([+-]\d{2})(\d{2})$")
_RFC_2822 = re.compile(r"^(?:\w{3},\s*)?\d{1,2}\s+\w{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UT|Z)$")
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?:1[89]|2\d)\d{2}(?!\d)")

# Spans that look like a date inside a longer text ("Published 27.09.2022, 10:31 Uhr").
_MONTH_WORD = r"[^\W\d_]{3,12}\.?"
_CLOCK = (
    r"(?:\s*\d{1,2}\s?時\s?\d{1,2}\s?分|\s*(?:,|at|um|à|a las|kl\.?|klo|–|-|\||/|·|•)?\s*"
    r"\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*(?:Uhr|h|[A-Z]{2,5}|GMT[+-]?\d*|[+-]\d{2}:?\d{2}))?)?"
)
_DATE_SPANS = [
    re.compile(p + _CLOCK, re.IGNORECASE)
    for p in (
        r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
        r"\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日",
        r"\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?",
        r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)",
        r"\d{1,2}(?:st|nd|rd|th|er)?\.?\s*(?:de\s+)?" + _MONTH_WORD + r"\s*(?:de\s+)?[.,]?\s*\d{4}",
        _MONTH_WORD + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}",
        # Without a year ("Sun 15 Mar, 21:40", "September 19"): the most recent such day before the
        # fetch time. Only real month names, so that "vor 2 Stunden" is not read as a date.
        r"(?<![\w.])\d{1,2}(?:st|nd|rd|th)?\.?\s+" + _MONTHS + r"(?!\w)",
        _WORD_START + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?(?![\d\w])",
    )
]
# A bare weekday ("Monday") in a byline is the most recent such day; tried after every other shape.
_WEEKDAY_SPAN = re.compile(_WORD_START + _WEEKDAYS + r"(?!\w)" + _CLOCK, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Dated:
    """A date as read from one string: the value, the text it came from, and how precise that text was.

    `value` is a `date` for day precision; an aware UTC `datetime` when the zone is known; a naive
    `datetime` (the wall time as printed) when it is not. `source` names where an extractor found it.
    """

    value: Moment
    raw: str
    precision: str
    source: str | None = None
    # The UTC offset the time was written in (stated, or the site's zone); None for days and unknown zones.
    offset: dt.timedelta | None = None

    @property
    def zone_known(self) -> bool:
        return not isinstance(self.value, dt.datetime) or self.value.tzinfo is not None


@dataclass(frozen=True, slots=True)
class DateReader:
    """How one site writes dates: its languages, time zone and day/month order, and when the page was fetched.

    `zone` is the site's configured time zone, applied to times the text gives without one.
    `date_order` ("DMY", "MDY", "YMD") settles "03/04/2024"; None leaves it to dateparser's
    default for the first language. `fetched` is the base for "2 hours ago" and for dates without a year.
    """

    languages: tuple[str, ...] = FALLBACK_LANGUAGES
    zone: dt.tzinfo | None = None
    date_order: str | None = None
    fetched: dt.datetime | None = None

    def read(self, raw: str | None) -> Dated | None:
        """Read one string that should be a date as a whole; None when it is not one."""
        found = self._read(raw)
        return found if isinstance(found, Dated) else None

    def _read(self, raw: str | None) -> Dated | bool:
        """The reading, or whether the text was a date that had to be refused (True) or no date at all (False)."""
        text = " ".join(raw.split()) if raw else ""
        if not text:
            return False
        if _RELATIVE.search(text) and _FOUR_DIGIT_YEAR.search(text):
            # "Heute, 27.09.2022 10:31": the full date says which day; "heute" only repeats it.
            dated = self._find_span(text)
            if dated is not None:
                return dated
        fetched = self.fetched or dt.datetime.now(UTC).replace(microsecond=0)
        # A text that does not depend on the fetch time reads the same for every page: one cache entry.
        base = fetched if _depends_on_now(text) else None
        found = _read(text, self.languages, self.zone, self.date_order, base)
        if found is None:
            return False
        if _day(found.value) < EARLIEST or _day(found.value) > fetched.astimezone(UTC).date() + dt.timedelta(days=1):
            return True  # a date after the fetch is an event, a misreading or a placeholder
        return found

    def parse(self, raw: str | None) -> Moment | None:
        found = self.read(raw)
        return found.value if found else None

    def find(self, text: str) -> Dated | None:
        """The first date inside a short text such as a byline; `raw` is the matched span."""
        if not may_be_date(text):
            return None
        found = self._find_span(text)
        if found is not None:
            return found
        if _RELATIVE.search(text):
            relative = _RELATIVE_SPAN.search(text)
            found = self.read(relative.group(0) if relative else text.strip())
            if found is not None:
                return found
        weekday = _WEEKDAY_SPAN.search(text)
        return self.read(weekday.group(0).strip(" ,|-–")) if weekday else None

    def _find_span(self, text: str) -> Dated | None:
        """The first part of the text shaped like a date that reads as one."""
        refused: list[tuple[int, int]] = []
        for pattern in _DATE_SPANS:
            for match in pattern.finditer(text):
                if any(start < match.end() and match.start() < end for start, end in refused):
                    continue  # "5 March" inside a "5 March 2031" already refused
                span = match.group(0).strip(" ,|-–")
                if _RELATIVE.search(span):
                    continue
                reading = self._read(span)
                if isinstance(reading, Dated):
                    return reading
                if reading:
                    refused.append(match.span())
        return None


def _depends_on_now(text: str) -> bool:
    """Relative dates, weekdays and dates without a year are read against the fetch time."""
    return bool(_RELATIVE.search(text)) or not _FOUR_DIGIT_YEAR.search(text)


@lru_cache(maxsize=16384)
def _read(
    text: str,
    languages: tuple[str, ...],
    zone: dt.tzinfo | None,
    date_order: str | None,
    fetched: dt.datetime | None,
) -> Dated | None:
    value = _parse_iso(text) or _parse_rfc2822(text)
    relative = False
    if value is None:
        if len(text) > MAX_DATE_CHARS or not may_be_date(text):
            return None
        relative = bool(_RELATIVE.search(text))
        by_clock = relative and not _RELATIVE_DAYS.search(text) and bool(_DIGIT.search(text))
        value = _dateparser(text, languages, date_order, _base(fetched, zone, by_clock, relative))
        if value is None:
            return None
        if by_clock:
            return _time_ago(text, value)
    offset = None
    if isinstance(value, dt.datetime):
        if relative and not _TIME.search(text):
            return Dated(value.date(), text, "day")  # "yesterday", "3 days ago", "Montag" name a day
        if not has_time(text):
            value = value.date()
        else:
            if value.tzinfo is None and zone is not None:
                value = value.replace(tzinfo=zone)
            if value.tzinfo is not None:
                offset = value.utcoffset()
                value = value.astimezone(UTC)
    return Dated(value, text, _precision(text, value), offset=offset)


def _day(value: Moment) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _base(fetched: dt.datetime | None, zone: dt.tzinfo | None, by_clock: bool, relative: bool) -> dt.datetime | None:
    """The wall time dateparser counts from: the fetch time as the text's own clock would show it.

    "2 hours ago" counts on the UTC clock (the result is an instant); "yesterday" and "March 15,
    10:00" on the site's clock. When the site's zone is unknown, a date without a year is read as
    late as any zone could have it (UTC+14), so that a time just past UTC midnight in Tokyo is not
    pushed back a year.
    """
    if fetched is None:
        return None
    if zone is not None and not by_clock:
        return fetched.astimezone(zone).replace(tzinfo=None)
    base = fetched.astimezone(UTC).replace(tzinfo=None)
    return base if by_clock or relative else base + _LATEST_ZONE


def _time_ago(text: str, value: dt.datetime) -> Dated:
    """ "3 hours ago" was counted back on the UTC clock: an instant, as precise as its unit."""
    precision = "hour" if _RELATIVE_HOURS.search(text) else "minute"
    return Dated(value.replace(tzinfo=UTC, second=0, microsecond=0), text, precision)


def _precision(text: str, value: Moment) -> str:
    if not isinstance(value, dt.datetime):
        return "day"
    return "second" if _SECONDS.search(text) else "minute"


def may_be_date(text: str) -> bool:
    """Worth a dateparser call: a digit, a month or weekday name, or a relative word."""
    if _DIGIT.search(text) or _RELATIVE.search(text):
        return True
    return any(word in _NAME_WORDS for word in _WORDS.findall(text.lower()))


def _parse_iso(text: str) -> Moment | None:
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    if not _ISO_PREFIX.match(text):
        return None
    text = text.replace("Z", "+00:00").replace(" ", "T", 1)
    text = _TZ_COLONLESS.sub(r"\1:\2", text)
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _parse_rfc2822(text: str) -> dt.datetime | None:
    """Feeds and HTTP headers write "Mon, 26 Sep 2022 18:02:00 +0300"; the standard library reads it exactly."""
    if not _RFC_2822.match(text):
        return None
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None


def _dateparser(
    text: str, languages: tuple[str, ...], date_order: str | None, base: dt.datetime | None
) -> dt.datetime | None:
    return _parser(languages, date_order, base).get_date_data(text).date_obj


@lru_cache(maxsize=256)
def _parser(languages: tuple[str, ...], date_order: str | None, base: dt.datetime | None) -> DateDataParser:
    # No TIMEZONE setting: dateparser then returns naive values unless the text states a zone,
    # which is exactly the distinction kept here (and skips a costly conversion on every call).
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if date_order:
        settings["DATE_ORDER"] = date_order
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=list(languages), settings=settings)


def has_time(raw: str) -> bool:
    """Whether a date string gives a time of day (or is relative, like "2 hours ago")."""
    return bool(_TIME.search(raw) or _RELATIVE.search(raw))


def language_codes(*hints: str | None) -> tuple[str, ...]:
    """Two-letter dateparser languages from page hints such as "de-AT" or "pt_BR", English last."""
    codes: list[str] = []
    for hint in hints:
        if not hint:
            continue
        code = re.split(r"[-_]", hint.strip().lower())[0]
        if code in _SUPPORTED and code not in codes:
            codes.append(code)
    for code in FALLBACK_LANGUAGES:
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def date_order_for(*hints: str | None) -> str | None:
    """The usual day/month order of the first locale hint dateparser knows ("en-GB" -> DMY, "en-US" -> MDY)."""
    for hint in hints:
        if not hint:
            continue
        parts = re.split(r"[-_]", hint.strip())
        for code in (f"{parts[0].lower()}-{parts[1].upper()}" if len(parts) > 1 else "", parts[0].lower()):
            if code in _SUPPORTED or code in _LOCALES:
                order = default_loader.get_locale(code).info.get("date_order")
                return order if order in ("DMY", "MDY", "YMD") else None
    return None


def parse_date(
    raw: str | None,
    *,
    languages: tuple[str, ...] = FALLBACK_LANGUAGES,
    zone: dt.tzinfo | None = None,
    date_order: str | None = None,
    relative_base: dt.datetime | None = None,
) -> Moment | None:
    """Parse one date string; None when it is not a date. See `DateReader` for the arguments."""
    return DateReader(languages, zone, date_order, relative_base).parse(raw)


def find_date(
    text: str,
    *,
    languages: tuple[str, ...] = FALLBACK_LANGUAGES,
    zone: dt.tzinfo | None = None,
    date_order: str | None = None,
    relative_base: dt.datetime | None = None,
) -> tuple[Moment, str] | None:
    """The first date inside a short text such as a byline, with the matched span."""
    found = DateReader(languages, zone, date_order, relative_base).find(text)
    return (found.value, found.raw) if found else None


def date_span(text: str) -> str | None:
    """The first part of the text shaped like a date, by pattern alone (no parsing)."""
    for pattern in _DATE_SPANS:
        match = pattern.search(text)
        if match:
            return match.group(0)
    return None


def strip_dates(text: str) -> str:
    """The text with anything shaped like a date removed ("By Jane Doe · November 9, 2026" -> "By Jane Doe ·")."""
    for pattern in _DATE_SPANS:
        text = pattern.sub(" ", text)
    return " ".join(text.split())


def to_utc(value: Moment | None) -> Moment | None:
    """An aware datetime moved to UTC; a naive one (zone unknown) and a bare day are left as they are."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(UTC)
    return value


# Every language dateparser has data for, and its regional locales ("en-GB"); other hints are ignored.
_SUPPORTED = frozenset(default_loader.get_locale_map())
_LOCALES = frozenset(locale for locales in language_locale_dict.values() for locale in locales)
