"""Quote extraction quality on our labelled sets, and its cost on the dev-set pages. Prints figures.

Quality, over tests/fixtures/quotes/* and the demo site's articles:
  precision, recall, F1  by 4-token shingle overlap between extracted and expected quotation texts,
                         summed over articles (so how a quotation is split does not dominate);
  speaker accuracy       of the expected quotations found (half their shingles or more), the share
                         whose speaker is the expected one.
Speed: the median time of newsingest.extract per dev-set page with and without quote extraction.

    python benchmarks/quotes.py [--show]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import newsingest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
DEVSET = ROOT.parent / "shared" / "devset"
WORD = re.compile(r"\w+")
BASE = "http://127.0.0.1:8000"


def shingles(text: str, n: int = 4) -> Counter:
    tokens = [t.casefold() for t in WORD.findall(text)]
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def labelled_articles(sets: tuple[str, ...] = ("quotes", "demo")):
    """(name, html, url, expected quotes) for every labelled article of the named sets."""
    if "quotes" in sets:
        for folder in sorted((FIXTURES / "quotes").glob("*/")):
            expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
            yield folder.name, (folder / "page.html").read_bytes(), expected["url"], expected["quotes"]
    if "demo" in sets:
        demo = json.loads((FIXTURES / "demo_site" / "expected.json").read_text(encoding="utf-8"))
        for article in demo["articles"]:
            page = FIXTURES / "demo_site" / "site" / article["path"].strip("/") / "index.html"
            html = page.read_bytes().replace(b"{{BASE}}", BASE.encode())
            yield "demo" + article["path"], html, BASE + article["path"], article["quotes"]


def quality(show: bool = False, sets: tuple[str, ...] = ("quotes", "demo")) -> dict[str, float]:
    tp = fp = fn = 0
    matched = correct = articles = 0
    for name, html, url, expected in labelled_articles(sets):
        articles += 1
        got = newsingest.extract(html, url).quotes
        want = sum((shingles(q["text"]) for q in expected), Counter())
        have = sum((shingles(q.text) for q in got), Counter())
        tp += sum((want & have).values())
        fp += sum((have - want).values())
        fn += sum((want - have).values())
        for quote in expected:
            target = shingles(quote["text"])
            best = max(got, key=lambda q: sum((shingles(q.text) & target).values()), default=None)
            if best is None or sum((shingles(best.text) & target).values()) < sum(target.values()) / 2:
                if show:
                    print(f"  missed  {name}: {quote['text'][:70]!r}")
                continue
            matched += 1
            if (best.speaker or "").casefold() == (quote["speaker"] or "").casefold():
                correct += 1
            elif show:
                print(f"  speaker {name}: got {best.speaker!r} ({best.speaker_raw!r}) want {quote['speaker']!r}")
        if show:
            for quote in got:
                if not sum((shingles(quote.text) & want).values()):
                    print(f"  extra   {name}: {quote.text[:70]!r} ({quote.speaker})")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "articles": articles,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "speaker_accuracy": correct / matched if matched else 0.0,
    }


def speed() -> dict[str, float] | None:
    if not (DEVSET / "pages.jsonl").exists():
        return None
    pages = []
    for line in (DEVSET / "pages.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        pages.append((gzip.decompress((DEVSET / "pages" / row["file"]).read_bytes()), row["url"]))
    module = sys.modules["newsingest.extraction"]
    real = module.extract_quotes
    timings: dict[str, list[float]] = {"with": [], "without": [], "quotes alone": []}
    for html, url in pages:
        # Each variant twice, interleaved, keeping the faster run: less noise from the machine.
        best = {"with": float("inf"), "without": float("inf")}
        article = None
        for label, function in (("without", lambda *a, **k: ()), ("with", real)) * 2:
            module.extract_quotes = function
            start = time.perf_counter()
            try:
                article = newsingest.extract(html, url)
            except newsingest.ExtractionError:
                article = None
            finally:
                module.extract_quotes = real
            best[label] = min(best[label], 1000 * (time.perf_counter() - start))
        if article is None:
            continue
        for label, value in best.items():
            timings[label].append(value)
        start = time.perf_counter()
        real(article.paragraphs)
        timings["quotes alone"].append(1000 * (time.perf_counter() - start))
    return {label: statistics.median(values) for label, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="list missed, extra and mis-attributed quotations")
    args = parser.parse_args()
    print(f"{'labelled set':<28} {'articles':>8} {'precision':>9} {'recall':>7} {'F1':>6} {'speakers':>9}")
    for label, sets in (("tests/fixtures/quotes", ("quotes",)), ("demo site", ("demo",)), ("both", ("quotes", "demo"))):
        f = quality(args.show and label == "both", sets)
        print(
            f"{label:<28} {f['articles']:>8} {f['precision']:>9.3f} {f['recall']:>7.3f} {f['f1']:>6.3f} "
            f"{f['speaker_accuracy']:>9.3f}"
        )
    timing = speed()
    if timing:
        print(
            f"dev-set ms/page     with quotes {timing['with']:.1f}, without {timing['without']:.1f} (median); "
            f"quote extraction alone {timing['quotes alone']:.2f} ms median"
        )


if __name__ == "__main__":
    main()
