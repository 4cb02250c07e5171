"""Turning the date strings found on news pages into aware datetimes or days.

A value with a time of day becomes an aware `datetime`; a value that names only
the day stays a `date`, because inventing midnight would shift it across
time zones.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from functools import lru_cache

from dateparser.date import DateDataParser
from dateparser.languages.loader import default_loader

Moment = dt.datetime | dt.date

UTC = dt.UTC
# Languages whose month names and relative words dateparser should try when the page does not say.
FALLBACK_LANGUAGES = ("en",)

_TIME = re.compile(
    r"(?<![\d.])\d{1,2}\s?[:h]\s?\d{2}(?!\d)|\d{1,2}\s?[ap]\.?\s?m\b|T\d{2}:?\d{2}|\d{1,2}\s?Uhr\b|\d+\s?時",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(ago|vor|hace|il y a|fa|geleden|siden|sedan|temu|назад|önce|yesterday|today|gestern|heute|hier|ayer|hoy|"
    r"вчера|сегодня|aujourd'hui|ieri|oggi|gisteren|vandaag)\b|前|전",
    re.IGNORECASE,
)
# The relative part of a longer text: "LIVE · 12 minutes ago" -> "12 minutes ago".
_RELATIVE_SPAN = re.compile(
    r"(?:\d+|an?|one)\s+\w+\s+ago|(?:vor|hace|il y a|há|fa)\s+(?:\d+|einer?|un[ae]?)\s+\w+|"
    r"\d+\s+\w+\s+(?:назад|geleden|siden|sedan|temu|önce|fa)|\b(?:yesterday|gestern|hier|ayer|ieri|gisteren|"
    r"вчера|today|heute|aujourd'hui|hoy|oggi|vandaag|сегодня)\b",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_TZ_COLONLESS = re.compile(r"([+-]\d{2})(\d{2})$")

# Spans that look like a date inside a longer text ("Published 27.09.2022, 10:31 Uhr").
_MONTH_WORD = r"[^\W\d_]{3,12}\.?"
_CLOCK = (
    r"(?:\s*\d{1,2}\s?時\s?\d{1,2}\s?分|\s*(?:,|at|um|à|a las|kl\.?|klo|–|-|\||/|·|•)?\s*"
    r"\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*(?:Uhr|h|[A-Z]{2,5}|GMT[+-]?\d*|[+-]\d{2}:?\d{2}))?)?"
)
# Month names and abbreviations of the languages news is most written in, from dateparser's own data.
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
_MONTH_NAMES = sorted(
    {
        name.lower()
        for code in ("en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "pl", "cs", "tr", "ru")
        for key in _MONTH_KEYS
        for name in default_loader.get_locale(code).info.get(key, [])
        if len(name) >= 3
    },
    key=len,
    reverse=True,
)
_MONTHS = r"(?:" + "|".join(re.escape(n) for n in _MONTH_NAMES) + r")\.?"
_DATE_SPANS = [
    re.compile(p + _CLOCK, re.IGNORECASE)
    for p in (
        r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
        r"\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日",
        r"\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?",
        r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)",
        r"\d{1,2}(?:st|nd|rd|th|er)?\.?\s*(?:de\s+)?" + _MONTH_WORD + r"\s*(?:de\s+)?[.,]?\s*\d{4}",
        _MONTH_WORD + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}",
        # Without a year ("Sun 15 Mar, 21:40"): the year is the fetch time's, or the one before. Only real
        # month names, so that "vor 2 Stunden" is not read as a date.
        r"(?<![\w.])\d{1,2}(?:st|nd|rd|th)?\.?\s+" + _MONTHS + r"(?!\w)",
        _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?(?![\d\w])",
    )
]


# Where a language is written, it is mostly written in one time zone; used only for times the page
# gives without any offset. Languages spread over many zones (English, Spanish, Arabic) have none.
LANGUAGE_ZONES = {
    "de": "Europe/Berlin",
    "fr": "Europe/Paris",
    "it": "Europe/Rome",
    "nl": "Europe/Amsterdam",
    "pl": "Europe/Warsaw",
    "cs": "Europe/Prague",
    "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest",
    "da": "Europe/Copenhagen",
    "sv": "Europe/Stockholm",
    "nb": "Europe/Oslo",
    "no": "Europe/Oslo",
    "nn": "Europe/Oslo",
    "fi": "Europe/Helsinki",
    "el": "Europe/Athens",
    "ro": "Europe/Bucharest",
    "bg": "Europe/Sofia",
    "uk": "Europe/Kyiv",
    "lt": "Europe/Vilnius",
    "lv": "Europe/Riga",
    "et": "Europe/Tallinn",
    "is": "Atlantic/Reykjavik",
    "tr": "Europe/Istanbul",
    "he": "Asia/Jerusalem",
    "ja": "Asia/Tokyo",
    "ko": "Asia/Seoul",
    "zh": "Asia/Shanghai",
    "vi": "Asia/Ho_Chi_Minh",
    "th": "Asia/Bangkok",
}


def language_zone(language: str | None) -> dt.tzinfo | None:
    """The usual time zone of pages in this language ("de-AT" -> Europe/Berlin's offsets), if it has one."""
    if not language:
        return None
    code = re.split(r"[-_]", language.strip().lower())[0]
    name = LANGUAGE_ZONES.get(code)
    return zoneinfo.ZoneInfo(name) if name else None


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


@lru_cache(maxsize=64)
def _parser(languages: tuple[str, ...], relative_base: dt.datetime | None) -> DateDataParser:
    settings = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": "UTC",
        "TO_TIMEZONE": "UTC",
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
    }
    if relative_base is not None:
        settings["RELATIVE_BASE"] = relative_base.astimezone(UTC).replace(tzinfo=None)
    return DateDataParser(languages=list(languages), settings=settings)


