"""The extractor's parts, each on small pages written to show one behaviour."""

from __future__ import annotations

import pytest

import newsingest
from newsingest.extraction.authors import clean_author, is_publisher, signature_names
from newsingest.extraction.blocks import BlockWalker
from newsingest.extraction.boilerplate import is_meta_line, is_promo_line
from newsingest.extraction.headline import clean_headline
from newsingest.extraction.meta import extract_meta
from newsingest.extraction.page import Page, decode_html

PROSE = (
    "The council met on Tuesday to discuss the budget for the coming year, and members spoke at length. ",
    "Several residents asked why the library would close two days a week, and the leader promised a review. ",
    "A final vote is expected next month, after a public consultation that runs until the end of January. ",
)


def page(body: str, head: str = "") -> str:
    return f"<html lang='en'><head><title>T</title>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Von Anna Beispiel (abe)", ["Anna Beispiel"]),
        ("By Hollis Wren · November 9, 2026", ["Hollis Wren"]),
        ("신현주 기자", ["신현주"]),
        ("Jane Doe, Senior Reporter", ["Jane Doe"]),
        ("https://example.com/author/jane/", []),
        ("(Image: Getty Images)", []),
        ("Redaktion hessenschau.de", ["Redaktion hessenschau.de"]),
        ("By Kit Marlow, in News , Business , Travel · 3 Feb 2026, 10:02 · 0 Comments", ["Kit Marlow"]),
        ("Tamsin Roe · Follow · Twitter", ["Tamsin Roe"]),
        ("von Ole Brandt · 3 Min", ["Ole Brandt"]),
        ("松岡大地 · フォロー", ["松岡大地"]),
    ],
)
def test_clean_author(raw, names):
    assert clean_author(raw) == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Kabelo Ntsane/Palesa Molefi", ["Kabelo Ntsane", "Palesa Molefi"]),
        ("Trần Minh Châu", ["Trần Minh Châu"]),
        ("Ярослав Кузишин, Антон Зелинский", ["Ярослав Кузишин", "Антон Зелинский"]),
        ("Water Shortages", ["Water Shortages"]),  # shaped like a name: the caller also asks where it stands
        ("Related Stories", []),
        ("Follow Us", []),
        ("Reforms", []),
        ("Words of wisdom", []),
        ("Chiefs respond.", []),
        ("He Said It Was Over And Done", []),
        ("松岡大地", []),
    ],
)
def test_signature_lines(line, names):
    assert signature_names(line) == names


@pytest.mark.parametrize(
    ("head", "names"),
    [
        # An address or a profile link in the author tag: the next tag names the person.
        (
            '<meta name="author" content="j.doe@courier.example">'
            '<meta name="twitter:misc:Written by" content="Jane Doe">',
            ["Jane Doe"],
        ),
        (
            '<meta name="author" content="https://social.example/courier">'
            '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="John Roe">'
            '<meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="4 minutes">',
            ["John Roe"],
        ),
        ('<meta name="author" content="Jane Doe">', ["Jane Doe"]),
    ],
)
def test_meta_authors_skip_addresses(head, names):
    assert extract_meta(Page(page("<p>x</p>", head), "https://courier.example/a"))["authors"] == names


def test_publisher_names_are_recognised():
    assert is_publisher("n-tv NACHRICHTEN", [], "www.n-tv.de")
    assert is_publisher("The Courier", ["The Courier"], "courier.example")
    assert not is_publisher("Jane Doe", ["The Courier"], "courier.example")


@pytest.mark.parametrize(
    ("raw", "host", "expected"),
    [
        ("Storm closes the ferry | The Courier", "www.courier.example", "Storm closes the ferry"),
        ("Ziele, Chancen, Risiken | DW | 28.04.2023", "www.dw.com", "Ziele, Chancen, Risiken"),
        (
            "„Unermüdlicher Einsatz“ - Die Neue Südtiroler Tageszeitung",
            "www.tageszeitung.it",
            "„Unermüdlicher Einsatz“",
        ),
        ("Lindner – der Finanzminister", "www.zeitung.example", "Lindner – der Finanzminister"),
    ],
)
def test_clean_headline_drops_the_site_name(raw, host, expected):
    assert clean_headline(raw, host=host) == expected


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        ("Stand: 22.04.2024, 06:00 Uhr", True),
        ("Von Nina Beispiel", True),
        ("Photo: Jane Doe/AFP", True),
        ("11:00 AM PDT • May 16, 2024", True),
        ("Die Polizei kam am 3. Mai 2024 nach Hause.", False),
        ("By the way, the bridge reopened on Monday.", False),
    ],
)
def test_meta_lines(line, meta):
    assert is_meta_line(line) is meta


