"""Finding quoted spans in a paragraph, whatever marks the language uses.

A span is only what sits between a matching pair of marks. An opening mark that never
closes is a stray, except at the very start of a paragraph, where it is the news
convention for a quotation that runs on into the next paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> the marks that may close it. "''" is a closing double quote typed as two apostrophes.
PAIRS: dict[str, tuple[str, ...]] = {
    "“": ("”", "''"),
    "„": ("“", "”", "''"),
    "«": ("»",),
    "»": ("«",),
    "「": ("」",),
    "『": ("』",),
    '"': ('"', "''"),
    "``": ("''",),
    "‘": ("’",),
    "‹": ("›",),
}
# Marks that open a quotation only when nothing else is quoted: single quotes double as apostrophes.
SINGLE = frozenset({"‘", "‹"})
_OPENING = re.compile(r"``|[“„«»「『\"‘‹]")
# A paragraph that opens with a mark, after an optional dash or bullet.
_LEAD = re.compile(r"^[\s\-–—•]*")
# Longer than this, a "quotation" is a mark that never closed swallowing the text after it.
MAX_SPAN_CHARS = 2500


@dataclass(frozen=True, slots=True)
class Span:
    """A quotation inside one paragraph: text offsets exclude the marks."""

    start: int
    end: int
    open_end: int  # offset of the opening mark
    close_end: int  # offset just after the closing mark (== end when the span runs to the paragraph's end)
    runs_on: bool = False  # opened at the paragraph start and not closed in it

    def text(self, paragraph: str) -> str:
        return paragraph[self.start : self.end]


def _closing(paragraph: str, mark: str, start: int) -> tuple[int, int] | None:
    """(offset, length) of the mark closing `mark`, searching from `start`; None when it never closes."""
    best: tuple[int, int] | None = None
    for close in PAIRS[mark]:
        pos = start
        while True:
            found = paragraph.find(close, pos)
            if found < 0:
                break
            # A curly apostrophe inside a word ("Blinken’s") does not close a single quote.
            if close == "’" and found + 1 < len(paragraph) and paragraph[found + 1].isalnum():
                pos = found + 1
                continue
            if best is None or found < best[0]:
                best = (found, len(close))
            break
    return best


def find_spans(paragraph: str, allow_single: bool = False) -> list[Span]:
    """The quoted spans of a paragraph, in order; nested quotes stay inside their outer span."""
    spans: list[Span] = []
    pos = 0
    lead = _LEAD.match(paragraph)
    first_mark = lead.end() if lead else 0
    while True:
        match = _OPENING.search(paragraph, pos)
        if not match:
            break
        mark = match.group(0)
        if mark in SINGLE and not allow_single:
            pos = match.end()
            continue
        if mark == "‘" and match.start() > 0 and paragraph[match.start() - 1].isalnum():
            pos = match.end()
            continue
        start = match.end()
        closing = _closing(paragraph, mark, start)
        if closing is not None and _reopened_before(paragraph, mark, start, closing[0]):
            closing = None
        if closing is None:
            if match.start() == first_mark and not spans:
                spans.append(Span(start, len(paragraph), match.start(), len(paragraph), runs_on=True))
                break
            pos = match.end()  # a stray mark: skip it and look on
            continue
        end, length = closing
        if end - start <= MAX_SPAN_CHARS and paragraph[start:end].strip():
            spans.append(Span(start, end, match.start(), end + length))
        pos = end + length
    return spans


def _reopened_before(paragraph: str, mark: str, start: int, end: int) -> bool:
    """Whether the same opening mark appears again before the close: then the first one was a stray."""
    if mark in ('"', "»"):
        return False
    return paragraph.find(mark, start, end) >= 0


def has_any_quote(paragraph: str) -> bool:
    return bool(_OPENING.search(paragraph))
