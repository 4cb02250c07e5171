"""The generic source: what the visible page says when the markup does not (the "text" and "url" sources)."""

from __future__ import annotations

import itertools
import re
from typing import Any

from lxml import etree

from newsingest.dates import date_span, may_be_date
from newsingest.extraction.blocks import is_hidden
from newsingest.extraction.boilerplate import BYLINE
from newsingest.extraction.page import Page
from newsingest.text import clean_text

# Page-level regions whose dates belong to the site, not the article (a header showing today's date).
_OUTSIDE = frozenset({"header", "nav", "footer", "aside"})
_NOT_ARTICLE_DATE = re.compile(
    r"today|current-?date|clock|weather|copyright|comment|related|teaser|sidebar|footer|"
    r"ticker|most-?read|popular|trending|recommend",
    re.IGNORECASE,
)
_SITE_HEADER = re.compile(r"header|nav|menu|masthead", re.IGNORECASE)
_DATE_HINT = re.compile(r"date|time|publish|posted|byline|dateline|meta|stamp|datum|fecha|data|zeit", re.IGNORECASE)
# A visible label before the date: "Datum 28.04.2023", "Published: 3 May 2024", "Publié le 3 mars".
_DATE_LABEL = re.compile(
    r"(?:date|datum|dato|data|fecha|published|posted|veröffentlicht|publié|publicado|pubblicato|gepubliceerd|"
    r"publicerad|publisert|udgivet|opublikowano|опубликовано|yayınlanma)\b",
    re.IGNORECASE,
)
_UPDATE_HINT = re.compile(
    r"updat|modif|aktualisiert|actualiz|mis à jour|oppdatert|uppdaterad|opdateret|aggiornat|atualizad|bijgewerkt|"
    r"zaktualizowan|обновлено|güncellen",
    re.IGNORECASE,
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/._-]|$)")
_AUTHOR_HINT = re.compile(
    r"(?:^|[-_\s])(?:(?:author|autor|auteur|autore|byline)\w*|(?:writer|reporter|journalist|contributor)s?|by)"
    r"(?:$|[-_\s])",
    re.IGNORECASE,
)


# How many elements after the headline may hold a plain-text byline.
BYLINE_SEARCH_SIBLINGS = 4


def _ancestors(el: etree._Element) -> list[etree._Element]:
    out = []
    parent = el.getparent()
    while parent is not None:
        out.append(parent)
        parent = parent.getparent()
    return out


def story_region(headline_el: etree._Element | None) -> frozenset[etree._Element]:
    """The headline and every element around it: whatever its class says, this is the story's region."""
    if headline_el is None:
        return frozenset()
    return frozenset([headline_el, *_ancestors(headline_el)])


def in_page_furniture(el: etree._Element, story: frozenset[etree._Element] = frozenset()) -> bool:
    """Inside the site's header, navigation, footer, an aside or a teaser box rather than the story.

    Walking up from `el`, reaching the headline's own region first means the element belongs to
    the story (bylines beside the headline, dates in a container named "sidebar-grid"). Inside an
    <article>, its own <header> holds byline and date and does not count.
    """
    chain = [el, *_ancestors(el)]
    in_article = any(node.tag == "article" for node in chain)
    for node in chain:
        if node in story:
            return False
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("nav", "aside", "footer") or (tag == "header" and not in_article) or is_hidden(node):
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if names.strip() and (_NOT_ARTICLE_DATE.search(names) or (not in_article and _SITE_HEADER.search(names))):
            return True
    return False


def headline_elements(page: Page) -> list[etree._Element]:
    return [h for h in page.tree.iter("h1") if clean_text(h.text_content())]


def find_headline_element(page: Page, headline: str | None) -> etree._Element | None:
    """The visible heading that shows the chosen headline, or the first h1."""
    from newsingest.extraction.headline import similarity

    candidates = headline_elements(page)
    if not candidates:
        candidates = [h for h in page.tree.iter("h2") if clean_text(h.text_content())][:3]
    if not candidates:
        return None
    if headline:
        scored = [(similarity(clean_text(h.text_content()), headline), -i, h) for i, h in enumerate(candidates)]
        best = max(scored, key=lambda t: (t[0], t[1]))
        if best[0] >= 0.5:
            return best[2]
    return next((h for h in candidates if not in_page_furniture(h)), candidates[0])