def _parse_iso(raw: str, default_tz: dt.tzinfo) -> Moment | None:
    text = raw.strip()
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
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=default_tz)


@lru_cache(maxsize=8192)
def parse_date(
    raw: str | None,
    *,
    languages: tuple[str, ...] = FALLBACK_LANGUAGES,
    default_tz: dt.tzinfo = UTC,
    relative_base: dt.datetime | None = None,
) -> Moment | None:
    """Parse one date string; None when it is not a date.

    Naive times are read in `default_tz` (the site's zone when known).
    """
    if not raw or not raw.strip():
        return None
    raw = " ".join(raw.split())
    value = _parse_iso(raw, default_tz)
    if value is not None:
        return value
    if len(raw) > 80 or (not re.search(r"\d", raw) and not _RELATIVE.search(raw)):
        return None
    data = _parser(languages, relative_base).get_date_data(raw)
    found = data.date_obj
    if found is None:
        return None
    if not has_time(raw):
        return found.date()
    found = found.astimezone(UTC)
    if default_tz is not UTC and not re.search(r"[+-]\d{2}:?\d{2}\b|\b(?:UTC|GMT|Z)\b|\b[A-Z]{3,4}\b", raw):
        found = found.replace(tzinfo=default_tz)
    return found


def find_date(
    text: str,
    *,
    languages: tuple[str, ...] = FALLBACK_LANGUAGES,
    default_tz: dt.tzinfo = UTC,
    relative_base: dt.datetime | None = None,
) -> tuple[Moment, str] | None:
    """The first date inside a short text such as a byline, with the matched span."""
    for pattern in _DATE_SPANS:
        for match in pattern.finditer(text):
            span = match.group(0).strip(" ,|-–")
            value = parse_date(span, languages=languages, default_tz=default_tz, relative_base=relative_base)
            if value is not None:
                return value, span
    if relative_base is not None and _RELATIVE.search(text):
        relative = _RELATIVE_SPAN.search(text)
        raw = relative.group(0) if relative else text.strip()
        value = parse_date(raw, languages=languages, relative_base=relative_base)
        if value is not None:
            return value, raw
    return None


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
    """An aware datetime in UTC; a bare day is left as it is."""
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    return value


# Every language dateparser has data for; page hints outside it are ignored.
_SUPPORTED = frozenset(default_loader.get_locale_map())
