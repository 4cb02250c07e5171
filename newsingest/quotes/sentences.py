"""Sentence boundaries in news prose, where "Mr.", "U.S." and "J. Smith" do not end a sentence."""

from __future__ import annotations

import re
from functools import lru_cache

_END = re.compile(r"[.!?]+[\"”’»]?(?=\s+\S)")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr gen sen rep gov prof col capt lt sgt rev no vs etc inc ltd co corp jan feb mar "
    "apr aug sept sep oct nov dec fig approx dept univ u.s u.k u.n e.u".split()
)


def _abbreviation(text: str, end: int) -> bool:
    word = re.search(r"(\S+)$", text[:end])
    if not word:
        return False
    token = word.group(1).lower().strip('("“')
    return len(token) == 1 or token in _ABBREVIATIONS or bool(re.fullmatch(r"(?:\w\.)+\w?", token))


@lru_cache(maxsize=512)
def sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of each sentence; the last one runs to the end of the text."""
    bounds, start = [], 0
    for match in _END.finditer(text):
        if match.group(0).startswith(".") and _abbreviation(text, match.start()):
            continue
        end = match.end()
        while end < len(text) and text[end].isspace():
            end += 1
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return tuple(bounds)


def sentence_start(text: str, offset: int) -> int:
    """Where the sentence holding `offset` begins."""
    start = 0
    for begin, _end in sentence_bounds(text):
        if begin > offset:
            break
        start = begin
    return start
