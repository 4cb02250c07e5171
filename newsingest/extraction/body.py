"""Generic body analysis: find the element that holds the article's paragraphs.

Every paragraph-like block votes for its ancestors with its length; link lists and
boxes named like page furniture (share bars, teasers, comments) vote against. The
element with the best balance near the headline is the body. When the page carries
the publisher's own plain text (JSON-LD articleBody), the visible blocks it contains
are taken instead, if they cover as much. The lede between the headline and the
body is added in front.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from lxml import etree

from newsingest.extraction.authors import signature_names
from newsingest.extraction.blocks import HEADINGS, Block, BlockWalker
from newsingest.extraction.boilerplate import is_meta_line, is_promo_line
from newsingest.extraction.headline import similarity
from newsingest.text import clean_text

# A signature at the top of a story follows nothing longer than this (standfirst lines).
MAX_STANDFIRST_LINE = 160
_ENDS_SENTENCE = re.compile(r"[.!?…\"”»]\s*$")
# A standfirst shorter than this is a label, not a lede.
MIN_LEDE_CHARS = 40
MIN_LEDE_CHARS_UNPUNCTUATED = 60
# A block shorter than this (in characters) is too short to vote for a container.
MIN_VOTE_CHARS = 40
# A furniture-named element holding more than this share of the prose is the article itself.
PROTECTED_SHARE = 0.35
# Hidden elements and <aside>/<header>/<figure> must hold this much: hidden copies of the story exist.
DOMINANT_SHARE = 0.6
# How much a prose block inside furniture-named markup counts towards choosing the body.
FURNITURE_WEIGHT = 0.25
# Containers scoring within this fraction of the best are ties; the deepest tie wins.
NEAR_TIE = 0.97
# A container starting more than this many blocks after the headline is "far" and its score is scaled down.
NEAR_HEADLINE_BLOCKS = 12
# Lists of other posts (WordPress's Query Loop block): never the story, however much text they hold.
POST_LISTS = frozenset({"!wp-block-query"})
FAR_FROM_HEADLINE = 0.5
# The articleBody must be this long (letters and digits) to guide, its visible blocks must cover
# this share of it, and the result must be at least this share of the container's text.
GUIDE_MIN_CHARS = 400
GUIDE_MIN_BLOCK = 25
GUIDE_MIN_COVERAGE = 0.6
GUIDE_MIN_SHARE = 0.5

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:;\"'”“»«)\]。！？」』]$")


def size(text: str) -> int:
    """Characters, with CJK characters counted as the short words they are."""
    return len(text) + 2 * len(_CJK.findall(text))


def _squash(text: str) -> str:
    return "".join(_WORD.findall(text)).casefold()


def _is_strong(word: str) -> bool:
    return word.startswith("!")


class BodyAnalysis:
    """The blocks of one page and what is known about them."""

    def __init__(self, root: etree._Element, headline_el: etree._Element | None) -> None:
        self.blocks = BlockWalker().walk(root)
        self.span: dict[etree._Element, tuple[int, int]] = {}
        for i, block in enumerate(self.blocks):
            for el in block.ancestors:
                self.span[el] = (self.span.get(el, (i, i))[0], i)
        self.headline: int | None = None
        self.linked_headings = 0
        if headline_el is not None:
            self.headline = next(
                (i for i, b in enumerate(self.blocks) if b.element is headline_el or headline_el in b.ancestors), None
            )

    def near_headline(self, el: etree._Element) -> bool:
        if self.headline is None:
            return True
        first, last = self.span.get(el, (-1, -1))
        return first <= self.headline <= last or 0 <= first - self.headline <= NEAR_HEADLINE_BLOCKS

    def furniture(self, scope: list[int] | None = None) -> list[bool]:
        """Which blocks are page furniture.

        A furniture-named element is forgiven when it holds much of the prose in `scope` (for
        names that never mean article text, only when it also starts at the headline: share
        bars wrapped around the whole story exist, comment threads longer than it too). A
        class word forgiven on an element is forgiven below it: BEM names such as
        "sidebar-grid" > "sidebar-grid__content" repeat the outer word all the way down.
        """
        blocks = self.blocks
        indexes = [i for i in (scope if scope is not None else range(len(blocks))) if _prose(blocks[i])]
        # Comment threads and consent dialogs can outweigh a short story; they do not count in the total.
        total = (
            sum(size(blocks[i].text) for i in indexes if not any(_is_strong(word) for _, word in blocks[i].furniture))
            or 1
        )
        held: dict[etree._Element, int] = defaultdict(int)
        for i in indexes:
            n = size(blocks[i].text)
            marks = blocks[i].furniture
            for k, (el, word) in enumerate(marks):
                # Text inside a smaller never-content box does not count for the boxes around it.
                if not any(_is_strong(inner) and inner != word for _, inner in marks[k + 1 :]):
                    held[el] += n
        protected = {el for el, n in held.items() if n / total > PROTECTED_SHARE}
        dominant = {el for el, n in held.items() if n / total > DOMINANT_SHARE}
        out = []
        for block in blocks:
            forgiven: set[str] = set()
            is_furniture = False
            for el, word in block.furniture:
                if word.startswith("<"):
                    ok = el in dominant
                else:
                    ok = el in protected and word not in POST_LISTS and (not _is_strong(word) or self.near_headline(el))
                if not (ok or word in forgiven):
                    is_furniture = True
                    break
                if not word.startswith(("<", "!")):
                    forgiven.add(word)
            out.append(is_furniture)
        return out

    def container(self) -> etree._Element | None:
        furniture = self.furniture()
        score: dict[etree._Element, float] = defaultdict(float)
        for block, is_furniture in zip(self.blocks, furniture, strict=True):
            n = size(block.text)
            if block.link_density > 0.5:
                weight = -float(n)
            elif block.tag in HEADINGS or n < MIN_VOTE_CHARS:
                continue
            else:
                # Furniture names count for little, not nothing: some sites wrap the whole story in them.
                weight = n * (1 - block.link_density) * (FURNITURE_WEIGHT if is_furniture else 1.0)
            for el in block.ancestors:
                score[el] += weight
        if not score:
            return None
        # The story starts at or just after its headline; text elsewhere (consent dialogs,
        # teaser rails) must be much longer to win.
        for el in score:
            if not self.near_headline(el):
                score[el] *= FAR_FROM_HEADLINE
        best = max(score.values())
        if best <= 0:
            return None
        ties = [el for el, s in score.items() if s >= best * NEAR_TIE]
        return max(ties, key=lambda el: sum(1 for _ in el.iterancestors()))

    def from_container(self) -> list[int]:
        container = self.container()
        if container is None:
            return []
        inside = [i for i, b in enumerate(self.blocks) if container in b.ancestors]
        if self.headline is not None and inside and inside[0] <= self.headline:
            # A story starts at its headline: kickers and badges above it ("LIVE") are labels.
            inside = [i for i in inside if i > self.headline]
        furniture = self.furniture(inside)
        # Headings that are links to other pages: the teasers of a section front.
        self.linked_headings = sum(
            1
            for i in inside
            if not furniture[i] and self.blocks[i].tag in HEADINGS and self.blocks[i].link_density > 0.5
        )
        return [i for i in inside if _keep(self.blocks[i], furniture[i])]

    def guided(self, reference: str) -> list[int]:
        """The visible blocks that the publisher's own article text (JSON-LD articleBody) contains.

        [] when they do not cover most of that text (a truncated or unrelated articleBody).
        """
        ref = _squash(reference)
        if len(ref) < GUIDE_MIN_CHARS:
            return []
        matched: list[int] = []
        seen: set[str] = set()
        for i, block in enumerate(self.blocks):
            key = _squash(block.text)
            # Publishers' articleBody often carries picture captions and credits too; readers do not count them.
            if len(key) >= GUIDE_MIN_BLOCK and key in ref and key not in seen and not _caption(block):
                matched.append(i)
                seen.add(key)
        covered = sum(len(_squash(self.blocks[i].text)) for i in matched)
        if not matched or covered / len(ref) < GUIDE_MIN_COVERAGE:
            return []
        # Short blocks (sub-headings) count only between the first and last long match.
        for i in range(matched[0], matched[-1] + 1):
            key = _squash(self.blocks[i].text)
            if (
                key
                and key in ref
                and key not in seen
                and self.blocks[i].link_density < 0.5
                and not _caption(self.blocks[i])
            ):
                matched.append(i)
                seen.add(key)
        # A block holding other matched blocks whole is a hidden copy of the story, not a paragraph.
        keys = {i: _squash(self.blocks[i].text) for i in matched}
        return sorted(
            i
            for i in matched
            if not any(j != i and len(keys[j]) >= GUIDE_MIN_BLOCK and keys[j] in keys[i] for j in matched)
        )

    def lede(self, first: int, description: str | None = None) -> list[int]:
        """Paragraphs between the headline and the body: the standfirst.

        A standfirst is often an <h2> or a line without a full stop, and often sits in the
        article's <header>; the page's own description (og:description) confirms one.
        """
        if self.headline is None or self.headline >= first:
            return []
        out: list[int] = []
        for i in range(self.headline + 1, first):
            block = self.blocks[i]
            furniture = any(not word.startswith("<header") for _, word in block.furniture)
            if furniture or block.link_density > 0.2 or is_meta_line(block.text):
                continue
            described = bool(description) and similarity(block.text, description or "") >= 0.8
            prose = size(block.text) >= MIN_LEDE_CHARS and (
                _SENTENCE_END.search(block.text) or size(block.text) >= MIN_LEDE_CHARS_UNPUNCTUATED
            )
            if described or (prose and (block.tag not in HEADINGS or not out)):
                out.append(i)
        return out

    def length(self, indexes: list[int]) -> int:
        return sum(size(self.blocks[i].text) for i in indexes)


def _caption(block: Block) -> bool:
    """A picture's caption or credit line: in a <figure> or a caption box, or worded as a credit."""
    return (
        block.tag == "figcaption"
        or any(word in ("<figure>", "!caption") for _, word in block.furniture)
        or is_meta_line(block.text)
    )


