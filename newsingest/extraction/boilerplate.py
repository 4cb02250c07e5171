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
# A picture credit inside a line marks it as a caption: "… in Almendral. FOTO: R. SUR", "(Image: Getty)".
_CAPTION_CREDIT = re.compile(
    r"(?:^|[\s(|/])(?:photos?|fotos?|picture|pictures|image|images|imagen|bild|bilder|bildquelle|credit|"
    r"fotografía|crédito|foto/grafik)\s*:",
    re.IGNORECASE,
)
MAX_CAPTION_CHARS = 250
# "Read also: …" lines that link to other stories, in the languages of the sites we see most.
_READ_ALSO = re.compile(
    r"^(?:lire aussi|à lire aussi|read more|read also|also read|see also|more on this|related|lesen sie auch|"
    r"mehr zum thema|auch interessant|das könnte sie auch interessieren|leer más|lee también|leia também|"
    r"leggi anche|les også|läs också|læs også|lees ook|czytaj też|czytaj także|citește și|читайте также|"
    r"devamını oku)\b\s*[:：.…-]?",
    re.IGNORECASE,
)
# What a paywall says about the rest: "Il vous reste 60% de cet article à lire", "Pozostało 89% artykułu".
_PAYWALL_REST = re.compile(
    r"\d+(?:[.,]\d+)?\s?%\s+(?:\w+\s+){0,3}(?:article|artikel|artículo|artigo|articolo|"
    r"artykułu|articles|story|texte|text)",
    re.IGNORECASE,
)
# What sites append to every story: "Got a story? Get in touch…", "Follow us on X", "Sign up to our newsletter".
_PROMO = re.compile(
    r"^(?:got a story|have you got a story|do you have a story|got a tip|for more (?:stories|news|on this|like this)|"
    r"follow (?:us|[\w.]+(?: [\w.]+){0,3} on)|sign up (?:to|for|here)|subscribe to|get (?:our|the latest|in touch)|"
    r"download (?:our|the)|join (?:our|us)|like us on|click here|folgen sie|abonnieren sie|suivez-nous|"
    r"síguenos|seguici|følg oss|följ oss)\b",
    re.IGNORECASE,
)
MAX_PROMO_CHARS = 300
_DATE_WORDS = re.compile(
    r"\b(?:published|updated|posted|stand|aktualisiert|veröffentlicht|publiziert|publié|mis à jour|publicado|"
    r"actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt|publisert|oppdatert|publicerad|uppdaterad|"
    r"opublikowano|zaktualizowano|last updated|am|um|le|el|à|at|on)\b",
    re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]")


def is_promo_line(text: str) -> bool:
    """A site's standard call to action that closes its stories."""
    return len(text) <= MAX_PROMO_CHARS and bool(_PROMO.match(text))


def is_meta_line(text: str) -> bool:
    """A line inside the story's markup that is not its text: byline, dateline, photo credit or
    caption, a "Read also" promo, a paywall's "60% of this article remains"."""
    if len(text) <= MAX_CAPTION_CHARS and (
        _CAPTION_CREDIT.search(text) or _READ_ALSO.match(text) or _PAYWALL_REST.search(text)
    ):
        return True
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
