"""A floor under quote extraction quality on our labelled sets; the figures are printed by benchmarks/quotes.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "quotes.py"


def test_labelled_quotes_stay_above_the_floors():
    spec = importlib.util.spec_from_file_location("quote_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)

    figures = benchmark.quality(sets=("quotes", "demo"))
    assert figures["articles"] >= 25 + 44
    assert figures["f1"] >= 0.95, figures
    assert figures["speaker_accuracy"] >= 0.90, figures
