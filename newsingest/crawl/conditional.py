"""ConditionalRequestsMiddleware: ask the server whether a page changed since the last run.

The ETag and Last-Modified a server sends are kept per URL in the store (`http_validators`); the
next request for that URL carries If-None-Match / If-Modified-Since, and a 304 Not Modified answer
reaches the spider (which then has nothing new to read there) instead of the whole page again.
Scheduled runs of an unchanged site cost a handful of empty responses. Off for backfills
(`NEWSINGEST_CONDITIONAL = False`), which want every page whatever it held before.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from newsingest.crawl.stores import store_for
from newsingest.errors import StoreError


class ConditionalRequestsMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        # Validators older than this are not used, so that listings are read in full now and then and a
        # story whose fetch failed on an unchanged page gets another chance.
        self.max_age = dt.timedelta(seconds=crawler.settings.getfloat("NEWSINGEST_REVALIDATE_AFTER", 86400))

    def oldest(self) -> str:
        return (dt.datetime.now(dt.UTC) - self.max_age).isoformat(timespec="seconds")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("NEWSINGEST_CONDITIONAL", True):
            raise NotConfigured  # no message: Scrapy would log it as a warning
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        # Only the spider's own requests (they say what they fetch); not, say, Scrapy's robots.txt check.
        if request.method != "GET" or "kind" not in request.meta or request.meta.get("conditional") is False:
            return
        etag, last_modified, checked = store_for(self.crawler).validators(request.url)
        if checked is None or checked < self.oldest():
            return  # never seen, or not read in full for a long while: read it whole again
        if etag:
            request.headers.setdefault(b"If-None-Match", etag.encode("latin-1"))
        if last_modified:
            request.headers.setdefault(b"If-Modified-Since", last_modified.encode("latin-1"))
        if etag or last_modified:
            # Let the 304 through to the spider rather than the HTTP error middleware.
            request.meta["handle_httpstatus_list"] = [*request.meta.get("handle_httpstatus_list", ()), 304]

    def process_response(self, request: Request, response: Response) -> Any:
        stats = self.crawler.stats
        assert stats is not None
        if response.status == 304:
            stats.inc_value("newsingest/not_modified")
            stats.inc_value(f"newsingest/not_modified/{request.meta.get('kind', 'page')}")
        elif response.status == 200 and "kind" in request.meta:
            etag = _header(response, b"ETag")
            last_modified = _header(response, b"Last-Modified")
            if etag or last_modified:
                try:
                    store_for(self.crawler).save_validators(response.url, etag, last_modified)
                except StoreError:
                    stats.inc_value("newsingest/store_errors")
        return response


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
