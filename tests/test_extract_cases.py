"""extract() against hand-written pages: one folder per case under fixtures/extract/.

Each folder holds `page.html`, `meta.json` (url, fetched, note) and `expected.json`: either
{"not_article": true, "reason"?: ...} or headline, paragraphs, published and authors as a reader
of the page would give them. Adding a case is adding a folder.

`published` compares as an instant when the expected value has an offset, as a day when it is a
bare date, and as the wall-clock time shown on the page when the page gives a time but no zone.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from newsingest import NotAnArticle, extract

CASES_DIR = Path(__file__).parent / "fixtures" / "extract"
CASES = sorted(path for path in CASES_DIR.iterdir() if (path / "page.html").is_file())


def _load(case: Path, name: str) -> dict[str, Any]:
    return json.loads((case / name).read_text(encoding="utf-8"))


def _published_matches(expected: str | None, got: dt.date | None) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    if "T" not in expected:
        return not isinstance(got, dt.datetime) and got == dt.date.fromisoformat(expected)
    if not isinstance(got, dt.datetime):
        return False
    want = dt.datetime.fromisoformat(expected)
    if want.tzinfo is None:
        return got.replace(tzinfo=None) == want
    return got.tzinfo is not None and got == want


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_extract_case(case: Path) -> None:
    meta = _load(case, "meta.json")
    expected = _load(case, "expected.json")
    html = (case / "page.html").read_bytes()
    fetched = dt.datetime.fromisoformat(meta["fetched"]) if meta.get("fetched") else None

    if expected.get("not_article"):
        with pytest.raises(NotAnArticle) as raised:
            extract(html, meta["url"], fetched=fetched)
        if "reason" in expected:
            assert raised.value.reason == expected["reason"]
        return

    article = extract(html, meta["url"], fetched=fetched)
    got = {
        "headline": article.headline,
        "paragraphs": list(article.paragraphs),
        "published": article.published.isoformat() if article.published else None,
        "authors": list(article.authors),
    }
    want = {key: expected[key] for key in got}
    wrong = {key for key in ("headline", "paragraphs", "authors") if got[key] != want[key]}
    if not _published_matches(want["published"], article.published):
        wrong.add("published")
    assert not wrong, "\n".join(_explain(key, want[key], got[key]) for key in sorted(wrong))


def _explain(key: str, want: Any, got: Any) -> str:
    if key != "paragraphs":
        return f"{key}: expected {want!r}, got {got!r}"
    diff = difflib.unified_diff(want, got, "expected", "got", lineterm="", n=1)
    return "paragraphs:\n" + "\n".join(line[:160] for line in diff)
