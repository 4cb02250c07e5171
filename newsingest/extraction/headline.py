"""Headline clean-up: the site's name and separators that titles carry for search engines."""

from __future__ import annotations

import re
from collections import Counter

from newsingest.text import clean_markup_text

_WORD = re.compile(r"\w+")
_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|·|•|::|»|/|\\)\s+|\s*[|｜：]\s*")


def _tokens(text: str) -> Counter[str]:
    return Counter(t.casefold() for t in _WORD.findall(text))


def similarity(a: str, b: str) -> float:
    """Token F1 of two short texts, case-folded."""
    ta, tb = _tokens(a), _tokens(b)
    common = sum((ta & tb).values())
    return 2 * common / (sum(ta.values()) + sum(tb.values())) if common else 0.0


def _site_words(site_name: str | None, host: str | None) -> set[str]:
    words: set[str] = set()
    for value in (site_name, host):
        if value:
            words.update(t.casefold() for t in _WORD.findall(value) if t.casefold() not in {"www", "com", "de", "co"})
    return words


def _host_label(host: str | None) -> str | None:
    """The distinctive label of a host: "tageszeitung" for www.tageszeitung.it."""
    if not host:
        return None
    labels = [x for x in host.casefold().split(".") if x not in {"www", "m", "amp", "edition", "news"}]
    if len(labels) >= 3 and len(labels[-2]) <= 3:  # co.uk, com.au
        labels = labels[:-1]
    return labels[-2].replace("-", "") if len(labels) >= 2 else None


def clean_headline(value: str | None, *, site_name: str | None = None, host: str | None = None) -> str:
    """Drop a " | Site Name" style suffix or prefix when the rest is a real headline."""
    text = clean_markup_text(value)
    if not text:
        return ""
    parts = _SEPARATORS.split(text)
    if len(parts) < 2:
        return text
    site = _site_words(site_name, host)
    label = _host_label(host)
    kept = list(parts)
    # Strip site-ish parts from the end, then from the start.
    while len(kept) > 1 and _is_site_part(kept[-1], site, label):
        kept.pop()
    while len(kept) > 1 and _is_site_part(kept[0], site, label):
        kept.pop(0)
    if len(kept) == len(parts):
        return text
    # Rejoin with the original separators by slicing the original text.
    start = text.find(kept[0])
    end = text.rfind(kept[-1]) + len(kept[-1])
    return text[start:end].strip() if start >= 0 and end > start else " ".join(kept)


def _is_site_part(part: str, site: set[str], label: str | None) -> bool:
    """A title part naming the site ("DW", "Die Neue Südtiroler Tageszeitung") or a date ("28.04.2023")."""
    words = [t.casefold() for t in _WORD.findall(part)]
    if not words or all(w.isdigit() for w in words):
        return True
    if bool(site) and len(set(words) & site) / len(set(words)) >= 0.5:
        return True
    squashed = "".join(words)
    return bool(label) and len(words) <= 6 and (label in words or squashed == label)