@pytest.mark.parametrize(
    ("line", "promo"),
    [
        ("Got a story? Get in touch with our news desk.", True),
        ("Follow the Estuary Post on social media for the latest updates.", True),
        ("Sign up to our free morning newsletter.", True),
        ("Folgen Sie uns auf Instagram.", True),
        ("Follow-up talks are planned for next week, the ministry said.", False),
        ("For the latest figures, the council will publish its report in June.", False),
        ("Getting the boiler certified would cost more than the trust raises in a year.", False),
    ],
)
def test_sign_off_lines(line, promo):
    assert is_promo_line(line) is promo


def test_blocks_split_on_double_breaks_and_count_card_links():
    tree = Page(
        page(
            "<div>First line.<br><br>Second line.</div>"
            "<a href='/x'><h3>Teaser headline</h3><p>Teaser summary text.</p></a>"
        ),
        "https://e.x/",
    ).tree
    blocks = BlockWalker().walk(tree)
    assert [b.text for b in blocks] == ["First line.", "Second line.", "Teaser headline", "Teaser summary text."]
    assert [b.link_density for b in blocks] == [0.0, 0.0, 1.0, 1.0]


def test_utf8_bytes_win_over_a_wrong_meta_charset():
    html = "<html><head><meta charset='iso-8859-1'></head><body>Zoë Brandão</body></html>".encode()
    assert "Zoë Brandão" in decode_html(html)
    assert "Zoë" in decode_html("<p>Zoë</p>".encode("latin-1"), "text/html; charset=iso-8859-1")


def test_furniture_named_story_container_is_still_the_body():
    html = page(
        "<header class='site-header'><a href='/'>Home</a></header>"
        "<div class='sidebar-grid'><div class='sidebar-grid__content'><h1>Council budget</h1>"
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + "</div><aside class='related'><h3><a href='/a'>Another story</a></h3></aside></div>"
    )
    article = newsingest.extract(html, "https://e.x/news/budget")
    assert article.paragraphs == tuple(p.strip() for p in PROSE)


def test_comments_longer_than_the_story_are_not_the_story():
    comments = "".join(f"<li class='comment'><p>{p * 2}</p></li>" for p in PROSE * 3)
    html = page(
        "<article><h1>Council budget</h1>"
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + f"</article><section id='comments'><ul>{comments}</ul></section>"
    )
    article = newsingest.extract(html, "https://e.x/news/budget")
    assert article.paragraphs == tuple(p.strip() for p in PROSE)


def test_a_bold_subhead_after_prose_is_not_a_signature():
    paragraphs = [PROSE[0], "<strong>Library Hours</strong>", PROSE[1], PROSE[2]]
    html = page("<article><h1>Council budget</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article>")
    article = newsingest.extract(html, "https://e.x/news/budget")
    assert article.authors == ()
    assert "Library Hours" in article.paragraphs

    signed = page("<article><h1>Council budget</h1><p><b>Jane Doe</b></p>" + "".join(f"<p>{p}</p>" for p in PROSE))
    article = newsingest.extract(signed, "https://e.x/news/budget")
    assert article.authors == ("Jane Doe",) and article.sources["authors"] == "signature"
    assert article.paragraphs == tuple(p.strip() for p in PROSE)


def test_sources_are_recorded_per_field():
    head = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
        '"headline":"Council budget","datePublished":"2026-01-05T10:00:00+01:00",'
        '"author":{"@type":"Person","name":"Jane Doe"}}</script>'
        '<meta property="og:title" content="Council budget | Courier">'
    )
    article = newsingest.extract(
        page("<h1>Council budget</h1>" + "".join(f"<p>{p}</p>" for p in PROSE), head), "https://e.x/news/budget"
    )
    assert article.sources["headline"] == "jsonld" and article.sources["authors"] == "jsonld"
    assert article.sources["paragraphs"] == "text"
    assert article.published_raw == "2026-01-05T10:00:00+01:00"


def test_empty_and_listing_pages_are_not_articles():
    with pytest.raises(newsingest.NotAnArticle) as info:
        newsingest.extract(page("<h1>Hello</h1><p>Short.</p>"), "https://e.x/hello")
    assert info.value.reason == "empty body"
    with pytest.raises(newsingest.NotAnArticle) as info:
        newsingest.extract(page("<h1>Energy</h1>" + "".join(f"<p>{p}</p>" for p in PROSE)), "https://e.x/tag/energy/")
    assert info.value.reason == "tag page"
    with pytest.raises(newsingest.ExtractionError):
        newsingest.extract(b"   ", "https://e.x/blank")
