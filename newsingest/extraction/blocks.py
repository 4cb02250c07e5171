"""Split a page into text blocks: the paragraphs, headings and list items a reader sees.

The walk never changes the tree, so the other sources can still read it afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from newsingest.text import clean_text

BLOCK_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "address",
        "td",
        "th",
        "caption",
        "summary",
        "figcaption",
    }
)
INLINE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "nobr",
        "big",
        "label",
        "o:p",
    }
)
# Never part of an article's text.
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "svg",
        "canvas",
        "button",
        "select",
        "input",
        "textarea",
        "video",
        "audio",
        "object",
        "embed",
        "head",
        "title",
        "meta",
        "link",
        "picture",
        "img",
        "map",
        "math",
        "option",
        "source",
        "track",
        "param",
        "datalist",
        "output",
        "progress",
        "meter",
        "hr",
    }
)
# Usually page furniture, but broken markup sometimes nests the whole article inside one (an unclosed <aside>).
FURNITURE_TAGS = frozenset({"nav", "footer", "aside", "figure", "header", "dialog", "menu", "form"})
# Their classes describe the page's state ("layout-with-sidebar", "has-newsletter"), not a region.
_PAGE_TAGS = frozenset({"html", "body", "main"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Class or id words of page furniture, matched as whole words inside names like "article-share-bar".
# Never article text, however much of the page they hold (long comment threads, related-story teasers).
_NEVER_CONTENT = re.compile(
    r"(?:^|[-_\s])(?:share|sharing|shares|social|socials|newsletter|related|recommend\w*|comments?|disqus|"
    r"advert\w*|adslot|adunit|cookies?|consent|subscribe|subscription|signup|outbrain|taboola|"
    r"trending|most-?read|most-?popular|popular|read-?more|readmore|also-?read|more-?stories|see-?also|"
    r"further-?reading|next-?article|prev-?article|teaser-?list|inline-?teaser|teaserbox|linkbox|link-?list|"
    r"author-?bio|bio|donate|donation|cta|call-?to-?action|feedback|correction-?form|breadcrumbs?|caption|"
    r"credits?|copyright|byline|dateline|timestamp|promo|optin|opt-in|privacy|gdpr|piano|newsticker|wp-block-query)"
    r"(?:$|[-_\s])",
    re.IGNORECASE,
)
# Usually furniture, but some sites name their whole story container this way ("sidebar-grid", "widget").
_FURNITURE = re.compile(
    r"(?:^|[-_\s])(?:ads?|paywall|banner|sidebar|navigation|navbar|nav|menu|popup|modal|overlay|toolbar|widget|tags?|"
    r"tag-?list|keywords|rating|print|hidden|visually-?hidden|sr-only|screen-?reader|skip|jump|toc|"
    r"table-?of-?contents|carousel|slider|gallery|lightbox|video-?player|player|podcast-?player|audio-?player|"
    r"embed-?code|meta|infobox|factbox|pagination|pager|follow)"
    r"(?:$|[-_\s])",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BR_RUN = re.compile(r"\n\s*\n")


@dataclass(slots=True)
class Block:
    """A run of text a reader sees as one paragraph, heading or list item."""

    text: str
    tag: str
    element: etree._Element
    link_chars: int = 0
    ancestors: tuple[etree._Element, ...] = field(default=(), repr=False)
    # The elements around this block that look like page furniture, with the word that says so; innermost last.
    furniture: tuple[tuple[etree._Element, str], ...] = ()

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 1.0


# Class tokens that describe state or taxonomy ("has-comments", "tag-social-media" on WordPress posts).
_STATE_TOKEN = re.compile(
    r"^(?:has|is|with|no|not|js|tag|category|categories|post|format|status|type|term|"
    r"section|topic|layout|template|theme|page|single)[-_]",
    re.IGNORECASE,
)


def _names(el: etree._Element) -> str:
    tokens = f"{el.get('class') or ''} {el.get('id') or ''}".split()
    return " ".join(t for t in tokens if not _STATE_TOKEN.match(t))


def is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def furniture_word(el: etree._Element) -> str | None:
    """The tag, role or class word that marks share bars, newsletter boxes, related links and the like.

    Tags and roles come as "<aside>"; class words that never name article text start with "!".
    """
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _PAGE_TAGS:
        return None
    if tag in FURNITURE_TAGS:
        return f"<{tag}>"
    if is_hidden(el):
        return "<hidden>"
    role = (el.get("role") or "").lower()
    if role in {"navigation", "complementary", "banner", "contentinfo", "dialog", "alert", "search", "menu"}:
        return f"<{role}>"
    names = _names(el)
    if not names:
        return None
    match = _NEVER_CONTENT.search(names)
    if match:
        return "!" + match.group(0).strip(" -_").lower()
    match = _FURNITURE.search(names)
    return match.group(0).strip(" -_").lower() if match else None


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


class _Run:
    """Inline text collected until the next block-level element."""

    __slots__ = ("link_chars", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.link_chars = 0

    def add(self, text: str | None, in_link: bool = False) -> None:
        if text:
            self.parts.append(text)
            if in_link:
                self.link_chars += len(text.strip())


class BlockWalker:
    """Walk an element tree and emit blocks in document order."""

    def __init__(self, skip_furniture: bool = True) -> None:
        self.skip_furniture = skip_furniture
        self.blocks: list[Block] = []

    def walk(self, root: etree._Element) -> list[Block]:
        self._blocky = _elements_holding_blocks(root)
        self._container(root, (), (), False)
        return self.blocks

    def _skipped(self, el: etree._Element, tag: str) -> bool:
        return not tag or tag in SKIP_TAGS

    def _inline(self, el: etree._Element, run: _Run, in_link: bool) -> None:
        tag = _tag(el)
        if tag == "br":
            run.add("\n")
        elif not self._skipped(el, tag):
            link = in_link or tag == "a"
            run.add(el.text, link)
            for child in el:
                self._inline(child, run, link)
        run.add(el.tail, in_link)

    def _emit(self, run: _Run, tag: str, anchor: etree._Element, ancestors: tuple, furniture: tuple) -> None:
        raw = "".join(run.parts)
        if not raw.strip():
            return
        pieces = _BR_RUN.split(raw) if tag not in HEADINGS else [raw]
        total = sum(len(p.strip()) for p in pieces) or 1
        for piece in pieces:
            text = clean_text(piece)
            if text:
                share = run.link_chars * len(text) // total
                self.blocks.append(Block(text, tag, anchor, share, ancestors, furniture))

    def _container(self, el: etree._Element, ancestors: tuple, furniture: tuple, in_link: bool) -> None:
        tag = _tag(el)
        if self._skipped(el, tag):
            return
        word = furniture_word(el) if self.skip_furniture else None
        if word:
            furniture = (*furniture, (el, word))
        # Teaser cards wrap headline and summary blocks in one <a>: all of it is link text.
        in_link = in_link or tag == "a"
        path = (*ancestors, el)
        run = _Run()
        run.add(el.text, in_link)
        if tag in BLOCK_TAGS and el not in self._blocky:
            for child in el:
                self._inline(child, run, in_link)
            self._emit(run, tag, el, path, furniture)
            return
        for child in el:
            ctag = _tag(child)
            if ctag == "br" or (ctag in INLINE_TAGS and child not in self._blocky):
                self._inline(child, run, in_link)
                continue
            self._emit(run, "div", el, path, furniture)
            run = _Run()
            self._container(child, path, furniture, in_link)
            run.add(child.tail, in_link)
        self._emit(run, "div", el, path, furniture)


def _elements_holding_blocks(root: etree._Element) -> set[etree._Element]:
    """Every element with a block-level element somewhere below it, found in one pass."""
    holding: set[etree._Element] = set()
    for el in root.iter():
        tag = _tag(el)
        if not tag or tag in INLINE_TAGS or tag == "br" or tag in SKIP_TAGS:
            continue
        parent = el.getparent()
        while parent is not None and parent not in holding:
            holding.add(parent)
            if parent is root:
                break
            parent = parent.getparent()
    return holding
