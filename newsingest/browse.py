"""What Datasette shows of a newsingest database: titles, descriptions, canned queries, hidden plumbing.

`newsingest serve` writes this as Datasette's metadata and starts it; full-text search on articles
and quotes comes from the FTS5 tables the store keeps, which Datasette finds by itself.
"""

from __future__ import annotations

from typing import Any

# Canned queries: the questions people ask of a news database most often.
QUERIES: dict[str, dict[str, Any]] = {
    "latest_per_site": {
        "title": "Latest articles per site",
        "description": "The ten most recent articles of each site, copies of other stories left out.",
        "sql": """select site, published, headline, canonical_url from (
  select site, published, headline, canonical_url,
    row_number() over (partition by site order by published desc) as n
  from articles where duplicate_of is null
) where n <= 10 order by site, published desc""",
    },
    "quotes_by_speaker": {
        "title": "Quotes by speaker",
        "description": 'Every quotation by a speaker, newest first; part of a name will do ("Price" finds Ned Price).',
        "sql": """select speaker, text, cue, headline, site, published, article_url from quote_overview
where duplicate_of is null and speaker like '%' || :speaker || '%'
order by published desc""",
    },
    "duplicates": {
        "title": "Copies of stories",
        "description": "Articles stored as syndicated or near-identical copies, beside the story they copy.",
        "sql": """select copy.site, copy.headline, copy.canonical_url, copy.first_seen,
  original.site as original_site, original.headline as original_headline, copy.duplicate_of
from articles copy join articles original on original.canonical_url = copy.duplicate_of
order by copy.first_seen desc""",
    },
    "undated_articles": {
        "title": "Articles missing a date",
        "description": "Articles whose page gave no publication date anywhere: candidates for a site selector.",
        "sql": """select site, headline, canonical_url, first_seen from articles
where published is null order by site, first_seen desc""",
    },
    "crawl_runs": {
        "title": "Crawl runs",
        "description": "The latest runs: status, duration, requests, 304s, articles new, updated, unchanged, copies.",
        "sql": """select id, site, started, round(duration, 1) as seconds, status, requests, not_modified, new,
  updated, unchanged, duplicate, finish_reason from crawl_runs order by id desc limit 200""",
    },
}

TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "description": "One row per story: its text, dates with their source and precision, authors, and the "
        "first stored version it copies (duplicate_of). Search covers headlines and bodies.",
        "sort_desc": "published",
        "facets": ["site", "language", "published_source"],
    },
    "quotes": {"description": "Direct quotations with the speaker and the reporting cue.", "facets": ["kind"]},
    "links": {
        "description": "The lists around each article (Latest news, Related): one row per item.",
        "facets": ["section"],
    },
    "article_revisions": {"description": "Earlier versions of stories whose headline or body changed."},
    "crawl_runs": {"description": "Every crawl: status, figures and full Scrapy stats.", "sort_desc": "id"},
    "article_overview": {"description": "Articles with their counts of quotes, links and revisions."},
    "quote_overview": {"description": "Quotes with the headline, site and date of their article."},
}
# Bookkeeping tables: kept out of the way, still reachable by SQL.
HIDDEN = ("article_urls", "near_keys", "http_validators", "_sqlite_migrations")


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a database served under the name `database` (its file name without .db)."""
    tables = {name: dict(table) for name, table in TABLES.items()}
    tables.update({name: {"hidden": True} for name in HIDDEN})
    return {
        "title": "newsingest",
        "description": "News articles crawled by newsingest: full-text search, quotes by speaker, story lists.",
        "databases": {database: {"tables": tables, "queries": QUERIES}},
    }