def _prose(block: Block) -> bool:
    """Reading text rather than links."""
    return block.link_density < 0.5


def _keep(block: Block, is_furniture: bool) -> bool:
    if is_furniture or block.tag == "h1" or is_meta_line(block.text):
        return False
    return not (block.link_density > 0.6 and size(block.text) < 400)


@dataclass(slots=True)
class Body:
    """The article's blocks, and what the analysis saw on the way."""

    blocks: list[Block] = field(default_factory=list)
    # Linked headings inside the chosen container: many of them mean a list of teasers, not a story.
    linked_headings: int = 0
    # How many of the first blocks are the standfirst found between headline and body.
    lede: int = 0

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks]


def extract_body(
    root: etree._Element,
    headline_el: etree._Element | None = None,
    reference: str | None = None,
    description: str | None = None,
) -> Body:
    """The article's blocks in order: lede, paragraphs and sub-headings.

    `reference` is the publisher's plain article text (JSON-LD articleBody) and `description` its
    summary (og:description), when the page has them.
    """
    analysis = BodyAnalysis(root, headline_el)
    blocks, lede = _select(analysis, reference, description)
    return Body(blocks, analysis.linked_headings, lede)


def _select(analysis: BodyAnalysis, reference: str | None, description: str | None) -> tuple[list[Block], int]:
    if not analysis.blocks:
        return [], 0
    chosen = analysis.from_container()
    guided = analysis.guided(reference) if reference else []
    # A teaser-length articleBody (paywalls) must not cut the visible article short.
    if guided and analysis.length(guided) >= GUIDE_MIN_SHARE * analysis.length(chosen):
        chosen = guided
    if not chosen:
        return [], 0
    lede = analysis.lede(chosen[0], description)
    blocks = []
    seen: set[str] = set()
    for i in lede + chosen:
        # Pages that render a story twice (mobile and desktop variants) show each paragraph twice.
        key = _squash(analysis.blocks[i].text)
        if key not in seen:
            seen.add(key)
            blocks.append(analysis.blocks[i])
    # Sub-headings left dangling at the end are the titles of boxes that were cut away; the site's
    # sign-off ("Follow us on …") is the same under every story.
    while blocks and (blocks[-1].tag in HEADINGS or is_promo_line(blocks[-1].text)):
        blocks.pop()
    return blocks, min(len(lede), len(blocks))


