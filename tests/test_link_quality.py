"""A floor under sidebar-link extraction on our labelled templates; benchmarks/links.py prints the figures."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "links.py"


def test_labelled_link_templates_stay_above_the_floor():
    spec = importlib.util.spec_from_file_location("link_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)

    figures = benchmark.quality(sets=("links",))
    assert figures["pages"] >= 15
    assert figures["precision"] >= 0.95, figures
    assert figures["recall"] >= 0.95, figures
