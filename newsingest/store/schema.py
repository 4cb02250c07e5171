"""The database schema, as an ordered list of sqlite-utils migrations.

A change to the schema is a new migration appended at the bottom; applied migrations are never edited,
because databases in the field already carry them.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.db import ForeignKey, Table
from sqlite_utils.migrations import Migrations

# remove_diacritics 2 also folds letters whose diacritic is a separate code point, so "Zürich" matches "zurich".
FTS_TOKENIZE = "unicode61 remove_diacritics 2"

ARTICLES = "articles"
QUOTES = "quotes"
LINKS = "links"
CRAWL_RUNS = "crawl_runs"
ARTICLE_URLS = "article_urls"
NEAR_KEYS = "near_keys"
REVISIONS = "article_revisions"
HTTP_VALIDATORS = "http_validators"
ARTICLE_OVERVIEW = "article_overview"
QUOTE_OVERVIEW = "quote_overview"
ARTICLES_FTS = "articles_fts"
QUOTES_FTS = "quotes_fts"
TABLES = (ARTICLES, QUOTES, LINKS, CRAWL_RUNS, ARTICLE_URLS, NEAR_KEYS, REVISIONS, HTTP_VALIDATORS)
# The figures of a crawl run kept as columns (the full Scrapy stats stay in `stats`, as JSON).
RUN_COLUMNS: dict[str, type] = {
    "site": str,
    "finish_reason": str,
    "duration": float,
    "requests": int,
    "responses": str,  # JSON: {"200": 41, "304": 3, "404": 1}
    "bytes": int,
    "new": int,
    "updated": int,
    "unchanged": int,
    "duplicate": int,
    "not_modified": int,
    "skipped": int,
    "rejected": str,  # JSON: {"index page": 10, ...}
    "failed": str,  # JSON: {"http 500": 2, "timeout": 1, ...}
}

migrations = Migrations("newsingest")


def _table(db: Database, name: str) -> Table:
    return db.table(name)


@migrations(name="0001_initial")
def create_initial_schema(db: Database) -> None:
    """Articles with their quotes and links, crawl runs, and full-text indexes kept in sync by triggers."""
    _table(db, CRAWL_RUNS).create(
        {"id": int, "spider": str, "args": str, "started": str, "finished": str, "status": str, "stats": str},
        pk="id",
        not_null=["spider", "started", "status"],
    )
    articles = _table(db, ARTICLES).create(
        {
            "canonical_url": str,
            "url": str,
            "site": str,
            "headline": str,
            "body": str,
            "paragraphs": str,
            "published": str,
            "published_raw": str,
            "published_source": str,
            "modified": str,
            "authors": str,
            "language": str,
            "section": str,
            "tags": str,
            "description": str,
            "site_name": str,
            "image": str,
            "sources": str,
            "fingerprint": str,
            "first_seen": str,
            "last_seen": str,
            "crawl_run_id": int,
        },
        pk="canonical_url",
        not_null=["url", "site", "headline", "body", "fingerprint", "first_seen", "last_seen"],
        foreign_keys=[("crawl_run_id", CRAWL_RUNS, "id")],
    )
    for column in ("site", "published", "fingerprint"):
        articles.create_index([column])

    # Quotes and links belong to one article: deleting the article deletes them.
    quotes = _table(db, QUOTES).create(
        {
            "id": int,
            "article_url": str,
            "position": int,
            "text": str,
            "speaker": str,
            "speaker_raw": str,
            "cue": str,
            "kind": str,
            "paragraph": int,
        },
        pk="id",
        not_null=["article_url", "position", "text", "kind"],
        foreign_keys=[ForeignKey(QUOTES, "article_url", ARTICLES, "canonical_url", on_delete="CASCADE")],
    )
    quotes.create_index(["article_url"])
    quotes.create_index(["speaker"])
    links = _table(db, LINKS).create(
        {"id": int, "article_url": str, "position": int, "url": str, "title": str, "published": str, "section": str},
        pk="id",
        not_null=["article_url", "position", "url"],
        foreign_keys=[ForeignKey(LINKS, "article_url", ARTICLES, "canonical_url", on_delete="CASCADE")],
    )
    links.create_index(["article_url"])

    articles.enable_fts(["headline", "body"], create_triggers=True, tokenize=FTS_TOKENIZE)
    quotes.enable_fts(["text", "speaker"], create_triggers=True, tokenize=FTS_TOKENIZE)


@migrations(name="0002_content_hash")
def add_content_hash(db: Database) -> None:
    """A digest of everything extracted, so a re-crawl notices changed quotes and links, not only text."""
    _table(db, ARTICLES).add_column("content_hash", str)


@migrations(name="0003_link_dates")
def add_link_dates(db: Database) -> None:
    """Sidebar items keep the date as the page wrote it; a section index serves `newsingest links`."""
    links = _table(db, LINKS)
    links.add_column("published_raw", str)
    links.create_index(["section"])
    links.create_index(["url"])


@migrations(name="0004_date_details")
def add_date_details(db: Database) -> None:
    """How precise each date is and where it came from; the modified date keeps its raw text too.

    A `published` value without a UTC offset is a time whose zone the page did not give.
    """
    articles = _table(db, ARTICLES)
    for column in ("published_precision", "modified_raw", "modified_source", "modified_precision"):
        articles.add_column(column, str)


@migrations(name="0005_dedupe_and_revisions")
def add_dedupe_and_revisions(db: Database) -> None:
    """One row per story: every address it was fetched under, near-duplicate keys, and earlier versions.

    `article_urls` maps each spelling of a story's address (`newsingest.urls.url_key`) to its row, so a
    crawl knows what it already holds. `near_keys` holds MinHash LSH band keys of each body
    (`newsingest.dedupe`); `articles.duplicate_of` names the first stored copy of a syndicated or
    lightly edited story. `article_revisions` keeps a story's previous headline and body each time they change.
    """
    from newsingest.dedupe import band_keys, shingles
    from newsingest.urls import url_key

    articles = _table(db, ARTICLES)
    articles.add_column("duplicate_of", str)
    articles.create_index(["duplicate_of"])
    cascade = "REFERENCES articles(canonical_url) ON DELETE CASCADE"
    db.execute(f"CREATE TABLE {ARTICLE_URLS} (url_key TEXT PRIMARY KEY, article_url TEXT NOT NULL {cascade})")
    db.execute(f"CREATE INDEX idx_{ARTICLE_URLS}_article_url ON {ARTICLE_URLS} (article_url)")
    db.execute(
        f"CREATE TABLE {NEAR_KEYS} (key INTEGER NOT NULL, article_url TEXT NOT NULL {cascade}, "
        "PRIMARY KEY (key, article_url)) WITHOUT ROWID"
    )
    db.execute(f"CREATE INDEX idx_{NEAR_KEYS}_article_url ON {NEAR_KEYS} (article_url)")
    db.execute(
        f"CREATE TABLE {REVISIONS} (id INTEGER PRIMARY KEY, article_url TEXT NOT NULL {cascade}, "
        "headline TEXT NOT NULL, body TEXT NOT NULL, fingerprint TEXT NOT NULL, fetched TEXT, replaced TEXT NOT NULL, "
        "crawl_run_id INTEGER REFERENCES crawl_runs(id))"
    )
    db.execute(f"CREATE INDEX idx_{REVISIONS}_article_url ON {REVISIONS} (article_url)")
    # Articles stored before this migration get their addresses and keys now.
    for row in list(db.query(f"select canonical_url, url, body from {ARTICLES}")):
        for address in {row["canonical_url"], row["url"]}:
            db.execute(
                f"INSERT OR IGNORE INTO {ARTICLE_URLS} (url_key, article_url) VALUES (?, ?)",
                [url_key(address), row["canonical_url"]],
            )
        for key in band_keys(shingles(row["body"])):
            db.execute(f"INSERT OR IGNORE INTO {NEAR_KEYS} VALUES (?, ?)", [key, row["canonical_url"]])


@migrations(name="0006_runs_and_validators")
def add_run_figures_and_validators(db: Database) -> None:
    """What each crawl run did, in columns a cron job's owner can query; and HTTP validators per URL.

    `http_validators` keeps the ETag and Last-Modified a server sent for a page, feed or sitemap, so
    the next run can ask "has it changed?" and be answered 304 Not Modified.
    """
    runs = _table(db, CRAWL_RUNS)
    for column, kind in RUN_COLUMNS.items():
        runs.add_column(column, kind)
    runs.create_index(["site"])
    _table(db, HTTP_VALIDATORS).create(
        {"url": str, "etag": str, "last_modified": str, "checked": str}, pk="url", not_null=["checked"]
    )


@migrations(name="0007_views")
def add_views(db: Database) -> None:
    """The common joins, ready to query: articles with their counts, quotes with their article."""
    db.execute(
        f"""CREATE VIEW {ARTICLE_OVERVIEW} AS
        SELECT a.canonical_url, a.site, a.headline, a.published, a.published_precision, a.authors, a.section,
            a.language, a.duplicate_of, a.first_seen, a.last_seen,
            (SELECT count(*) FROM {QUOTES} q WHERE q.article_url = a.canonical_url) AS quotes,
            (SELECT count(*) FROM {LINKS} l WHERE l.article_url = a.canonical_url) AS links,
            (SELECT count(*) FROM {REVISIONS} r WHERE r.article_url = a.canonical_url) AS revisions,
            length(a.body) - length(replace(a.body, ' ', '')) + 1 AS words
        FROM {ARTICLES} a"""
    )
    db.execute(
        f"""CREATE VIEW {QUOTE_OVERVIEW} AS
        SELECT q.id, q.speaker, q.text, q.cue, q.kind, q.speaker_raw, a.headline, a.site, a.published,
            a.canonical_url AS article_url, a.duplicate_of
        FROM {QUOTES} q JOIN {ARTICLES} a ON a.canonical_url = q.article_url"""
    )
