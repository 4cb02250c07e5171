"""Text clean-up shared by every source."""

from __future__ import annotations

import html
import re
import unicodedata

# Soft hyphens and zero-width characters: invisible on the page, but they split words for search.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f"))
_WHITESPACE = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]{1,200}>")


def _space(match: re.Match[str]) -> str:
    # A lone ideographic space separates phrases in Japanese and Chinese headlines; keep it.
    return "\u3000" if match.group(0) == "\u3000" else " "


def clean_text(value: str | None) -> str:
    """Unicode NFC, invisible characters dropped, runs of whitespace made one space."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value).translate(_INVISIBLE)
    return _WHITESPACE.sub(_space, value).strip()


def clean_markup_text(value: str | None) -> str:
    """Like clean_text, for values that may carry entities or stray tags (JSON-LD, meta)."""
    if not value:
        return ""
    if "<" in value:
        value = _TAGS.sub(" ", value)
    return clean_text(html.unescape(value))


def word_count(value: str) -> int:
    return len(re.findall(r"\w+", value))
