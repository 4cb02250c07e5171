"""Who is who in an article: names as first given in full, and what "he", "Price" or "the spokesman" refer to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsingest.quotes.lexicon import (
    NOT_NAMES,
    ORG_WORDS,
    PARTICLES,
    PERSON_ROLES,
    PLACE_PREPOSITIONS,
    PRONOUNS,
    TITLES,
)
from newsingest.quotes.sentences import sentence_bounds

# Upper-case letters of the alphabets news is written in, for finding runs of capitalised words.
_UPPER = "".join(c for c in map(chr, range(0x41, 0x2000)) if c.isupper())
_CAPITAL_WORD = rf"[{re.escape(_UPPER)}][\w'’.\-]*"
_RUN = re.compile(
    rf"{_CAPITAL_WORD}(?:[ \u00a0]+(?:(?:{'|'.join(sorted(PARTICLES))}|of|for|and|und|et)[ \u00a0]+)*{_CAPITAL_WORD})*"
)
_INITIALS = re.compile(r"(?:\w\.)+")
_ROLE_SUFFIX = re.compile(
    r"(?:minister|ministerin|leiter|leiterin|chef|chefin|vorsitzende|vorsitzender|sprecher|sprecherin|präsident|"
    r"präsidentin|meister|meisterin|direktor|direktorin|dezernent|dezernentin|beauftragte|beauftragter|rätin|"
    r"teacher|keeper|maker|worker|officer|manager|director|founder|neer)$",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_CJK_SUFFIX = re.compile(
    r"(?:さん|氏|ちゃん|くん|市長|知事|社長|首相|大臣|議員|会長|理事長|教授|院長|部長|課長|代表|"
    r"容疑者|被告|監督|選手|委員長|総裁|主席|总统|先生|女士)+$"
)
# Words an attribution may start with before its speaker: "As he put it", "Según Lucía Fernández".
_LEADING = frozenset(
    "as and but so then while when also según selon laut nach wie comme como und aber et mais y".split()
)
_SPOKESPERSON = re.compile(r"spokes|sprecher|porte-parole|portavoz|представител", re.IGNORECASE)
_DESCRIPTIVE = frozenset("the a an der die das le la el los las il lo".split())
# Nouns that stand for an organisation already named: "the company said", "the force added".
_ORG_NOUNS = frozenset(
    "company firm force group business operator organisation organization club team "
    "regulator utility charity airline bank insurer retailer developer".split()
)
_FEMALE_HINT = re.compile(
    r"\b(?:mrs|ms|miss|frau|mme|madame|señora|sra|spokeswoman|chairwoman|congresswoman|businesswoman|"
    r"\w+(?:erin|entin|torin|lerin|isterin))\b",
    re.I,
)
_MALE_HINT = re.compile(r"\b(?:mr|herr|monsieur|señor|sr|spokesman|chairman)\b", re.I)


@dataclass
class Entity:
    """A person or organisation the article names."""

    name: str
    is_org: bool = False
    gender: str | None = None
    roles: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Mention:
    entity: Entity
    paragraph: int
    sentence: int  # sentence number within the paragraph
    offset: int


def _strip_titles(tokens: list[str]) -> list[str]:
    """ "Secretary of State Antony Blinken" -> Antony Blinken: titles, and the small words between them."""
    while (
        tokens
        and (
            tokens[0].lower().rstrip(".") in TITLES
            or tokens[0].lower().split("-")[-1] in TITLES  # "Vice-Admiral"
            or not tokens[0][:1].isupper()
        )
    ):
        tokens = tokens[1:]
    return tokens


def name_part(words: list[str]) -> list[str]:
    """The name in a run of capitalised words: "Regional Affairs Minister Tomas Greve" -> Tomas Greve.

    German role nouns are capitalised compounds ("Baudezernent Tobias Wendland"), so a word ending in a
    role ("-dezernent", "-ministerin", "-leiter") also ends the title part.
    """
    words = _strip_titles(words)
    for k in range(len(words) - 2, -1, -1):
        word = words[k].lower().rstrip(".")
        if word in TITLES or PERSON_ROLES.fullmatch(word) or _ROLE_SUFFIX.search(word):
            return words[k + 1 :]
    return words


def _role_words(text: str) -> set[str]:
    return {m.group(0).lower() for m in PERSON_ROLES.finditer(text)}


def same_role(a: str, b: str) -> bool:
    """Role nouns that mean the same job: spokesman, spokeswoman, spokesperson; minister, ministerin."""
    a, b = a.lower(), b.lower()
    return a == b or (len(a) >= 5 and len(b) >= 5 and a[:6] == b[:6])


class People:
    """The names of one article, indexed by paragraph and sentence, with quoted text left out."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = paragraphs
        self.entities: dict[str, Entity] = {}
        self.surnames: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self.sentences: list[tuple[tuple[int, int], ...]] = []

    def _ensure(self, paragraph: int) -> None:
        """Index paragraphs up to this one: names after the last quotation are never needed."""
        for index in range(len(self.sentences), min(paragraph + 1, len(self.paragraphs))):
            text = self.paragraphs[index]
            bounds = sentence_bounds(text)
            self.sentences.append(bounds)
            for number, (start, end) in enumerate(bounds):
                self._index(text[start:end], index, number, start)

    def _remember(self, entity: Entity) -> Entity:
        entity = self.entities.setdefault(entity.name, entity)
        for word in entity.name.split() if entity.is_org else entity.name.split()[-1:]:
            known = self.surnames.get(word)
            if known is None or len(entity.name) > len(known.name):
                self.surnames[word] = entity
        return entity

    def _index(self, sentence: str, paragraph: int, number: int, base: int) -> None:
        for match in _RUN.finditer(sentence):
            words = match.group(0).split()
            # A run never spans two sentences' worth of words: "…Smith. The council…" is cut at the stop.
            cut = next(
                (
                    k + 1
                    for k, w in enumerate(words[:-1])
                    if w.endswith(".") and len(w) > 3 and not _INITIALS.fullmatch(w)
                ),
                len(words),
            )
            words = words[:cut]
            dropped = []
            while words and words[0].lower() in NOT_NAMES:
                dropped.append(words.pop(0))
            while words and not words[-1][:1].isupper():
                words = words[:-1]
            if not words:
                continue
            start, end = match.start(), match.end()
            # Words dropped from the front ("Mr", "Ms") still say something about the person.
            before = f"{sentence[max(0, start - 60) : start]} {' '.join(dropped)}"
            after = sentence[end:]
            # "Ministry of Fisheries and Coastal Affairs" is one name; "Okoye and Farrell" are two.
            joined = [k for k, w in enumerate(words) if w.lower() in ("and", "und", "et")]
            if joined and not ORG_WORDS.search(" ".join(words[: joined[0]])):
                parts, begin = [], 0
                for k in [*joined, len(words)]:
                    parts.append(words[begin:k])
                    begin = k + 1
                for part in parts:
                    if part:
                        self._add(part, before, after, paragraph, number, base + start)
                continue
            self._add(words, before, after, paragraph, number, base + start)

    def _add(self, run: list[str], before: str, after: str, paragraph: int, number: int, offset: int) -> None:
        if run[-1].endswith(("’s", "'s")):
            return  # "Aldmere’s transport minister": a possessive, not a speaker's name
        words = name_part([w.rstrip(".") if len(w) > 2 else w for w in run])
        if not words:
            return
        text = " ".join(words)
        is_org = bool(ORG_WORDS.search(text))
        preceding = before.split()[-1].lower() if before.split() else ""
        if preceding in PLACE_PREPOSITIONS and not is_org and text not in self.entities:
            return  # "in New York": a place
        if not is_org and (len(words) < 2 or len(words) > 4):
            # A lone capitalised word is a surname only if the article gave the full name somewhere.
            entity = self.by_surname(words[-1]) if len(words) == 1 else None
            if entity is None:
                return
        else:
            entity = self._remember(self.entities.get(text) or self._longer(text) or Entity(text, is_org))
        title_part = " ".join(run[: len(run) - len(words)])
        context = f"{before[-40:]} {title_part} {after[:40]}"
        entity.roles |= _role_words(f"{before[-30:]} {title_part} {_apposition(after)}")
        if not entity.is_org and entity.gender is None:
            if _FEMALE_HINT.search(f"{before[-12:]} {title_part}"):
                entity.gender = "f"
            elif _MALE_HINT.search(context[:60]):
                entity.gender = "m"
        self.mentions.append(Mention(entity, paragraph, number, offset))

    def _longer(self, text: str) -> Entity | None:
        """An entity whose name ends with this one ("Price" in "Ned Price", "Van Dalen" in "Pieter van Dalen")."""
        tail = " " + text.casefold()
        matches = [e for name, e in self.entities.items() if name.casefold().endswith(tail)]
        return max(matches, key=lambda e: len(e.name)) if matches else None

    def by_surname(self, word: str) -> Entity | None:
        """The entity with this surname, allowing the endings of inflected languages ("Тарасовой" -> Тарасова)."""
        found = self.surnames.get(word)
        if found is not None or len(word) < 5:
            return found
        stem = word[: max(4, len(word) - 3)].casefold()
        close = [e for w, e in self.surnames.items() if w.casefold().startswith(stem) and abs(len(w) - len(word)) <= 3]
        return close[0] if len(close) == 1 else None

    # Resolution

    def resolve(self, phrase: str, paragraph: int, offset: int) -> Entity | None:
        """The entity an attribution phrase refers to, from the text before `offset` in `paragraph`."""
        words = phrase.strip(" ,.:;").split()
        if not words:
            return None
        self._ensure(paragraph)
        while len(words) > 1 and words[0].lower() in _LEADING:
            words = words[1:]
        if _CJK.search(phrase):
            return self._cjk(phrase.strip())
        head = words[0].lower()
        if head in PRONOUNS:
            return self._pronoun(PRONOUNS[head], paragraph, offset)
        if (
            len(words) > 2
            and words[1].lower() in ("for", "of", "für", "de", "del")
            and PERSON_ROLES.search(head + " " + words[0])
        ):
            # "a spokeswoman for Northern Grid": the organisation speaks.
            return self.resolve(" ".join(words[2:]), paragraph, offset)
        if words[0].lower() in _DESCRIPTIVE and not words[-1][:1].isupper():
            # "the Civic Alliance candidate": a description, whatever names it holds.
            described = self._description(words, paragraph, offset)
            if described is not None:
                return described
        words = _after_last_role(words)
        named = _first_run([w.strip(",") for w in words])
        if len(named) == 1 and (_ROLE_SUFFIX.search(named[0]) or PERSON_ROLES.fullmatch(named[0].lower())):
            named = []  # "Schulleiterin der MS Egger-Lienz": a role, not a name
        if named and named[-1].endswith(("’s", "'s")):
            named = []  # "Aldmere’s transport minister" is a description
        named = name_part(named) if named else named
        if named:
            name = " ".join(named)
            entity = self.entities.get(name) or self._longer(name) or self.by_surname(named[-1])
            return entity or self._remember(Entity(name, bool(ORG_WORDS.search(name))))
        return self._description(words, paragraph, offset)

    def _cjk(self, phrase: str) -> Entity:
        """A Japanese or Chinese name: "山本市長" is the 山本浩二 named before, titles and honorifics dropped."""
        name = _CJK_SUFFIX.sub("", phrase) or phrase
        known = [e for e in self.entities.values() if e.name.startswith(name)]
        if known:
            return max(known, key=lambda e: len(e.name))
        return self._remember(Entity(name))

    def _before(self, paragraph: int, offset: int) -> list[Mention]:
        return [m for m in self.mentions if (m.paragraph, m.offset) < (paragraph, offset)]

    def _pronoun(self, gender: str | None, paragraph: int, offset: int) -> Entity | None:
        """The subject of the nearest sentence before the quote that names a compatible person."""
        by_sentence: dict[tuple[int, int], list[Mention]] = {}
        for mention in self._before(paragraph, offset):
            by_sentence.setdefault((mention.paragraph, mention.sentence), []).append(mention)
        for key in sorted(by_sentence, reverse=True):
            for mention in by_sentence[key]:
                entity = mention.entity
                if entity.is_org or (gender and entity.gender and entity.gender != gender):
                    continue
                if gender and entity.gender is None:
                    entity.gender = gender
                return entity
        return None

    def _description(self, words: list[str], paragraph: int, offset: int) -> Entity | None:
        """ "the spokesman", "the ministry": the latest named entity with that role or that kind of name."""
        noun = words[-1].lower().strip(",.")
        before = list(reversed(self._before(paragraph, offset)))
        if ORG_WORDS.fullmatch(noun) or noun in _ORG_NOUNS:
            orgs = [m.entity for m in before if m.entity.is_org]
            same = [e for e in orgs if noun[:5] in e.name.lower()]
            # "the company", "the force": the organisation of that kind, else the latest named one.
            return (same or orgs)[0] if same or orgs else None
        for mention in before:
            if any(same_role(noun, role) for role in mention.entity.roles):
                return mention.entity
        if _SPOKESPERSON.match(noun):
            # An unnamed spokeswoman speaks for the organisation the story is about.
            return next((m.entity for m in before if m.entity.is_org), None)
        return None


