"""Articles made uniform before storage: clean text, and dates in UTC (a day stays a day, an unknown zone unknown)."""

from __future__ import annotations

import dataclasses

from newsingest.dates import to_utc
from newsingest.models import Article
from newsingest.text import clean_text


def normalize_article(article: Article) -> Article:
    paragraphs = tuple(p for p in (clean_text(p) for p in article.paragraphs) if p)
    return dataclasses.replace(
        article,
        headline=clean_text(article.headline),
        paragraphs=paragraphs,
        body="\n\n".join(paragraphs),
        published=to_utc(article.published),
        modified=to_utc(article.modified),
        authors=tuple(a for a in (clean_text(a) for a in article.authors) if a),
        tags=tuple(t for t in (clean_text(t) for t in article.tags) if t),
        section=clean_text(article.section) or None,
        description=clean_text(article.description) or None,
    )
