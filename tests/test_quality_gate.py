"""Floors under quality on the development set, so a change that hurts it fails CI.

The figures themselves are printed by ../shared/devset/score.py and the benchmarks; this only pins floors.
"""

from __future__ import annotations

import importlib.util
import statistics
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import SHARED

import newsingest
from newsingest.normalize import normalize_article
from newsingest.store import Store

SCORE = SHARED / "devset" / "score.py"
FLOORS = {"body_f1": 0.95, "headline": 0.90, "published_day": 0.98, "published_exact": 0.90, "authors_f1": 0.85}
pytestmark = pytest.mark.skipif(not SCORE.exists(), reason="../shared/devset is not available")


@pytest.fixture(scope="module")
def score() -> ModuleType:
    spec = importlib.util.spec_from_file_location("devset_score", SCORE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def extracted(score: ModuleType) -> list[tuple[dict[str, Any], Any]]:
    """Every dev-set page with what extraction made of it (the exception, when it failed)."""
    out = []
    for page in score.load_pages():
        try:
            out.append((page, newsingest.extract(page["html"], page["url"])))
        except Exception as exc:
            out.append((page, exc))
    return out


def test_devset_scores_stay_above_the_floors(score, extracted):
    errors = [f"{page['file']}: {got}" for page, got in extracted if isinstance(got, Exception)]
    done = [(page, got) for page, got in extracted if not isinstance(got, Exception)]
    figures = {
        "body_f1": score.body_score([(page["body"], got.body) for page, got in done])["f1"],
        "headline": statistics.mean(score.token_f1(page["headline"], got.headline) >= 0.8 for page, got in done),
        "published_day": statistics.mean(score.date_match(page["published"], got.published)[1] for page, got in done),
        "published_exact": statistics.mean(score.date_match(page["published"], got.published)[0] for page, got in done),
        "authors_f1": statistics.mean(score.authors_f1(page["authors"], got.authors) for page, got in done),
    }
    assert errors == []
    assert {k: round(v, 3) for k, v in figures.items() if v < FLOORS[k]} == {}


def test_no_two_different_devset_pages_are_marked_duplicates(extracted, tmp_path: Path):
    with Store(tmp_path / "devset.db", batch_size=500) as store:
        statuses = [store.save(normalize_article(got)) for _, got in extracted if not isinstance(got, Exception)]
    assert "duplicate" not in statuses
    # The dev set holds one page twice (the same URL crawled a year apart): that is one story, one row.
    assert statuses.count("new") == len({page["url"] for page, got in extracted if not isinstance(got, Exception)})
