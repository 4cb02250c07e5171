"""Author names: bylines split into people, with prefixes, roles, initials and dates removed."""

from __future__ import annotations

import re

from newsingest.dates import strip_dates
from newsingest.text import clean_markup_text

_PREFIX = re.compile(
    r"^(?:(?:written|reported|text|story|photos?|words|interview|analysis|commentary|a commentary|ein kommentar|"
    r"eine analyse|kommentar|gastbeitrag)\s+)?(?:by|von|vom|por|par|di|da|av|door|af|przez|od|от|tekst|text|autor|"
    r"autorin|author|auteur)\s*[:.]?\s+",
    re.IGNORECASE,
)
_PREFIX_ONLY = frozenset(
    {
        "by",
        "von",
        "vom",
        "por",
        "par",
        "di",
        "da",
        "av",
        "door",
        "af",
        "przez",
        "od",
        "от",
        "and",
        "und",
        "et",
        "y",
        "text",
        "autor",
        "author",
    }
)
_SPLIT = re.compile(r"\s*(?:,|;|·|•|\s&\s|\s+(?:and|und|y|et|e|og|och|en|i|ve|и)\s+|\s*/\s*|\|)\s*", re.IGNORECASE)
_NOT_NAME = re.compile(
    r"https?:|www\.|@|\d|[<>{}=:()\[\]]|\b(?:image|images|getty|photo|foto|picture|istock)", re.IGNORECASE
)
# A role after the name: "Jane Doe, Reporter", "신현주 기자", "松岡大地 記者".
_TRAILING_ROLE = re.compile(
    r"(?:\s*[-–—(,]\s*(?:senior\s+|chief\s+|political\s+|foreign\s+)?(?:reporter|correspondent|editor|staff writer|"
    r"redakteur\w*|korrespondent\w*|journalist\w*|rédact\w*|reporter\w*)\b.*"
    r"|\s*(?:기자|특파원|記者|特派員|編集委員|論説委員)\s*)$",
    re.IGNORECASE,
)
_ROLE_ONLY = re.compile(
    r"^(?:senior|chief|political|foreign|staff|contributing|deputy|managing|executive|\s)*"
    r"(?:reporter|correspondent|editor|writer|journalist|columnist|redakteur\w*|korrespondent\w*|redaktion)s?$",
    re.IGNORECASE,
)
# Buttons and counters that sit in byline boxes: "Follow", "Twitter", "0 Comments".
_BUTTONS = frozenset(
    {
        "follow",
        "folgen",
        "suivre",
        "seguir",
        "segui",
        "volgen",
        "フォロー",
        "關注",
        "关注",
        "팔로우",
        "twitter",
        "facebook",
        "instagram",
        "linkedin",
        "x",
        "threads",
        "bluesky",
        "mastodon",
        "whatsapp",
        "telegram",
        "email",
        "e-mail",
        "mail",
        "rss",
        "more",
        "mehr",
        "comments",
        "kommentare",
    }
)
# "By Jane Doe, in News, Business": what follows ", in" is the post's categories.
_CATEGORIES = re.compile(r",\s*in\s+\S.*$", re.IGNORECASE)
# Newsroom initials after a name: "Oliver Maksan (oma)".
_INITIALS = re.compile(r"\s*\([^()]{1,12}\)\s*$")


def clean_author(value: str | None) -> list[str]:
    """One byline string to the names in it."""
    text = clean_markup_text(value)
    if not text or len(text) > 200 or text.lower().startswith(("http:", "https:", "/", "www.")):
        return []
    text = _CATEGORIES.sub("", _PREFIX.sub("", strip_dates(text)))
    names = []
    for part in _SPLIT.split(text):
        part = _PREFIX.sub("", part.strip(" .:-–—·"))
        part = _TRAILING_ROLE.sub("", _INITIALS.sub("", part)).strip(" .,:-–—·")
        key = part.casefold()
        if not part or key in _PREFIX_ONLY or key in _BUTTONS or _NOT_NAME.search(part) or _ROLE_ONLY.match(part):
            continue
        if len(part) > 60 or len(part.split()) > 5:
            continue
        names.append(part)
    return names


_SIGNATURE_PUNCTUATION = re.compile(r"[.!?:;\"“”„«»()\[\]\d@]")
_SIGNATURE_SPLIT = re.compile(r"\s*(?:/|,|&|\band\b)\s*")
# Title-case lines that are labels, not people: "Related Stories", "Breaking News", "Editor's Note".
_LABEL_WORDS = frozenset(
    "related read see also watch more latest breaking live news update updated video photo photos gallery "
    "advertisement anzeige werbung editor editors note top stories story topics share".split()
)
_NOT_SIGNATURE_WORDS = _PREFIX_ONLY | _BUTTONS | _LABEL_WORDS


def signature_names(text: str) -> list[str]:
    """The names in a paragraph that is nothing but a byline: "Mathatisi Sebusi/Mohalenyane Phakela".

    Every name has two to four words, each capitalised; any sentence punctuation and it is prose.
    """
    text = text.strip()
    if len(text) > 80 or _SIGNATURE_PUNCTUATION.search(text):
        return []
    names = []
    for part in _SIGNATURE_SPLIT.split(text):
        words = part.split()
        if not 2 <= len(words) <= 4 or not all(w[0].isupper() and w[0].isalpha() for w in words):
            return []
        if any(w.casefold() in _NOT_SIGNATURE_WORDS for w in words):
            return []
        names.append(part)
    return names


def unique_names(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def is_publisher(name: str, site_names: list[str], host: str) -> bool:
    """Whether an "author" is really the publication (n-tv NACHRICHTEN, STERN.de, mdr.de)."""
    key = re.sub(r"\W+", "", name.casefold())
    if not key:
        return True
    host_key = re.sub(r"\W+", "", host.casefold().removeprefix("www."))
    labels = [re.sub(r"\W+", "", label) for label in host.casefold().split(".") if len(label) > 3]
    if key == host_key or any(
        key == label or (key.startswith(label) and len(key) - len(label) <= 12) for label in labels
    ):
        return True
    return any(key == re.sub(r"\W+", "", s.casefold()) for s in site_names if s)
