"""Reading the attribution around a quotation: who ("Price", "he", "the ministry") and how ("told reporters")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsingest.quotes.lexicon import CUE_OBJECT_STOP, JA_CUE, PARTIAL_VERBS, PRONOUNS, REPORTING, SOURCE_FIRST

# An attribution clause ends at the next sentence end, quotation mark or semicolon.
_CLAUSE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr|\bMs|\bDr|\bSt)[.!?;](?:\s|$)|[“„«»「\"]")
_LEAD_PUNCT = re.compile(r"^[\s,.;:!?—–\-]+")
# French inverted attributions: "a-t-il conclu", "s’interroge-t-elle", "poursuit-il".
_FR_INVERTED = re.compile(r"^(?:a-t-(il|elle)\s+\w+|[\w’']+-t-(il|elle)|[\w’']+-(il|elle))\b", re.IGNORECASE)
_INLINE_PRONOUN = re.compile(r"-t-(il|elle)\b|\bsagte (er|sie)\b", re.IGNORECASE)
# The topic of a Japanese sentence: a name, an optional honorific or role, then は or が.
_JA_TOPIC = re.compile(r"([\u30a0-\u30ff\u3400-\u9fff\u3005・ー]{2,20}(?:さん|氏|ちゃん|くん)?)(?:は|が)")
MAX_SPEAKER_WORDS = 9
_RELATIVE = frozenset("who which whose whom that der die das qui que quien quienes который которая которые".split())
_DETERMINERS = frozenset(
    "the a an one another some several two three der die das ein eine le la les un une el los las una его её".split()
)


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: str  # the words naming the speaker, as written
    cue: str
    position: int  # offset in the paragraph where the speaker is named, for resolving pronouns
    japanese: bool = False  # 「…」と述べた: the speaker was named before the quotation


def _cue_phrase(verb: str, rest: str) -> str:
    """The reporting verb with its listener: "told" + "a press briefing on Monday" -> "told a press briefing"."""
    if verb.lower() not in ("told", "tells", "tell", "telling"):
        return verb
    words: list[str] = []
    for word in re.findall(r"[\w'’-]+|[^\w\s]", rest):
        if not re.match(r"[\w'’-]", word) or word.lower() in CUE_OBJECT_STOP or len(words) >= 4:
            break
        words.append(word)
    return " ".join([verb, *words])


_LEADING_FILLER = re.compile(r"^(?:and|but|so|then|as|while|when|wie|comme|como|und|aber|et|mais|y|pero)\s+", re.I)


def _is_speakerish(part: str) -> bool:
    """A pronoun, a capitalised name or a description ("the port director") rather than a phrase of prose."""
    words = part.split()
    if not words or len(words) > MAX_SPEAKER_WORDS or words[0].lower() in _RELATIVE:
        return False
    first = words[0].lower()
    return first in PRONOUNS or first in _DETERMINERS or any(w[:1].isupper() for w in words)


def _speaker_words(text: str, nearest_last: bool) -> str:
    """The speaker in an attribution clause, nearest the verb first:
    "In a statement, the boy’s mother, Linda Marsh," -> Linda Marsh; "Mirela Sandt, who runs…" -> Mirela Sandt."""
    text = re.split(r"\bwho\b|\bwhich\b|\bwhose\b|\(", text, maxsplit=1)[0] if not nearest_last else text
    parts = [_LEADING_FILLER.sub("", p.strip(" .:;")) for p in text.split(",")]
    parts = [p for p in parts if p and not p.isdigit()]
    ordered = list(reversed(parts)) if nearest_last else parts
    speakerish = [p for p in ordered if _is_speakerish(p)]
    # A name ("Harriet Okoye") before a description holding one ("the Civic Alliance candidate").
    names = [p for p in speakerish if p[:1].isupper() and p.split()[0].lower() not in _DETERMINERS]
    chosen = (names or speakerish or [""])[0]
    return " ".join(chosen.split()[:MAX_SPEAKER_WORDS])


def after(paragraph: str, close_end: int, open_end: int = 0) -> Attribution | None:
    """“…,” she said. / “…,” said Maria Lindqvist, the port director. / 「…」と述べた"""
    rest = paragraph[close_end:]
    ja = JA_CUE.match(rest)
    if ja:
        return Attribution(japanese_speaker(paragraph[:open_end]), ja.group(0).strip(), open_end, japanese=True)
    lead = _LEAD_PUNCT.match(rest)
    offset = close_end + (lead.end() if lead else 0)
    clause = paragraph[offset:]
    stop = _CLAUSE_END.search(clause)
    clause = clause[: stop.start()] if stop else clause
    inverted = _FR_INVERTED.match(clause)
    if inverted:
        pronoun = next(g for g in inverted.groups() if g)
        return Attribution(pronoun, inverted.group(0), offset)
    verb = REPORTING.search(clause)
    if not verb or verb.start() > 80:
        return None
    subject = clause[: verb.start()].strip()
    cue_word = verb.group(1)
    following = clause[verb.end() :]
    inline = _INLINE_PRONOUN.search(clause[: verb.end() + 8])
    if inline:
        return Attribution(next(g for g in inline.groups() if g), clause[verb.start() : inline.end()].strip(), offset)
    if subject and cue_word.lower() not in SOURCE_FIRST:
        speaker = _speaker_words(subject, nearest_last=True)
        return Attribution(speaker, _cue_phrase(cue_word, following), offset) if speaker else None
    speaker = _speaker_words(following, nearest_last=False)
    if not speaker:
        return None
    return Attribution(speaker, cue_word, offset + verb.end())


def japanese_speaker(head: str) -> str:
    """The speaker of a Japanese sentence: the words before its topic particle は (or が), role suffix kept."""
    sentence = re.split(r"[。！？]", head)[-1]
    sentence = re.sub(r"[（(][^）)]*[）)]", "", sentence)
    match = _JA_TOPIC.search(sentence)
    return match.group(1) if match else ""


_INCISE = re.compile(
    r"^(?P<head>.{12,}?),\s+(?P<cue>a-t-(?P<p1>il|elle)\s+\w+|[\w’']+-t-(?P<p2>il|elle)|[\w’']+-(?P<p3>il|elle)|"
    r"(?:dijo|explicó|añadió|afirmó|sagte|erklärte|so)\s+(?P<name>\w+(?:\s+\w+)?)),\s+(?P<tail>\w.{12,})$",
    re.DOTALL,
)


def incise(text: str) -> tuple[str, Attribution, str] | None:
    """« A, a-t-il expliqué, B »: a quotation with its attribution inside the marks, split in two."""
    match = _INCISE.match(text)
    if not match:
        return None
    speaker = match.group("p1") or match.group("p2") or match.group("p3") or match.group("name")
    return match.group("head"), Attribution(speaker, match.group("cue"), 0), match.group("tail")


def before(paragraph: str, open_end: int) -> Attribution | None:
    """Okafor said: “…” / According to Lindqvist, “…”"""
    head = paragraph[:open_end]
    clause = re.split(r"(?<!\b[A-Z])[.!?;](?:\s|$)|[”»“\"]", head)[-1]
    base = len(head) - len(clause)
    if not re.search(r"[:,]\s*$|\b(?:put it|wrote|schrieb|écrit|escribió)\s*$", clause):
        return None
    verbs = list(REPORTING.finditer(clause))
    if not verbs:
        return None
    verb = verbs[-1]
    cue_word = verb.group(1)
    subject = clause[: verb.start()].strip(" ,")
    if cue_word.lower() in SOURCE_FIRST or not subject:
        # "According to Lindqvist, “…”" and the second half of “A,” said Alan Pellow, “B.”
        speaker = _speaker_words(clause[verb.end() :], nearest_last=False)
        return Attribution(speaker, cue_word, base + verb.end()) if speaker else None
    speaker = _speaker_words(subject, nearest_last=True)
    if not speaker:
        return None
    return Attribution(speaker, _cue_phrase(cue_word, clause[verb.end() :]), base + verb.start())


def within_sentence(paragraph: str, sentence_start: int, open_end: int) -> Attribution | None:
    """A partial quotation's speaker: the subject of the last reporting verb before it in the sentence.

    Text inside an earlier quotation of the sentence is skipped: “…,” said Pat Rennie, while the florist
    next door, Lorna Drummond, said the change had been “the final straw” is Lorna Drummond's.
    """
    start = sentence_start
    closing = max(paragraph.rfind(mark, sentence_start, open_end) for mark in '”»"')
    if closing >= 0:
        start = closing + 1
    clause = paragraph[start:open_end]
    verbs = [*REPORTING.finditer(clause), *PARTIAL_VERBS.finditer(clause)]
    if not verbs:
        return None
    verb = max(verbs, key=lambda m: m.start())
    subject = re.split(r"[;:]", clause[: verb.start()])[-1]
    speaker = _speaker_words(subject, nearest_last=True)
    if not speaker and _LEADING_FILLER.match(subject.strip() + " "):
        # "… and told board members that …": the verb shares the earlier subject; the caller knows who.
        return Attribution("", _cue_phrase(verb.group(1), clause[verb.end() :]), start + verb.start())
    return Attribution(speaker, verb.group(1), start + verb.start()) if speaker else None
