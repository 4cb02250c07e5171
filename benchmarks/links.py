"""Sidebar link extraction on our labelled pages: item precision and recall. Prints figures.

An item counts as right when its URL, title, date and list label all match the label written
for it (dates as instants, a day as a day); a looser figure by URL alone is printed beside it.
Sets: tests/fixtures/links/* (21 page templates) and the demo site's 44 articles.

    python benchmarks/links.py [--show]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import newsingest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
BASE = "http://127.0.0.1:8000"


def moment(value: str | None) -> object:
    if not value:
        return None
    return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)


def labelled_pages(sets: tuple[str, ...]):
    """(name, html, url, fetched, expected items as (url, title, published, section)) per labelled page."""
    if "links" in sets:
        for folder in sorted((FIXTURES / "links").glob("*/")):
            expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
            items = [(x["url"], x["title"], moment(x["published"]), x["section"]) for x in expected["links"]]
            fetched = dt.datetime.fromisoformat(expected["fetched"].replace("Z", "+00:00"))
            yield folder.name, (folder / "page.html").read_bytes(), expected["url"], fetched, items
    if "demo" in sets:
        demo = json.loads((FIXTURES / "demo_site" / "expected.json").read_text(encoding="utf-8"))
        for article in demo["articles"]:
            page = FIXTURES / "demo_site" / "site" / article["path"].strip("/") / "index.html"
            html = page.read_bytes().replace(b"{{BASE}}", BASE.encode())
            items = [(BASE + x["path"], x["title"], moment(x["published"]), x["section"]) for x in article["links"]]
            yield "demo" + article["path"], html, BASE + article["path"], None, items


def quality(show: bool = False, sets: tuple[str, ...] = ("links", "demo")) -> dict[str, float]:
    tp = fp = fn = url_tp = url_fp = url_fn = pages = 0
    for name, html, url, fetched, expected in labelled_pages(sets):
        pages += 1
        try:
            links = newsingest.extract(html, url, fetched=fetched).links
        except newsingest.ExtractionError:
            links = ()
        got = {(link.url, link.title, link.published, link.section) for link in links}
        want = set(expected)
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        got_urls = {(item[0], item[3]) for item in got}
        want_urls = {(item[0], item[3]) for item in want}
        url_tp += len(got_urls & want_urls)
        url_fp += len(got_urls - want_urls)
        url_fn += len(want_urls - got_urls)
        if show and got != want:
            print(f"  {name}")
            for item in sorted(got - want, key=str):
                print(f"    extra   {item}")
            for item in sorted(want - got, key=str):
                print(f"    missed  {item}")

    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    return {
        "pages": pages,
        "precision": ratio(tp, tp + fp),
        "recall": ratio(tp, tp + fn),
        "url_precision": ratio(url_tp, url_tp + url_fp),
        "url_recall": ratio(url_tp, url_tp + url_fn),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="list the items that differ, page by page")
    args = parser.parse_args()
    print(f"{'labelled set':<24} {'pages':>5} {'precision':>9} {'recall':>7}   {'by URL and label only':>22}")
    for label, sets in (("tests/fixtures/links", ("links",)), ("demo site", ("demo",)), ("both", ("links", "demo"))):
        f = quality(args.show and label == "both", sets)
        print(
            f"{label:<24} {f['pages']:>5} {f['precision']:>9.3f} {f['recall']:>7.3f}   "
            f"{f['url_precision']:>10.3f} {f['url_recall']:>10.3f}"
        )


if __name__ == "__main__":
    main()
