"""Lines that sit inside article markup without being article text: bylines, datelines, credits."""

from __future__ import annotations

import re

from newsingest.dates import date_span

# Longer than this, a line is prose even when it starts like a byline or holds a date.
MAX_META_CHARS = 90

BYLINE = re.compile(
    r"^(?:by|von|vom|par|por|di|da|av|door|af|od|przez|от|kommentar von|ein kommentar von|eine analyse von|"
    r"written by|reported by|text|texto|tekst|autor|autorin|author|auteur|redaktion)\s*:?\s+\S",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(?:photos?|fotos?|image|images|bild|bilder|bildrechte|bildquelle|quelle|source|sources|credit|"
    r"illustration|grafik|graphic|video|foto\s?:|©|\(c\)|copyright|picture)\b\s*[:©/|]?",
    re.IGNORECASE,
)
_DATE_WORDS = re.compile(
    r"\b(?:published|updated|posted|stand|aktualisiert|veröffentlicht|publiziert|publié|mis à jour|publicado|"
    r"actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt|publisert|oppdatert|publicerad|uppdaterad|"
    r"opublikowano|zaktualizowano|last updated|am|um|le|el|à|at|on)\b",
    re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]")


def is_meta_line(text: str) -> bool:
    """A byline, a dateline or a photo credit standing on its own line."""
    if len(text) > MAX_META_CHARS:
        return False
    if BYLINE.match(text) and not text.rstrip().endswith((".", "!", "?", ":")):
        return True
    if _CREDIT.match(text):
        return True
    span = date_span(text)
    if span is None:
        return False
    # What is left once the date and the words around dates are gone: little means a dateline.
    rest = _DATE_WORDS.sub(" ", text.replace(span, " "))
    return len(_LETTER.findall(rest)) <= 12
