"""Direct quotations and who said them, read from an article's paragraphs.

    extract_quotes(paragraphs, blocks=[...]) -> tuple[Quote, ...]

Quotation marks give the text (marks.py); the clause around them gives the speaker's
words and the reporting cue (attribution.py); the article's names resolve "he", "Price"
or "the spokesman" to the fullest name it gives (people.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsingest.models import Quote
from newsingest.quotes import attribution
from newsingest.quotes.attribution import Attribution
from newsingest.quotes.lexicon import NOT_A_QUOTATION
from newsingest.quotes.marks import Span, find_spans, has_any_quote
from newsingest.quotes.people import People
from newsingest.quotes.sentences import sentence_start

__all__ = ["extract_quotes"]

# Shorter quotations are scare quotes, nicknames and single terms.
MIN_WORDS = 4
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_DOUBLE_MARKS = re.compile(r"[“”„«»「」\"]")
_AUTHOR_LINE = re.compile(r"^\s*[—–-]\s*(?P<name>[^(@\d]{3,60}?)\s*(?:\(@\w+\)|@\w+)")
_LEAD = re.compile(r"^[\s\-–—•]*")


@dataclass
class _Found:
    paragraph: int
    text: str
    attribution: Attribution | None
    kind: str
    position: int  # where in the paragraph the quotation starts, to keep document order


def _words(text: str) -> int:
    return len(_WORD.findall(text)) + len(_CJK.findall(text)) // 2


def _mask(paragraph: str, spans: list[Span]) -> str:
    """The paragraph with quoted text blanked, so names inside quotations are not taken for speakers."""
    chars = list(paragraph)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


def _clean(text: str) -> str:
    # "“…,” she said": the comma belongs to the attribution, not the quotation.
    return " ".join(text.split()).rstrip(" ,")


def _looks_like_title(text: str) -> bool:
    """Quoted titles of works and slogans: short, no sentence punctuation, most words capitalised."""
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    if not words or len(text.split()) > 10 or re.search(r"[.!?,;:]", text):
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.7


def _intro(paragraph: str) -> Attribution | None:
    """A paragraph ending "Okafor said:" introduces the quotation that follows it."""
    text = paragraph.rstrip()
    return attribution.before(text + " ", len(text) + 1) if text.endswith(":") else None


def extract_quotes(paragraphs: Sequence[str], *, blocks: Sequence[bool] | None = None) -> tuple[Quote, ...]:
    """Every direct quotation in the paragraphs, with its speaker resolved to the fullest name given.

    `blocks` marks the paragraphs that sit in a <blockquote> or an embedded post.
    """
    in_block = list(blocks) if blocks is not None else [False] * len(paragraphs)
    if not any(has_any_quote(p) for p in paragraphs) and not any(in_block):
        return ()
    single = not any(_DOUBLE_MARKS.search(p) for p in paragraphs)
    spans = [find_spans(p, allow_single=single) for p in paragraphs]
    people = People([_mask(p, s) for p, s in zip(paragraphs, spans, strict=True)])
    found = _collect(paragraphs, spans, in_block)
    return _resolve(found, paragraphs, people)


def _collect(paragraphs: Sequence[str], spans: list[list[Span]], in_block: list[bool]) -> list[_Found]:
    found: list[_Found] = []
    chain: list[tuple[int, Span]] = []
    previous_speaker: Attribution | None = None

    def close_chain(attr: Attribution | None) -> None:
        intro = _intro(paragraphs[chain[0][0] - 1]) if chain and chain[0][0] > 0 else None
        for index, span in chain:
            found.append(_Found(index, _clean(span.text(paragraphs[index])), attr or intro, "direct", span.start))
        chain.clear()

    for index, paragraph in enumerate(paragraphs):
        lead = _LEAD.match(paragraph)
        lead_end = lead.end() if lead else 0
        opens = bool(spans[index]) and spans[index][0].open_end == lead_end
        if chain and not opens:
            close_chain(None)
        if in_block[index] and not spans[index]:
            found.extend(_block(paragraphs, index, in_block))
            continue
        for number, span in enumerate(spans[index]):
            if span.runs_on:
                chain.append((index, span))
                continue
            text = _clean(span.text(paragraph))
            incise = attribution.incise(text)
            if incise is not None:
                # « A, a-t-il expliqué, B »: the attribution sits inside the marks; two quotations.
                head, inside, tail = incise
                inside = replace(inside, position=span.open_end)
                found.append(_Found(index, _clean(head), inside, "direct", span.start))
                found.append(_Found(index, _clean(tail), inside, "direct", span.start + 1))
                previous_speaker = inside
                continue
            attr = attribution.after(paragraph, span.close_end, span.open_end) or attribution.before(
                paragraph, span.open_end
            )
            if chain and number == 0:
                chain.append((index, span))
                close_chain(attr)
                continue
            sentence = sentence_start(paragraph, span.open_end)
            whole = not _WORD.search(paragraph[sentence : span.open_end]) or (
                attr is not None and (attr.position < span.open_end or attr.japanese)
            )
            kind = "block" if in_block[index] else ("direct" if whole else "partial")
            if attr is None and kind == "partial":
                attr = attribution.within_sentence(paragraph, sentence, span.open_end)
                if attr is not None and not attr.speaker:
                    earlier = found[-1].attribution if found and found[-1].paragraph == index else None
                    attr = replace(earlier, cue=attr.cue) if earlier is not None else None
            if attr is None and kind != "partial":
                if number > 0 and found and found[-1].paragraph == index:
                    # “A,” said Agnes Pirie, who chairs the association. “B.” – still Agnes Pirie.
                    attr = found[-1].attribution
                elif span.open_end == lead_end:
                    attr = (_intro(paragraphs[index - 1]) if index else None) or previous_speaker
                elif sentence > 0:
                    # He added that the vessel had passed sea trials. “She’s running better than ever.”
                    previous = sentence_start(paragraph, sentence - 1)
                    attr = attribution.within_sentence(paragraph, previous, sentence)
            if NOT_A_QUOTATION.search(paragraph[max(0, span.open_end - 30) : span.open_end]):
                continue
            found.append(_Found(index, text, attr, kind, span.start))
            if attr is not None:
                previous_speaker = attr
    if chain:
        close_chain(None)
    return found


def _block(paragraphs: Sequence[str], index: int, in_block: list[bool]) -> list[_Found]:
    """A paragraph of a <blockquote> or embedded post: the quotation is the paragraph itself."""
    text = paragraphs[index]
    if _AUTHOR_LINE.match(text):
        return []
    author = None
    for later in range(index + 1, len(paragraphs)):
        if not in_block[later]:
            break
        match = _AUTHOR_LINE.match(paragraphs[later])
        if match:
            author = Attribution(match.group("name").strip(), "posted", 0)
            break
    first = index
    while first > 0 and in_block[first - 1]:
        first -= 1
    intro = _intro(paragraphs[first - 1]) if first > 0 else None
    return [_Found(index, _clean(text), author or intro, "block", 0)]


def _resolve(found: list[_Found], paragraphs: Sequence[str], people: People) -> tuple[Quote, ...]:
    quotes: list[Quote] = []
    seen: list[str] = []
    for item in sorted(found, key=lambda f: (f.paragraph, f.position)):
        if _words(item.text) < MIN_WORDS or _looks_like_title(item.text):
            continue
        key = " ".join(_WORD.findall(item.text.casefold()))
        # The same words twice are one quotation; a pull-quote set as a blockquote repeats part of the body.
        if key in seen or (item.kind == "block" and any(key in other or other in key for other in seen)):
            continue
        seen.append(key)
        speaker = raw = cue = None
        if item.attribution is not None:
            attr = item.attribution
            raw = attr.speaker or None
            cue = attr.cue or None
            if raw and item.attribution.cue and not raw.strip():
                raw = None
            if raw is None and attr.cue:  # Japanese: the speaker is named before the quotation
                before = attribution.before(paragraphs[item.paragraph], item.position - 1)
                raw = before.speaker if before else None
            entity = people.resolve(raw, item.paragraph, attr.position) if raw else None
            speaker = entity.name if entity is not None else None
        quotes.append(
            Quote(text=item.text, speaker=speaker, speaker_raw=raw, cue=cue, paragraph=item.paragraph, kind=item.kind)
        )
    return tuple(quotes)
