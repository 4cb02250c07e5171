"""Search latency and export memory on a database of realistic size: prints figures, asserts nothing.

Builds (once, under /tmp) a store of N articles (100,000 by default) written through `Store.save`,
whose text is assembled from the demo site's paragraphs, each with two quotes and five sidebar
links; then times `Store.search` for one-word, phrase, prefix and filtered queries (median and p95
over repeated runs), the whole `newsingest search` process for one word, and measures the peak
memory (max RSS) of `newsingest export --format jsonl` over the whole database.

    python benchmarks/search_speed.py [--articles 100000] [--db /tmp/newsingest-bench-100k.db]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from newsingest.models import Article, Link, Quote
from newsingest.store import Store

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent / "tests" / "fixtures" / "demo_site" / "expected.json"
QUERIES = [
    ("one word", "harbour", {}),
    ("phrase", '"interest rate"', {}),
    ("prefix", "elect*", {}),
    ("word + site + since", "minister", {"site": "site3.example", "since": dt.date(2024, 6, 1)}),
]


def build(db: Path, count: int) -> None:
    demo = json.loads(DEMO.read_text(encoding="utf-8"))["articles"]
    paragraphs = [p for a in demo for p in a["paragraphs"]]
    quotes = [q for a in demo for q in a["quotes"]]
    rng = random.Random(7)
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    with Store(db, batch_size=500) as store:
        for i in range(count):
            source = demo[i % len(demo)]
            body = tuple(rng.sample(paragraphs, 8))
            url = f"https://site{i % 10}.example/news/{i}/"
            said = [Quote(q["text"], q["speaker"], q["speaker"], q["cue"], 0) for q in rng.sample(quotes, 2)]
            listed = [
                Link(f"https://site{i % 10}.example/news/{i - n}/", f"Story {i - n}", None, None, "Latest news", n)
                for n in range(1, 6)
            ]
            store.save(
                Article(
                    url=url,
                    canonical_url=url,
                    headline=f"{source['headline']} ({i})",
                    body="\n\n".join(body),
                    paragraphs=body,
                    published=start + dt.timedelta(minutes=37 * i),
                    authors=tuple(source["authors"]),
                    quotes=tuple(said),
                    links=tuple(listed),
                )
            )
            if i and i % 10000 == 0:
                print(f"  built {i:,}", file=sys.stderr)


def process_time(*args: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newsingest", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def export_peak_memory(db: Path, *filters: str) -> tuple[float, float, float]:
    """(seconds, peak RSS in MB, output MB) of exporting the database (or part of it) as JSON lines."""
    out = db.with_suffix(".jsonl")
    t0 = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newsingest",
            "export",
            "--format",
            "jsonl",
            "--out",
            str(out),
            "--db",
            str(db),
            *filters,
        ],
        check=True,
        capture_output=True,
    )
    elapsed = time.perf_counter() - t0
    # ru_maxrss of the children waited for: the export is the largest of them all.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    size = out.stat().st_size / 1e6
    out.unlink()
    return elapsed, peak, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    db = args.db or Path(f"/tmp/newsingest-bench-{args.articles}.db")
    if not db.exists():
        t0 = time.perf_counter()
        build(db, args.articles)
        print(f"built {db} with {args.articles:,} articles in {time.perf_counter() - t0:.0f} s")
    with Store(db, readonly=True) as store:
        count = store.count("articles")
        print(f"{count:,} articles, {db.stat().st_size / 1e6:.0f} MB")
        for label, query, filters in QUERIES:
            store.search(query, limit=20, **filters)  # warm the page cache, as a long-lived process has it
            times, hits = [], 0
            for _ in range(args.runs):
                t0 = time.perf_counter()
                hits = len(store.search(query, limit=20, **filters))
                times.append(1000 * (time.perf_counter() - t0))
            p95 = statistics.quantiles(times, n=20)[-1]
            print(
                f"{label:<22} {query!r:<18} median {statistics.median(times):7.2f} ms  p95 {p95:7.2f} ms"
                f"  ({hits} hits shown)"
            )
    print(
        f"`newsingest search harbour`, whole process: median {process_time('search', 'harbour', '--db', str(db)):.2f} s"
    )
    # The first 1,000 articles alone (published every 37 minutes from 2024-01-01), then all of them:
    # the peak of the children so far is the larger of the two, so the small one goes first.
    _, small_peak, _ = export_peak_memory(db, "--until", "2024-01-26")
    print(f"`newsingest export --format jsonl --until 2024-01-26` (1,000 articles): peak RSS {small_peak:.0f} MB")
    elapsed, peak, size = export_peak_memory(db)
    print(f"`newsingest export --format jsonl`: {elapsed:.0f} s for {count:,} articles ({size:.0f} MB)")
    print(f"  peak memory (max RSS) {peak:.0f} MB")


if __name__ == "__main__":
    main()