def article_element(page: Page, headline_el: etree._Element | None) -> etree._Element | None:
    """The <article> (or itemprop=articleBody's parent) that holds the headline, if the page marks one."""
    if headline_el is not None:
        for node in _ancestors(headline_el):
            if node.tag == "article" or (node.get("itemtype") or "").lower().endswith("article"):
                return node
    return None


def date_candidates(page: Page, headline_el: etree._Element | None) -> list[tuple[str, str, str]]:
    """(raw, kind, role) date strings from the visible page, nearest to the headline first.

    kind is "time" for a machine-readable <time datetime>, "byline" for visible wording; role is
    "modified" for dates marked as updates ("Aktualisiert", class="updated"), else "published".
    """
    story = story_region(headline_el)
    order = {el: i for i, el in enumerate(page.tree.iter())}
    anchor = order.get(headline_el, 0) if headline_el is not None else 0
    found: list[tuple[int, int, str, str, str]] = []
    for el in page.tree.iter("time"):
        raw = el.get("datetime") or el.get("content") or clean_text(el.text_content())
        if not raw or in_page_furniture(el, story):
            continue
        rank = 0 if el.get("itemprop") == "datePublished" else 1
        found.append((rank, _distance(order[el], anchor), raw, "time", _role(el)))
    for el in page.tree.iter("span", "div", "p", "small", "li", "dd", "address"):
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        hinted = bool(_DATE_HINT.search(names))
        if not hinted and (len(el) > 3 or not _DATE_LABEL.match(_leading_text(el))):
            continue
        text = clean_text(el.text_content())
        if not text or len(text) > 120 or not may_be_date(text) or in_page_furniture(el, story):
            continue
        found.append((2 if hinted else 3, _distance(order[el], anchor), text, "byline", _role(el, text)))
    found.extend(
        (4, distance, text, "byline", "published") for distance, text in _lines_after(headline_el, order, story)
    )
    found.sort(key=lambda t: (t[1] > 400, t[0], t[1]))
    return [(raw, kind, role) for _, _, raw, kind, role in found]


# Elements marked as an update by their class or id; <time> elements are judged by the words before them.
_UPDATE_XPATH = etree.XPath(
    "//time | //*[contains(@class, 'updat') or contains(@class, 'Updat') or contains(@class, 'modif') "
    "or contains(@id, 'updat') or contains(@id, 'modif') or contains(@itemprop, 'dateModified')]"
)


def update_candidates(page: Page, headline_el: etree._Element | None) -> list[tuple[str, str]]:
    """(raw, kind) for dates the page marks as its last update, in page order: a quick look that reads
    only <time> elements and update-named markup, for pages whose metadata already gave the rest."""
    story = story_region(headline_el)
    found = []
    for el in _UPDATE_XPATH(page.tree):
        if el.tag == "time":
            raw, kind = el.get("datetime") or clean_text(el.text_content()), "time"
        else:
            raw, kind = el.get("content") or clean_text(el.text_content()), "byline"
        if raw and len(raw) <= 120 and _role(el, raw) == "modified" and not in_page_furniture(el, story):
            found.append((raw, kind))
    return found


def _leading_text(el: etree._Element) -> str:
    """The words an element starts with: its own text, or its first child's ("<strong>Datum</strong> …")."""
    text = (el.text or "").strip()
    if not text and len(el) and isinstance(el[0].tag, str):
        text = (el[0].text or "").strip()
    return text


def _lines_after(
    headline_el: etree._Element | None, order: dict[etree._Element, int], story: frozenset[etree._Element]
) -> list[tuple[int, str]]:
    """Short date-bearing lines just below the headline, whatever their markup ("Do 25.04.24 | 14:07 Uhr | Von …")."""
    if headline_el is None:
        return []
    out: list[tuple[int, str]] = []
    for el in itertools.islice(headline_el.itersiblings(), BYLINE_SEARCH_SIBLINGS * 2):
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "figure"):
            continue
        text = clean_text(el.text_content())
        if len(text) > 200:
            break  # the story has begun
        if text and date_span(text) and not in_page_furniture(el, story):
            out.append((order.get(el, 0) - order.get(headline_el, 0), text))
    return out


