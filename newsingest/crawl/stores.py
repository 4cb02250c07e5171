"""One Store per crawl, shared by the pipelines that read and write it."""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from newsingest.store import Store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

_stores: WeakKeyDictionary[Crawler, Store] = WeakKeyDictionary()


def store_for(crawler: Crawler) -> Store:
    """The crawl's store, opened on first use from the NEWSINGEST_DB setting."""
    store = _stores.get(crawler)
    if store is None:
        path = crawler.settings.get("NEWSINGEST_DB", "news.db")
        store = _stores[crawler] = Store(path, batch_size=crawler.settings.getint("NEWSINGEST_BATCH_SIZE", 50))
    return store


def close_store(crawler: Crawler) -> None:
    store = _stores.pop(crawler, None)
    if store is not None:
        store.close()
