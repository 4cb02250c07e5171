"""A floor under extraction quality on the development set, so a change that hurts it fails CI.

The figures themselves are printed by ../shared/devset/score.py; this only pins the floors.
"""

from __future__ import annotations

import importlib.util
import statistics

import pytest
from conftest import SHARED

import newsingest

SCORE = SHARED / "devset" / "score.py"
FLOORS = {"body_f1": 0.95, "headline": 0.90, "published_day": 0.95, "authors_f1": 0.85}
pytestmark = pytest.mark.skipif(not SCORE.exists(), reason="../shared/devset is not available")


def test_devset_scores_stay_above_the_floors():
    spec = importlib.util.spec_from_file_location("devset_score", SCORE)
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)

    pairs, headlines, days, authors, errors = [], [], [], [], []
    for page in score.load_pages():
        try:
            got = newsingest.extract(page["html"], page["url"])
        except Exception as exc:
            errors.append(f"{page['file']}: {exc}")
            continue
        pairs.append((page["body"], got.body))
        headlines.append(score.token_f1(page["headline"], got.headline) >= 0.8)
        days.append(score.date_match(page["published"], got.published)[1])
        authors.append(score.authors_f1(page["authors"], got.authors))

    figures = {
        "body_f1": score.body_score(pairs)["f1"],
        "headline": statistics.mean(headlines),
        "published_day": statistics.mean(days),
        "authors_f1": statistics.mean(authors),
    }
    assert errors == []
    assert {k: round(v, 3) for k, v in figures.items() if v < FLOORS[k]} == {}
