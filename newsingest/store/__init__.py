"""The SQLite store: one class owns the database, its schema, batching and transactions."""

from newsingest.store.links import LinkTarget
from newsingest.store.quotes import QuoteHit
from newsingest.store.rows import fingerprint
from newsingest.store.search import MARK_END, MARK_START, SearchHit
from newsingest.store.store import SaveStatus, Store

__all__ = ["MARK_END", "MARK_START", "LinkTarget", "QuoteHit", "SaveStatus", "SearchHit", "Store", "fingerprint"]
