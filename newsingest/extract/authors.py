"""Author names: bylines split into people, with prefixes, roles and dates removed."""

from __future__ import annotations

import re

from newsingest.extract.text import clean_markup_text

_PREFIX = re.compile(
    r"^(?:(?:written|reported|text|story|photos?|words|interview|analysis|commentary|a commentary|ein kommentar|"
    r"eine analyse)\s+)?(?:by|von|vom|por|par|di|da|av|door|af|przez|od|от|tekst|text|autor|autorin|author|"
    r"auteur|redaktion)\s*[:.]?\s+",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:,|;|\s&\s|\s+(?:and|und|y|et|e|og|och|en|i|und|ve|и)\s+|\s*/\s*|\|)\s*", re.IGNORECASE)
_NOT_NAME = re.compile(r"https?://|www\.|@|\d{2,}|[<>{}=]")
_TRAILING_ROLE = re.compile(r"\s*[-–—(,]\s*(?:reporter|correspondent|editor|staff writer|redakteur\w*|korrespondent\w*)"
                            r"\b.*$", re.IGNORECASE)


def clean_author(value: str | None) -> list[str]:
    """One byline string to the names in it."""
    text = clean_markup_text(value)
    if not text or len(text) > 200:
        return []
    text = _PREFIX.sub("", text)
    text = _TRAILING_ROLE.sub("", text)
    names = []
    for part in _SPLIT.split(text):
        part = _PREFIX.sub("", part.strip(" .:-–—·"))
        if not part or _NOT_NAME.search(part) or len(part) > 60 or len(part.split()) > 5:
            continue
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
