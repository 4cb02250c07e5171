"""An article waiting in the store's buffer, and what the database will hold for it after the next flush."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsingest.models import Article
from newsingest.store.identity import Body
from newsingest.store.rows import content_hash


@dataclass(slots=True)
class Pending:
    """An article waiting for the next flush, and what the database will hold for it afterwards."""

    row: dict[str, Any]
    quotes: list[dict[str, Any]] | None
    links: list[dict[str, Any]] | None
    headline: str
    body: str
    published: str | None
    first_seen: str
    last_seen: str | None
    fingerprint: str
    content_hash: str | None
    duplicate_of: str | None = None
    # Address keys to record for the story (every URL it was seen under).
    keys: set[str] = field(default_factory=set)
    # The body's near-duplicate data when it is new or changed: its band keys are rewritten.
    near: Body | None = None
    # The previous version, when this write changes a stored story's headline or body.
    revision: dict[str, Any] | None = None
    # A touch only refreshes last_seen and crawl_run_id of a stored, unchanged article.
    touch: bool = field(default=False)

    def same_content(self, article: Article) -> bool:
        return self.content_hash == content_hash(article)

    def revision_row(self, url: str, *, replaced: str, run_id: int | None) -> dict[str, Any]:
        """This version as an `article_revisions` row, for when a newer one replaces it."""
        return {
            "article_url": url,
            "headline": self.headline,
            "body": self.body,
            "fingerprint": self.fingerprint,
            "fetched": self.last_seen,
            "replaced": replaced,
            "crawl_run_id": run_id,
        }


def earlier(a: str | None, b: str | None) -> bool:
    """Whether publication date `a` is on an earlier day than `b` (unknown dates are never earlier)."""
    return bool(a and b and a[:10] < b[:10])
