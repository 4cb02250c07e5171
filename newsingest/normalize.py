"""Articles made uniform before storage: clean text, and dates in UTC (a date-only value stays a day)."""

from __future__ import annotations

import dataclasses

from newsingest.dates import language_codes, parse_date, to_utc
from newsingest.models import Article
from newsingest.text import clean_text


def normalize_article(article: Article) -> Article:
    paragraphs = tuple(p for p in (clean_text(p) for p in article.paragraphs) if p)
    published = article.published
    if published is None and article.published_raw:
        # A site selector hands over the raw text; this is where it becomes a date.
        published = parse_date(article.published_raw, languages=language_codes(article.language))
    return dataclasses.replace(
        article,
        headline=clean_text(article.headline),
        paragraphs=paragraphs,
        body="\n\n".join(paragraphs),
        published=to_utc(published),
        modified=to_utc(article.modified),
        authors=tuple(a for a in (clean_text(a) for a in article.authors) if a),
        tags=tuple(t for t in (clean_text(t) for t in article.tags) if t),
        section=clean_text(article.section) or None,
        description=clean_text(article.description) or None,
    )
