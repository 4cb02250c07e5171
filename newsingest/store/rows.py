"""How the values newsingest produces become table rows: JSON columns, ISO 8601 dates, body fingerprints."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from newsingest.models import Article, Link, Quote, iso
from newsingest.urls import host_of


def fingerprint(article: Article) -> str:
    """A stable hash of the body text, blind to case and whitespace: the same story under two URLs shares it."""
    text = " ".join(article.body.casefold().split())
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def to_json(value: Any) -> str:
    """JSON text for a column, readable in the sqlite3 shell (no \\u escapes); unknown types become strings."""
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def content_hash(article: Article) -> str:
    """A digest of every extracted field, quotes and links included; the fetched URL does not count."""
    data = article.to_dict()
    data.pop("url", None)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def article_row(article: Article, *, first_seen: str, seen: str, run_id: int | None) -> dict[str, Any]:
    """The `articles` row for an article; `crawl_run_id` only when a run is given, so a stored one is kept."""
    row: dict[str, Any] = {
        "canonical_url": article.canonical_url,
        "url": article.url,
        "site": host_of(article.canonical_url),
        "headline": article.headline,
        "body": article.body,
        "paragraphs": to_json(list(article.paragraphs)),
        "published": iso(article.published),
        "published_raw": article.published_raw,
        "published_source": article.published_source,
        "published_precision": article.published_precision,
        "modified": iso(article.modified),
        "modified_raw": article.modified_raw,
        "modified_source": article.modified_source,
        "modified_precision": article.modified_precision,
        "authors": to_json(list(article.authors)),
        "language": article.language,
        "section": article.section,
        "tags": to_json(list(article.tags)),
        "description": article.description,
        "site_name": article.site_name,
        "image": article.image,
        "sources": to_json(dict(article.sources)),
        "fingerprint": fingerprint(article),
        "content_hash": content_hash(article),
        "first_seen": first_seen,
        "last_seen": seen,
    }
    if run_id is not None:
        row["crawl_run_id"] = run_id
    return row


def quote_rows(article: Article) -> list[dict[str, Any]]:
    return [
        {
            "article_url": article.canonical_url,
            "position": position,
            "text": quote.text,
            "speaker": quote.speaker,
            "speaker_raw": quote.speaker_raw,
            "cue": quote.cue,
            "kind": quote.kind,
            "paragraph": quote.paragraph,
        }
        for position, quote in enumerate(article.quotes)
    ]


def link_rows(article: Article) -> list[dict[str, Any]]:
    return [
        {
            "article_url": article.canonical_url,
            "position": link.position,
            "url": link.url,
            "title": link.title,
            "published": iso(link.published),
            "published_raw": link.published_raw,
            "section": link.section,
        }
        for link in article.links
    ]


def moment_from_iso(text: str | None) -> dt.datetime | dt.date | None:
    """A stored date back to a value: a day for "2026-03-14", a datetime (aware or not, as stored) otherwise."""
    if not text:
        return None
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


def article_from_row(row: dict[str, Any], quotes: list[dict[str, Any]], links: list[dict[str, Any]]) -> Article:
    """The Article a stored row holds, its quotes and links included: what extraction returned for the page."""
    return Article(
        url=row["url"],
        canonical_url=row["canonical_url"],
        headline=row["headline"],
        body=row["body"],
        paragraphs=tuple(_json_list(row.get("paragraphs"))),
        published=moment_from_iso(row.get("published")),
        published_raw=row.get("published_raw"),
        published_source=row.get("published_source"),
        published_precision=row.get("published_precision"),
        modified=moment_from_iso(row.get("modified")),
        modified_raw=row.get("modified_raw"),
        modified_source=row.get("modified_source"),
        modified_precision=row.get("modified_precision"),
        authors=tuple(_json_list(row.get("authors"))),
        language=row.get("language"),
        section=row.get("section"),
        tags=tuple(_json_list(row.get("tags"))),
        description=row.get("description"),
        site_name=row.get("site_name"),
        image=row.get("image"),
        quotes=tuple(
            Quote(q["text"], q["speaker"], q["speaker_raw"], q["cue"], q["paragraph"], q["kind"]) for q in quotes
        ),
        links=tuple(
            Link(
                link["url"],
                link["title"] or "",
                moment_from_iso(link["published"]),
                link["published_raw"],
                link["section"],
                link["position"],
            )
            for link in links
        ),
        sources=json.loads(row["sources"]) if row.get("sources") else {},
    )


def _json_list(text: str | None) -> list[Any]:
    return list(json.loads(text)) if text else []
