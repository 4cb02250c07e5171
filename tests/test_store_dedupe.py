"""One row per story: every spelling of its address, copies marked `duplicate_of`, earlier versions kept."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsingest.dedupe import NEAR_DUPLICATE, shingles, similarity
from newsingest.models import Article
from newsingest.store import Store

FERRY = (
    "The island ferry will run twice as often from the first week of June, the transport board said on Tuesday, "
    "after a winter in which passengers were left on the quay on eleven separate days.\n\n"
    "The board has leased a second vessel from a operator on the mainland for three summers. It carries 240 "
    "passengers and twenty cars, slightly fewer than the ship already in service, and will sail the southern "
    "route through the sound when the wind allows.\n\n"
    "Residents of the outer islands had asked for more crossings for years. The harbour master said the quay "
    "at Norwick would need new fenders before the larger boat could berth there, work that is due to finish "
    "in May.\n\n"
    "Fares will not change this year. A review of the timetable is planned for the autumn, when the board "
    "will count how many people used the extra sailings and decide whether to keep them through the winter."
)
LIBRARY = (
    "The town library will open on Sundays from next month, the council decided on Monday evening, after a "
    "petition signed by more than nine hundred residents asked for longer hours.\n\n"
    "Volunteers from the reading circle will staff the front desk on Sunday afternoons, while two librarians "
    "share the remaining shifts. The extra hours will cost about eighteen thousand crowns a year.\n\n"
    "The reading room on the first floor, closed since the roof leaked in February, reopens at the same time "
    "with new shelving and a corner for homework clubs.\n\n"
    "Councillors said they would look at the visitor numbers in a year before deciding whether Sunday opening "
    "becomes permanent."
)
# The same ferry story, a week later: a different article on the same subject.
FERRY_FOLLOW_UP = (
    "The second ferry leased by the transport board arrived in Norwick on Saturday, a week ahead of the new "
    "timetable, and will spend the coming days on trial runs through the sound.\n\n"
    "Its crew of nine came with the ship from the mainland operator. The harbour master said the new fenders "
    "on the quay had been fitted on Thursday and that the berth was ready.\n\n"
    "Islanders who gathered to watch the ship come in said they hoped the extra sailings would end the days "
    "of waiting on the quay. The board will publish the summer timetable on its website on Monday."
)


def article(url: str, body: str, *, headline: str = "Ferry to run twice as often", **fields: Any) -> Article:
    return Article(
        url=fields.pop("fetched_url", url),
        canonical_url=url,
        headline=headline,
        body=body,
        paragraphs=tuple(body.split("\n\n")),
        **fields,
    )


def edit(body: str, share: float) -> str:
    """The body with every n-th word replaced, `share` of its words in all (a light copy-edit)."""
    words = body.split(" ")
    step = round(1 / share)
    return " ".join(f"{w}x" if i % step == step // 2 else w for i, w in enumerate(words))


def rows(path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "news.db"


ORIGINAL = "https://www.courier.example/news/2026/06/02/ferry-to-run-twice-as-often/"


@pytest.mark.parametrize(
    "variant",
    [
        ORIGINAL + "?utm_source=newsletter&utm_medium=email",
        ORIGINAL + "amp/",
        "https://www.courier.example/amp/news/2026/06/02/ferry-to-run-twice-as-often/",
        ORIGINAL + "?print=1",
        ORIGINAL + "?outputType=amp",
        "https://m.courier.example/news/2026/06/02/ferry-to-run-twice-as-often/",
        "http://courier.example/news/2026/06/02/ferry-to-run-twice-as-often",
    ],
)
def test_every_spelling_of_the_address_is_the_story_s_one_row(db_path, variant):
    with Store(db_path) as store:
        assert store.save(article(ORIGINAL, FERRY)) == "new"
        store.flush()
        # Fetched under the variant, with no rel=canonical to say otherwise.
        assert store.save(article(variant, FERRY)) == "unchanged"
        assert store.has_address(variant)
    assert rows(db_path, "select canonical_url from articles") == [(ORIGINAL,)]


def test_a_variant_seen_first_in_the_same_batch_is_one_row_too(db_path):
    with Store(db_path, batch_size=100) as store:
        store.save(article(ORIGINAL + "amp/", FERRY))
        assert store.save(article(ORIGINAL, FERRY, tags=("ferries",))) == "updated"
    assert rows(db_path, "select count(*), max(tags) from articles") == [(1, '["ferries"]')]


def test_a_syndicated_copy_elsewhere_is_its_own_row_marked_duplicate(db_path):
    copy = "https://valleywire.example/regional/island-ferry-sailings-double/"
    with Store(db_path) as store:
        store.save(article(ORIGINAL, FERRY))
        store.flush()
        syndicated = FERRY + "\n\nThis story first appeared in the Courier."
        assert store.save(article(copy, syndicated, headline="Island ferry sailings to double")) == "duplicate"
        assert store.save(article("https://valleywire.example/local/library-sundays/", LIBRARY)) == "new"
    assert rows(db_path, "select canonical_url, duplicate_of from articles order by first_seen, rowid") == [
        (ORIGINAL, None),
        (copy, ORIGINAL),
        ("https://valleywire.example/local/library-sundays/", None),
    ]


def test_a_copy_with_five_percent_of_words_changed_is_a_duplicate(db_path):
    edited = edit(FERRY, 0.05)
    changed = sum(a != b for a, b in zip(FERRY.split(" "), edited.split(" "), strict=True))
    assert changed / len(FERRY.split()) >= 0.04
    assert similarity(shingles(FERRY), shingles(edited)) >= NEAR_DUPLICATE
    copy = "https://www.courier.example/news/2026/06/03/ferry-sailings-double-from-june/"
    with Store(db_path) as store:
        store.save(article(ORIGINAL, FERRY))
        store.flush()
        assert store.save(article(copy, edited)) == "duplicate"
    assert rows(db_path, "select duplicate_of from articles where canonical_url = ?", copy) == [(ORIGINAL,)]


def test_different_stories_on_one_subject_are_not_duplicates(db_path):
    assert similarity(shingles(FERRY), shingles(FERRY_FOLLOW_UP)) < 0.1
    with Store(db_path) as store:
        store.save(article(ORIGINAL, FERRY))
        store.flush()
        follow_up = "https://www.courier.example/news/2026/06/09/second-ferry-arrives/"
        assert store.save(article(follow_up, FERRY_FOLLOW_UP, headline="Second ferry arrives")) == "new"
    assert rows(db_path, "select count(*) from articles where duplicate_of is not null") == [(0,)]


@pytest.mark.parametrize("batch_size", [1, 100])
def test_the_first_published_is_the_original_whatever_the_order_found(db_path, batch_size):
    import datetime as dt

    copy = "https://valleywire.example/ferry/"
    third = "https://b.example/ferry/"
    with Store(db_path, batch_size=batch_size) as store:
        store.save(article(copy, FERRY, published=dt.date(2026, 6, 3)))
        store.save(article(third, edit(FERRY, 0.05), published=dt.date(2026, 6, 4)))
        assert store.save(article(ORIGINAL, FERRY, published=dt.date(2026, 6, 2))) == "new"
    assert rows(db_path, "select canonical_url, duplicate_of from articles order by canonical_url") == [
        (third, ORIGINAL),
        (copy, ORIGINAL),
        (ORIGINAL, None),
    ]


def test_a_copy_of_a_copy_names_the_first_story(db_path):
    with Store(db_path, batch_size=100) as store:  # all three wait in one batch
        store.save(article(ORIGINAL, FERRY))
        store.save(article("https://a.example/ferry/", edit(FERRY, 0.05)))
        store.save(article("https://b.example/ferry/", edit(edit(FERRY, 0.05), 0.04)))
    assert rows(db_path, "select canonical_url, duplicate_of from articles order by canonical_url") == [
        ("https://a.example/ferry/", ORIGINAL),
        ("https://b.example/ferry/", ORIGINAL),
        (ORIGINAL, None),
    ]


def test_a_changed_story_keeps_its_previous_version(db_path):
    with Store(db_path) as store:
        store.save(article(ORIGINAL, FERRY))
        store.flush()
        corrected = FERRY.replace("eleven separate days", "twelve separate days")
        assert store.save(article(ORIGINAL, corrected, headline="Ferry to sail twice as often")) == "updated"
    revisions = rows(db_path, "select headline, body, fetched, replaced from article_revisions")
    assert len(revisions) == 1
    headline, body, fetched, replaced = revisions[0]
    assert (headline, body) == ("Ferry to run twice as often", FERRY)
    assert fetched <= replaced
    assert rows(db_path, "select headline from articles") == [("Ferry to sail twice as often",)]


def test_unchanged_and_metadata_only_recrawls_add_no_revision(db_path):
    with Store(db_path) as store:
        store.save(article(ORIGINAL, FERRY))
        store.flush()
        assert store.save(article(ORIGINAL, FERRY)) == "unchanged"
        store.flush()
        assert store.save(article(ORIGINAL, FERRY, tags=("ferries",))) == "updated"
    assert rows(db_path, "select count(*) from article_revisions") == [(0,)]
    assert rows(db_path, "select count(*) from articles") == [(1,)]


def test_history_shows_versions_addresses_and_copies(db_path):
    with Store(db_path) as store:
        store.save(article(ORIGINAL, FERRY, fetched_url=ORIGINAL + "?utm_source=feed"))
        store.flush()
        store.save(article(ORIGINAL, FERRY.replace("Tuesday", "Wednesday")))
        store.save(article("https://valleywire.example/ferry/", FERRY))
        store.flush()
        history = store.history(ORIGINAL + "amp/")
        assert store.history("https://www.courier.example/nothing-here/") is None
    assert history is not None
    assert history.url == ORIGINAL
    assert [v.replaced is None for v in history.versions] == [False, True]
    assert [c.url for c in history.copies] == ["https://valleywire.example/ferry/"]
    assert history.addresses == ["courier.example/news/2026/06/02/ferry-to-run-twice-as-often"]


def test_search_and_quotes_hide_duplicates_unless_asked(db_path):
    with Store(db_path) as store:
        store.save(article(ORIGINAL, FERRY))
        store.save(article("https://valleywire.example/ferry/", FERRY))
        store.flush()
        assert [hit.url for hit in store.search("ferry")] == [ORIGINAL]
        assert len(store.search("ferry", include_duplicates=True)) == 2


def test_short_bodies_are_matched_exactly_only(db_path):
    brief = "Roadworks on the coast road end on Friday, the council said."
    other = "Roadworks on the coast road end on Monday, the council said."
    with Store(db_path) as store:
        store.save(article("https://a.example/brief-1/", brief))
        store.flush()
        assert store.save(article("https://a.example/brief-2/", other)) == "new"
        assert store.save(article("https://a.example/brief-3/", brief)) == "duplicate"


def test_a_body_change_moves_the_near_duplicate_keys(db_path):
    with Store(db_path) as store:
        store.save(article(ORIGINAL, FERRY))
        store.flush()
        store.save(article(ORIGINAL, LIBRARY))  # the page now carries another story
        store.flush()
        assert store.save(article("https://valleywire.example/ferry/", FERRY)) == "new"
        assert store.save(article("https://valleywire.example/library/", LIBRARY)) == "duplicate"


def test_article_fields_survive_the_identity_lookup():
    # The store may move an article to its stored row's URL; nothing else about it changes.
    a = article(ORIGINAL + "amp/", FERRY, tags=("x",))
    moved = dataclasses.replace(a, canonical_url=ORIGINAL)
    assert moved.tags == a.tags and moved.url == a.url


def test_an_original_edited_after_it_was_copied_stays_the_original(db_path):
    copy = "https://valleywire.example/ferry/"
    with Store(db_path) as store:
        store.save(article(ORIGINAL, FERRY))
        store.flush()
        assert store.save(article(copy, edit(FERRY, 0.05))) == "duplicate"
        store.flush()
        assert store.save(article(ORIGINAL, FERRY + "\n\nThe board meets again in July.")) == "updated"
        store.flush()
        assert [hit.url for hit in store.search("ferry")] == [ORIGINAL]
    assert rows(db_path, "select canonical_url, duplicate_of from articles order by canonical_url") == [
        (copy, ORIGINAL),
        (ORIGINAL, None),
    ]


def test_an_original_that_cannot_be_written_leaves_the_copies_as_they_were(db_path):
    import datetime as dt

    from newsingest.errors import StoreError

    with Store(db_path, batch_size=100) as store:
        store.save(article(ORIGINAL, FERRY, published=dt.date(2026, 6, 2)))
        store.flush()
        # Published a day earlier, so it would become the original; but one of its values cannot be stored.
        broken = article("https://earlier.example/ferry/", FERRY, published=dt.date(2026, 6, 1), image=object())
        store.save(broken)
        store.save(article("https://valleywire.example/library/", LIBRARY, headline="Library"))
        with pytest.raises(StoreError, match=r"earlier\.example"):
            store.flush()
        store.flush()  # the rest of the batch
        assert [hit.url for hit in store.search("ferry")] == [ORIGINAL]
    assert rows(db_path, "select canonical_url, duplicate_of from articles order by rowid") == [
        (ORIGINAL, None),
        ("https://valleywire.example/library/", None),
    ]
