"""Dedupe: the near-duplicate threshold on the dev set, and the cost of the dedupe lookup as the database grows.

Dev set: every page extracted, then (1) the exact shingle similarity of the closest pair of different
pages (different URLs), against the threshold; (2) the pages saved into a fresh store, counting any
marked as a copy of another (false positives); (3) for scale, the similarity a 5% word edit keeps.

Scale: databases of synthetic articles (Zipf-distributed words, as in prose, so common phrases recur)
built with the real schema, then, per probe article, the whole dedupe decision the store makes on
save: address lookup, exact body hash, MinHash and LSH candidates, and the exact check of each
candidate. Probes are 90% new bodies and 10% light edits of stored ones. Prints the median and p95
per size, their ratio, and the database size per article.

    python benchmarks/dedupe.py                       # dev set, then 1,000 and 1,000,000 articles
    python benchmarks/dedupe.py --sizes 1000,100000   # quicker
    python benchmarks/dedupe.py --skip-devset
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from newsingest.dedupe import NEAR_DUPLICATE, band_keys, shingles, similarity
from newsingest.store import Store
from newsingest.store.identity import Body, stored_address, stored_original
from newsingest.store.rows import fingerprint
from newsingest.urls import url_key

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"
VOCABULARY = 20_000
WORDS_PER_BODY = 90
PROBES = 500
CHUNK = 20_000


def devset() -> None:
    from newsingest import extract
    from newsingest.normalize import normalize_article

    articles = []
    for line in (DEVSET / "pages.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        html = gzip.decompress((DEVSET / "pages" / row["file"]).read_bytes())
        try:
            articles.append((row["file"], row["url"], normalize_article(extract(html, row["url"]))))
        except Exception as exc:
            print(f"  {row['file']}: {exc}", file=sys.stderr)
    sets = [(name, url, shingles(a.body)) for name, url, a in articles]
    closest = max(
        (similarity(a, b), na, nb) for (na, ua, a), (nb, ub, b) in itertools.combinations(sets, 2) if ua != ub
    )
    same_url = sum(1 for (_, ua, _), (_, ub, _) in itertools.combinations(sets, 2) if ua == ub)
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "devset.db", batch_size=500) as store:
        statuses = [store.save(a) for _, _, a in articles]
    rnd = random.Random(5)
    kept = []
    for _, _, a in articles:
        words = a.body.split()
        if len(words) < 100:
            continue
        for i in rnd.sample(range(len(words)), len(words) // 20):
            words[i] = words[i] + "x"
        kept.append(similarity(shingles(a.body), shingles(" ".join(words))))
    print(f"dev set pages                    {len(articles)}  (pairs with the same URL: {same_url})")
    print(f"closest different pair           {closest[0]:.3f}  {closest[1]} / {closest[2]}")
    print(f"threshold                        {NEAR_DUPLICATE}")
    print(f"marked duplicate (false pos.)    {statuses.count('duplicate')}")
    print(f"5% word edit keeps, min/median   {min(kept):.3f} / {statistics.median(kept):.3f}")


def synthetic_bodies(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    words = [f"w{i}" for i in range(VOCABULARY)]
    weights = [1 / (rank + 1) for rank in range(VOCABULARY)]
    return [" ".join(rnd.choices(words, weights, k=WORDS_PER_BODY)) for _ in range(count)]


def _rows(start: int, count: int) -> list[tuple[tuple, list[tuple], list[tuple]]]:
    out = []
    for offset, body in enumerate(synthetic_bodies(start, count)):
        n = start + offset
        url = f"https://site{n % 500}.example/news/{n}/story-{n}/"
        article = (url, url, f"site{n % 500}.example", f"Story {n}", body, json.dumps([body]), fingerprint_of(body))
        keys = [(url_key(url), url)]
        near = [(key, url) for key in band_keys(shingles(body))]
        out.append((article, keys, near))
    return out


def fingerprint_of(body: str) -> str:
    from newsingest.models import Article

    return fingerprint(Article(url="", canonical_url="", headline="", body=body, paragraphs=()))


def build(path: Path, size: int) -> None:
    """A database of `size` synthetic articles with the real schema; full-text index rebuilt at the end."""
    Store(path).close()
    import sqlite3

    conn = sqlite3.connect(path)
    # Index the full text once at the end rather than row by row: the same index, built faster.
    (trigger,) = conn.execute(
        "select sql from sqlite_master where type = 'trigger' and name = 'articles_ai'"
    ).fetchone()
    conn.execute("drop trigger articles_ai")
    now = "2026-01-01T00:00:00+00:00"
    starts = list(range(0, size, CHUNK))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for done, rows in enumerate(pool.map(_rows, starts, [min(CHUNK, size - s) for s in starts]), start=1):
            with conn:
                conn.executemany(
                    "insert into articles (canonical_url, url, site, headline, body, paragraphs, fingerprint, "
                    f"first_seen, last_seen) values (?, ?, ?, ?, ?, ?, ?, '{now}', '{now}')",
                    [r[0] for r in rows],
                )
                conn.executemany("insert into article_urls values (?, ?)", [k for r in rows for k in r[1]])
                conn.executemany("insert or ignore into near_keys values (?, ?)", [k for r in rows for k in r[2]])
            print(f"  built {min(done * CHUNK, size):,} of {size:,}", file=sys.stderr, end="\r")
    with conn:
        conn.execute("insert into articles_fts(articles_fts) values ('rebuild')")
        conn.execute(trigger)
    conn.execute("vacuum")
    conn.close()


def probe(path: Path, size: int) -> list[float]:
    fresh = synthetic_bodies(10_000_019, PROBES * 9 // 10)
    stored = synthetic_bodies(0, min(size, CHUNK))[: PROBES // 10]
    rnd = random.Random(3)
    edits = []
    for body in stored:
        words = body.split()
        for i in rnd.sample(range(len(words)), len(words) // 20):
            words[i] = "edited"
        edits.append(" ".join(words))
    times = []
    with Store(path, readonly=True) as store:
        for n, body in enumerate(fresh + edits):
            url = f"https://probe.example/news/{n}/"
            start = time.perf_counter()
            stored_address(store.db, {url_key(url)})
            stored_original(store.db, url, Body(body, fingerprint_of(body)), {})
            times.append((time.perf_counter() - start) * 1000)
    return times


def scale(sizes: list[int]) -> None:
    results = {}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as folder:
        for size in sizes:
            path = Path(folder) / f"bench-{size}.db"
            started = time.perf_counter()
            build(path, size)
            built = time.perf_counter() - started
            probe(path, size)  # once to warm the page cache, as a running crawl would have it
            times = probe(path, size)
            results[size] = statistics.median(times)
            per_article = path.stat().st_size / size
            print(
                f"{size:>9,} articles   lookup median {statistics.median(times):.2f} ms   "
                f"p95 {statistics.quantiles(times, n=20)[-1]:.2f} ms   "
                f"{per_article / 1024:.1f} KiB per article   (built in {built:.0f} s)"
            )
            path.unlink()
    if len(results) > 1:
        small, large = results[min(results)], results[max(results)]
        print(f"largest / smallest median        {large / small:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,1000000", help="comma-separated database sizes")
    parser.add_argument("--skip-devset", action="store_true")
    args = parser.parse_args()
    if not args.skip_devset and (DEVSET / "pages.jsonl").exists():
        devset()
    scale([int(s) for s in args.sizes.split(",")])
    return 0


if __name__ == "__main__":
    sys.exit(main())
