"""Publication dates on the dev-set pages: how often they are right, and what finding them costs. Prints figures.

Quality: the share of pages whose published date is the true instant (within 60 s, wall time when
either side has no zone) and the true day, as ../shared/devset/score.py counts them, and which
source won. Speed: per page, the time to find the published and modified dates (JSON-LD, meta,
<time>, byline, URL, htmldate as a last resort), normalise them, and find the page's display zone
when a time lacks one, with the parse cache emptied before each page so no page profits from the
one before. Parsing the HTML, JSON-LD and meta tags is shared with every other field and not
counted. Sidebar links with their dates are timed separately.

    python benchmarks/dates.py [--show N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import newsingest.dates as dates
from newsingest.dates import DateReader, date_order_for, language_codes
from newsingest.extraction.dating import DateFinder, dated_in_zone, has_wall_time
from newsingest.extraction.generic import find_headline_element, story_region
from newsingest.extraction.jsonld import extract_jsonld
from newsingest.extraction.meta import extract_meta
from newsingest.extraction.page import Page
from newsingest.extraction.sidebars import extract_links

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"


def pages():
    for line in (DEVSET / "pages.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        row["html"] = gzip.decompress((DEVSET / "pages" / row["file"]).read_bytes())
        yield row


def as_instant(value):
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def matches(true, got) -> tuple[bool, bool]:
    t, p = as_instant(true), as_instant(got)
    if t is None or p is None:
        return False, False
    if t.tzinfo and p.tzinfo:
        return abs((t - p).total_seconds()) <= 60, p.astimezone(t.tzinfo).date() == t.date()
    return abs((t.replace(tzinfo=None) - p.replace(tzinfo=None)).total_seconds()) <= 60, t.date() == p.date()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", type=int, default=0, metavar="N", help="list N pages whose date is not exact")
    args = parser.parse_args()
    if not (DEVSET / "pages.jsonl").exists():
        print(f"no dev set at {DEVSET}", file=sys.stderr)
        return 1

    costs, sidebar_costs, exact, day, sources, wrong = [], [], [], [], Counter(), []
    for row in pages():
        page = Page(row["html"], row["url"])
        jsonld, meta = extract_jsonld(page), extract_meta(page)
        headline_el = find_headline_element(page, jsonld.get("headline") or meta.get("headline"))
        languages = language_codes(jsonld.get("language"), page.lang, meta.get("language"))
        order = date_order_for(jsonld.get("language"), page.lang, meta.get("language"))
        reader = DateReader(languages, None, order, None)

        dates._read.cache_clear()
        start = time.perf_counter()
        finder = DateFinder(page, headline_el, reader, selectors={}, jsonld=jsonld, meta=meta)
        published, modified = finder.published, finder.modified
        if any(has_wall_time(when.value) for when in (published, modified) if when) and finder.zone:
            published = dated_in_zone(published, finder.zone)
        costs.append((time.perf_counter() - start) * 1000)

        dates._read.cache_clear()
        start = time.perf_counter()
        extract_links(page, "", story_region(headline_el), reader)
        sidebar_costs.append((time.perf_counter() - start) * 1000)

        value = published.value if published else None
        is_exact, is_day = matches(row["published"], value)
        exact.append(is_exact)
        day.append(is_day)
        sources[published.source if published else "none"] += 1
        if not is_exact:
            wrong.append((row["file"], value, published.raw if published else None, row["published"]))

    print(f"pages                 {len(costs)}")
    print(f"published_exact       {statistics.mean(exact):.3f}")
    print(f"published_day         {statistics.mean(day):.3f}")
    print(f"sources               {', '.join(f'{name} {count}' for name, count in sources.most_common())}")
    print(f"dates ms median       {statistics.median(costs):.2f}")
    print(f"dates ms p90          {statistics.quantiles(costs, n=10)[-1]:.2f}")
    print(f"dates ms mean         {statistics.mean(costs):.2f}")
    print(f"sidebar ms median     {statistics.median(sidebar_costs):.2f}  (links with their dates)")
    for name, got, raw, want in wrong[: args.show]:
        print(f"  {name}: got {got} from {raw!r}, want {want}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
