"""Quotation extraction, one behaviour per test, on paragraphs written to show it."""

from __future__ import annotations

import pytest

from newsingest.quotes import extract_quotes


def quotes(*paragraphs: str, blocks: list[bool] | None = None) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.cue) for q in extract_quotes(list(paragraphs), blocks=blocks)]


INTRO = "Port director Maria Lindqvist met the shipping lines on Tuesday."


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        (
            "\"We have a plan, and we call it 'the long game' here,\" Lindqvist said.",
            "We have a plan, and we call it 'the long game' here",
        ),
        (
            "“We have a plan, and we call it ‘the long game’ here,” Lindqvist said.",
            "We have a plan, and we call it ‘the long game’ here",
        ),
        ("« Nous avons un plan pour le port », a déclaré Lindqvist.", "Nous avons un plan pour le port"),
        ("„Wir haben einen Plan für den Hafen“, sagte Lindqvist.", "Wir haben einen Plan für den Hafen"),
        ("»Wir haben einen Plan für den Hafen«, sagte Lindqvist.", "Wir haben einen Plan für den Hafen"),
        ("«Tenemos un plan para el puerto», dijo Lindqvist.", "Tenemos un plan para el puerto"),
        ("«У нас есть план для порта», — сказала Lindqvist.", "У нас есть план для порта"),
        ("“We have a plan for the whole port,'' Lindqvist said.", "We have a plan for the whole port"),
    ],
)
def test_quotation_marks_of_every_kind(paragraph, text):
    assert quotes(INTRO, paragraph) == [(text, "Maria Lindqvist", quotes(INTRO, paragraph)[0][2])]


def test_japanese_corner_brackets():
    got = extract_quotes(["北浜市の山本浩二市長は9日の会見で「商店街の活性化は市の重要な課題だ」と述べた。"])
    assert [(q.text, q.speaker, q.cue) for q in got] == [("商店街の活性化は市の重要な課題だ", "山本浩二", "と述べた")]


def test_attribution_before_after_inverted_and_in_the_middle():
    got = quotes(
        INTRO,
        "Lindqvist said: “The new cranes arrive in May and will double what we can unload.”",
        "“We will hire forty people this year,” said Tom Okafor, the union’s regional secretary.",
        "“The terminal was never the problem,” he said, “the road to it was.”",
    )
    assert got == [
        ("The new cranes arrive in May and will double what we can unload.", "Maria Lindqvist", "said"),
        ("We will hire forty people this year", "Tom Okafor", "said"),
        ("The terminal was never the problem", "Tom Okafor", "said"),
        ("the road to it was.", "Tom Okafor", "said"),
    ]


def test_a_quotation_over_several_paragraphs_is_one_quote_per_paragraph():
    got = quotes(
        INTRO,
        "“We started with one berth and a borrowed crane.",
        "“Now we handle more containers than any port on this coast.",
        "“Nobody here thinks that happened by luck,” Lindqvist told reporters on Friday.",
    )
    assert got == [
        ("We started with one berth and a borrowed crane.", "Maria Lindqvist", "told reporters"),
        ("Now we handle more containers than any port on this coast.", "Maria Lindqvist", "told reporters"),
        ("Nobody here thinks that happened by luck", "Maria Lindqvist", "told reporters"),
    ]


def test_pronouns_and_descriptions_resolve_to_the_right_person():
    got = quotes(
        "Harbour Minister Anneke Brouwer visited the quay with port director Tom Okafor on Monday.",
        "“This quay will be rebuilt before the winter storms,” she said.",
        "Okafor was more cautious. “The money is promised, not paid,” he said.",
        "“We will pay every euro we promised, on time,” the minister said.",
    )
    assert [speaker for _, speaker, _ in got] == ["Anneke Brouwer", "Tom Okafor", "Anneke Brouwer"]


def test_she_skips_a_man_named_more_recently():
    got = quotes(
        "Ruth Adeyemi, who chairs the ferry users’ group, met Mr Daniel Hart from the operator.",
        "Hart promised a new timetable by March, but Adeyemi was not convinced.",
        "“We have heard about a new timetable every winter for five years,” she said.",
    )
    assert got[0][1] == "Ruth Adeyemi"


def test_short_quotes_titles_and_slogans_are_not_quotations():
    got = quotes(
        "The so-called “reform” was debated for hours.",
        "Protesters chanted “Homes not hotels for Port Ellery” outside the hall.",
        "Her book, “The Harbour At Night Remembered”, was read aloud.",
        "“This is the last time we will accept a delay on the harbour,” said Ruth Adeyemi.",
    )
    assert got == [("This is the last time we will accept a delay on the harbour", "Ruth Adeyemi", "said")]


def test_partial_quotations_keep_their_speaker():
    got = extract_quotes(["Councillor Rosa Keverne called the closure “another hole torn in the high street”."])
    assert [(q.text, q.speaker, q.kind) for q in got] == [
        ("another hole torn in the high street", "Rosa Keverne", "partial")
    ]


def test_blockquote_and_embedded_post():
    got = extract_quotes(
        [
            "In a letter to councillors, Okafor wrote:",
            "The harbour cannot keep running on promises and borrowed equipment.",
            "Schools in Brayford will stay closed tomorrow because of the flooding.",
            "— Colette Barnes (@cbarnes) March 3, 2026",
        ],
        blocks=[False, True, True, True],
    )
    assert [(q.text, q.speaker_raw, q.kind) for q in got] == [
        ("The harbour cannot keep running on promises and borrowed equipment.", "Colette Barnes", "block"),
        ("Schools in Brayford will stay closed tomorrow because of the flooding.", "Colette Barnes", "block"),
    ]


def test_stray_and_unbalanced_marks_never_swallow_the_article():
    paragraphs = [
        "The council met on “Tuesday to discuss the harbour budget for the coming year and beyond.",
        "Members argued for two hours about dredging costs and the future of the fish market.",
        "A stray closing mark ends this paragraph about the vote that followed.”",
        "“The vote was close, but it was fair,” said Ruth Adeyemi.",
        "Work on the quay starts in May.",
    ]
    got = extract_quotes(paragraphs)
    assert [(q.text, q.paragraph) for q in got] == [("The vote was close, but it was fair", 3)]
    # An opening mark at a paragraph's start that never closes covers that paragraph, not the next.
    runaway = extract_quotes(["“We will not give up on this harbour, whatever the council decides.", "Work starts."])
    assert [q.text for q in runaway] == ["We will not give up on this harbour, whatever the council decides."]


def test_no_quotation_marks_means_no_work():
    assert extract_quotes(["A plain paragraph.", "Another one."]) == ()
