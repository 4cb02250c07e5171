"""Which generic sources earn their place: the dev set scored with and without each.

Prints body F1, headline, published-day and authors figures (the dev set's own metrics) for
  ours          the structural body analysis alone
  trafilatura   trafilatura's text as the body, its title, date and authors
  combined      what newsingest.extract does: ours, with trafilatura confirming short blocks
and, for dates, what htmldate would add on the pages where newsingest finds no date.

    python benchmarks/extraction_sources.py        (needs ../shared/devset)
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from pathlib import Path

import trafilatura

import newsingest

# The package re-exports the function `extract`, which hides the module of the same name.
extract_module = sys.modules["newsingest.extraction"]
SCORE = Path(__file__).resolve().parents[2] / "shared" / "devset" / "score.py"


def load_score():
    spec = importlib.util.spec_from_file_location("devset_score", SCORE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def figures(score, rows):
    return {
        "body_f1": score.body_score([(r["true"], r["body"]) for r in rows])["f1"],
        "headline": statistics.mean(score.token_f1(r["true_headline"], r["headline"]) >= 0.8 for r in rows),
        "published_day": statistics.mean(score.date_match(r["true_date"], r["date"])[1] for r in rows),
        "authors_f1": statistics.mean(score.authors_f1(r["true_authors"], r["authors"]) for r in rows),
        "ms_median": statistics.median(r["ms"] for r in rows),
    }


def run_newsingest(page, *, second_opinion: bool):
    original = extract_module.trafilatura_text
    if not second_opinion:
        extract_module.trafilatura_text = lambda html, url: None
    try:
        t0 = time.perf_counter()
        try:
            got = newsingest.extract(page["html"], page["url"])
            out = {"body": got.body, "headline": got.headline, "date": got.published, "authors": list(got.authors)}
        except newsingest.ExtractionError:
            out = {"body": "", "headline": "", "date": None, "authors": []}
        out["ms"] = 1000 * (time.perf_counter() - t0)
    finally:
        extract_module.trafilatura_text = original
    return out


def run_trafilatura(page):
    t0 = time.perf_counter()
    doc = trafilatura.bare_extraction(page["html"], url=page["url"], with_metadata=True)
    ms = 1000 * (time.perf_counter() - t0)
    if doc is None:
        return {"body": "", "headline": "", "date": None, "authors": [], "ms": ms}
    data = doc.as_dict()
    return {
        "body": (data.get("text") or "").replace("\n", "\n\n"),
        "headline": data.get("title") or "",
        "date": data.get("date"),
        "authors": [a.strip() for a in (data.get("author") or "").split(";") if a.strip()],
        "ms": ms,
    }


def main() -> None:
    score = load_score()
    pages = list(score.load_pages())
    results = {"ours": [], "trafilatura": [], "combined": []}
    htmldate_gain = 0
    from htmldate import find_date

    for page in pages:
        truth = {
            "true": page["body"],
            "true_headline": page["headline"],
            "true_date": page["published"],
            "true_authors": page["authors"],
        }
        results["ours"].append({**truth, **run_newsingest(page, second_opinion=False)})
        results["combined"].append({**truth, **run_newsingest(page, second_opinion=True)})
        results["trafilatura"].append({**truth, **run_trafilatura(page)})
        if results["combined"][-1]["date"] is None:
            guess = find_date(page["html"], original_date=True)
            htmldate_gain += score.date_match(page["published"], guess)[1]
    print(f"{len(pages)} dev-set pages")
    print(f"{'':<12} {'body_f1':>8} {'headline':>9} {'pub_day':>8} {'authors':>8} {'ms/page':>8}")
    for name, rows in results.items():
        f = figures(score, rows)
        print(
            f"{name:<12} {f['body_f1']:8.3f} {f['headline']:9.3f} {f['published_day']:8.3f} "
            f"{f['authors_f1']:8.3f} {f['ms_median']:8.1f}"
        )
    undated = sum(r["date"] is None for r in results["combined"])
    print(f"htmldate as a last date source: {undated} undated pages, it would date {htmldate_gain} of them correctly")


if __name__ == "__main__":
    main()
