"""Search latency on a database of realistic size: prints figures, asserts nothing.

Builds (once, under /tmp) a store of N articles whose text is assembled from the demo site's
paragraphs, then times `Store.search` for one-word, phrase and filtered queries.

    python benchmarks/search_speed.py [--articles 20000] [--db /tmp/newsingest-bench.db]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import time
from pathlib import Path

from newsingest.models import Article
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
    rng = random.Random(7)
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    with Store(db, batch_size=500) as store:
        for i in range(count):
            source = demo[i % len(demo)]
            body = tuple(rng.sample(paragraphs, 8))
            url = f"https://site{i % 10}.example/news/{i}/"
            store.save(
                Article(
                    url=url,
                    canonical_url=url,
                    headline=f"{source['headline']} ({i})",
                    body="\n\n".join(body),
                    paragraphs=body,
                    published=start + dt.timedelta(minutes=37 * i),
                    authors=tuple(source["authors"]),
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsingest-bench.db"))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    if not args.db.exists():
        t0 = time.perf_counter()
        build(args.db, args.articles)
        print(f"built {args.db} with {args.articles} articles in {time.perf_counter() - t0:.1f} s")
    with Store(args.db, readonly=True) as store:
        print(f"{store.count('articles')} articles, {args.db.stat().st_size / 1e6:.0f} MB")
        for label, query, filters in QUERIES:
            times, hits = [], 0
            for _ in range(args.runs):
                t0 = time.perf_counter()
                hits = len(store.search(query, limit=20, **filters))
                times.append(1000 * (time.perf_counter() - t0))
            print(
                f"{label:<22} {query!r:<20} median {statistics.median(times):7.2f} ms"
                f"  max {max(times):7.2f} ms  ({hits} hits shown)"
            )


if __name__ == "__main__":
    main()