def _role(el: etree._Element, text: str = "") -> str:
    names = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"
    if _UPDATE_HINT.search(names) or _UPDATE_HINT.match(text):
        return "modified"
    # "Published <time>…</time> | Updated <time>…</time>": the words just before say which one this is.
    previous, parent = el.getprevious(), el.getparent()
    if previous is not None and isinstance(previous.tag, str):
        before = (previous.text_content() if previous.tag != "time" else "") + (previous.tail or "")
    else:
        before = parent.text or "" if parent is not None else ""
    return "modified" if _UPDATE_HINT.search(before[-30:]) else "published"


def _distance(position: int, anchor: int) -> int:
    # Dates just after the headline are bylines; dates far before it are usually the site's.
    return position - anchor if position >= anchor else 3 * (anchor - position)


def url_date(url: str) -> str | None:
    match = _URL_DATE.search(url)
    return "-".join(match.groups()) if match else None


def spaced_text(el: etree._Element) -> str:
    """An element's text with a space where its children meet ("Jane Doe" + "John Roe" stay apart)."""
    return clean_text(" ".join(t for t in el.itertext() if t))


def byline_authors(page: Page, headline_el: etree._Element | None) -> list[str]:
    """Author names from byline markup: rel=author links, itemprop=author, author-named elements."""
    article = article_element(page, headline_el)
    story = story_region(headline_el)
    scope = article if article is not None else page.tree
    order = {el: i for i, el in enumerate(scope.iter())}
    anchor = order.get(headline_el, 0) if headline_el is not None else 0
    found: list[etree._Element] = []
    for el in scope.iter():
        if not isinstance(el.tag, str) or el.tag in ("meta", "link", "script", "style", "body", "html"):
            continue
        rel = (el.get("rel") or "").lower()
        itemprop = (el.get("itemprop") or "").lower()
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not (
            itemprop == "author"
            or rel == "author"
            or (_AUTHOR_HINT.search(names) and el.tag in ("a", "span", "div", "p", "address", "strong", "b", "li"))
        ):
            continue
        # Without an <article> to bound the search, bylines sit near the headline, not in teaser lists.
        if article is None and headline_el is not None and not -150 <= order[el] - anchor <= 800:
            continue
        if in_page_furniture(el, story) or not spaced_text(el):
            continue
        found.append(el)
    if not found:
        return _text_byline(page, headline_el)
    # The innermost byline element is the name; its containers add labels and buttons ("Follow").
    inner = [el for el in found if not any(other is not el and el in other.iterancestors() for other in found)]
    texts: list[str] = []
    for el in inner:
        target = el.find('.//*[@itemprop="name"]')
        text = spaced_text(target if target is not None else el)
        if text and len(text) <= 120 and text not in texts:
            texts.append(text)
        if len(texts) >= 6:
            break
    return texts


def _text_byline(page: Page, headline_el: etree._Element | None) -> list[str]:
    """A plain "By Jane Doe · 20 November 2026" line among the first few after the headline."""
    if headline_el is None:
        return []
    seen = 0
    for el in headline_el.itersiblings():
        if not isinstance(el.tag, str):
            continue
        text = spaced_text(el)
        if text and len(text) <= 160 and BYLINE.match(text):
            return [text]
        seen += 1
        if seen >= BYLINE_SEARCH_SIBLINGS:
            break
    return []


def extract_generic(page: Page, headline_el: etree._Element | None) -> dict[str, Any]:
    """Field candidates read from the visible page."""
    title = page.tree.find(".//title")
    return {
        "headline": clean_text(headline_el.text_content())
        if headline_el is not None
        else (clean_text(title.text_content()) if title is not None else None),
        "language": page.lang,
        "canonical_url": None,
    }