def _after_last_role(words: list[str]) -> list[str]:
    """ "US Marines exercise representative Colonel Stuart Glenn" -> the words after the last role or title."""
    for k in range(len(words) - 2, -1, -1):
        word = words[k].lower().strip(",.")
        if (word in TITLES or PERSON_ROLES.fullmatch(word)) and any(w[:1].isupper() for w in words[k + 1 :]):
            return words[k + 1 :]
    return words


def _first_run(words: list[str]) -> list[str]:
    """The name among the words: the first run of two or more capitalised words, else the first single one.

    "Katrin Vogelsang nach der Abstimmung" -> Katrin Vogelsang; "Council leader Terry Bolt" -> Terry Bolt.
    """
    runs: list[list[str]] = [[]]
    for word in words:
        capital = word[:1].isupper() and word.lower() not in NOT_NAMES
        if capital or (runs[-1] and word.lower() in PARTICLES):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    for run in runs:
        while run and not run[-1][:1].isupper():
            run.pop()
    longer = [r for r in runs if len(r) >= 2]
    return longer[0] if longer else next((r for r in runs if r), [])


def _apposition(after: str) -> str:
    """ "…, the port director, said" -> "the port director"."""
    match = re.match(r"\s*,\s*((?:the|a|an|der|die|la|le|el)\s[^,.;]{2,50})[,.;]", after)
    return match.group(1) if match else after[:25]