def signature_block(blocks: list[Block], paragraphs: tuple[str, ...]) -> tuple[int, list[str]] | None:
    """A byline printed as a paragraph of its own, in bold or set right, first or last in the body.

    Print-born sites sign stories this way ("<p><strong>Lê Phương</strong></p>" at the end). Returns
    the paragraph's index and the names in it.
    """
    by_text = {block.text: block for block in blocks}
    for index in sorted({0, 1, 2, len(paragraphs) - 1}):
        if not 0 <= index < len(paragraphs) or (block := by_text.get(paragraphs[index])) is None:
            continue
        # Near the top only standfirst lines come before a signature; after a sentence, a bold line is a subhead.
        if index < len(paragraphs) - 1 and any(
            len(p) > MAX_STANDFIRST_LINE or _ENDS_SENTENCE.search(p) for p in paragraphs[:index]
        ):
            continue
        if (names := signature_names(block.text)) and _set_apart(block.element, block.text):
            return index, names
    return None


def _set_apart(el: etree._Element, text: str) -> bool:
    """Wholly bold, or aligned right, as signatures are."""
    style = re.sub(r"\s+", "", (el.get("style") or "").casefold())
    if "text-align:right" in style:
        return True
    return any(clean_text(b.text_content()) == text for b in el.iter("strong", "b"))
