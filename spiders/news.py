"""The generic news spider: start pages, feeds and sitemaps in; articles out.

A site's own spider subclasses NewsSpider and names its start points (and, only where
the generic extractor gets the site wrong, its selectors). All page reading happens in
newsingest.extraction; this module fetches, follows and counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import sitemap_urls_from_robots

from newsingest import extract
from newsingest.crawl.backfill import DateRange, archive_urls
from newsingest.crawl.runner import site_name
from newsingest.crawl.stores import store_for
from newsingest.discovery import parse_feed, parse_sitemap
from newsingest.errors import ExtractionError, NotAnArticle
from newsingest.extraction import SiteRules
from newsingest.extraction.listing import extract_listing
from newsingest.models import NotModified
from newsingest.urls import host_of, is_http_url, normalize_url

if TYPE_CHECKING:
    from twisted.python.failure import Failure

# File types that are never article pages, on top of Scrapy's own list of binary extensions.
_NOT_PAGES = ("xml", "rss", "atom", "json", "txt", "csv", "ics", "vcf")
# Rejection reasons of pages that list stories: a backfill walks them.
LISTINGS = ("index page", "collection page")
# Sidebar links go ahead of links found in the page at large (Scrapy fetches higher priorities first).
SIDEBAR_PRIORITY = 10
_FAILURE_REASONS = {
    "DownloadConnectionRefusedError": "connection refused",
    "CannotResolveHostError": "dns lookup failed",
    "DownloadTimeoutError": "timeout",
    "TimeoutError": "timeout",
    "DownloadCancelledError": "response too large",
    "ResponseDataLossError": "incomplete response",
    "DownloadFailedError": "download failed",
}


def _yes(value: str) -> bool:
    return value.strip().lower() not in ("no", "false", "0", "off")


def _split(value: str | Iterable[str] | None) -> list[str]:
    """Spider arguments arrive as comma- or space-separated strings (`-a feeds=a,b`)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.replace(",", " ").split() if v]
    return [v for v in value if v]


class NewsSpider(scrapy.Spider):
    """Crawl a news site from its home and section pages, feeds and sitemaps.

    Arguments (`-a name=value`): `url` or `urls` (start pages), `feed`/`feeds`, `sitemap`/`sitemaps`,
    `base` (the site's root, for spiders whose start points are paths), `follow` (`no`: follow only
    the story lists around articles, not every link), `sidebars` (`no`: not even those),
    `robots` (`no`: do not look for sitemaps in robots.txt), `refresh` (`yes`: fetch stories already
    stored again, to record their changes), `timezone` (the IANA zone the site
    writes its times in, such as Europe/Berlin) and `date_order` (DMY, MDY or YMD, for "03/04/2024").

    With `since` (and `until`, YYYY-MM-DD) the spider backfills: it reads sitemaps (skipping those and
    entries outside the range), the archive pages the site names (`archive_pages`), and listings with
    their next pages, newest first, until a listing shows only stories from before `since`; it stores
    the stories published in the range and does not wander off through other links.
    """

    name = "news"
    # Start points of a site spider: absolute URLs, or paths resolved against `base`.
    base: str = ""
    start_pages: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    # The site's selectors, only for fields the generic extractor gets wrong there.
    selectors: SiteRules | None = None
    # Archive listings by date, as paths or URLs with "{date:%Y/%m/%d}" (or only %Y/%m): read by backfills.
    archive_pages: tuple[str, ...] = ()
    follow_links = True
    follow_sidebars = True
    sitemaps_from_robots = True

    def __init__(
        self,
        url: str | None = None,
        urls: str | None = None,
        feed: str | None = None,
        sitemap: str | None = None,
        base: str | None = None,
        follow: str | None = None,
        sidebars: str | None = None,
        robots: str | None = None,
        timezone: str | None = None,
        date_order: str | None = None,
        refresh: str | None = None,
        since: str | None = None,
        until: str | None = None,
        **kwargs: Any,
    ) -> None:
        feeds = kwargs.pop("feeds", None)
        sitemaps = kwargs.pop("sitemaps", None)
        super().__init__(**kwargs)
        if base:
            self.base = base
        self.start_pages = tuple(self._absolute(_split(url) + _split(urls)) or self._absolute(self.start_pages))
        self.feeds = tuple(self._absolute(_split(feed) + _split(feeds)) or self._absolute(self.feeds))
        self.sitemaps = tuple(self._absolute(_split(sitemap) + _split(sitemaps)) or self._absolute(self.sitemaps))
        if follow is not None:
            self.follow_links = _yes(follow)
        if sidebars is not None:
            self.follow_sidebars = _yes(sidebars)
        if robots is not None:
            self.sitemaps_from_robots = _yes(robots)
        # Stories already stored are not fetched again, unless refreshing (to see their revisions).
        self.refresh = _yes(refresh) if refresh is not None else False
        self.window = DateRange.parse(since, until) if since else None
        self._skipped: set[str] = set()
        self._started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        if self.window is not None:
            self.follow_links = self.follow_sidebars = False
        if timezone or date_order:
            rules = self.selectors or SiteRules()
            self.selectors = dataclasses.replace(
                rules, timezone=timezone or rules.timezone, date_order=(date_order or "").upper() or rules.date_order
            )
        points = [*self.start_pages, *self.feeds, *self.sitemaps]
        bad = [p for p in points if not is_http_url(p)]
        if bad:
            raise ValueError(f"not an http(s) URL: {bad[0]}")
        if not points:
            raise ValueError(f"spider {self.name!r} needs a start point: -a url=..., -a feed=... or -a sitemap=...")
        self.allowed_domains = sorted({host_of(p) for p in points})
        # Scrapy's allow_domains compares host:port; the site is the host, on whatever port.
        self.links = LinkExtractor(deny_extensions=_deny_extensions(), unique=True)

    @property
    def site(self) -> str:
        """The site this spider crawls, as crawl runs and locks name it: a site spider's name, else the host."""
        return site_name(self.name, [*self.start_pages, *self.feeds, *self.sitemaps])

    def on_site(self, url: str) -> bool:
        """Within the site's domains (subdomains included), as the offsite middleware judges it."""
        host = host_of(url)
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def _absolute(self, points: Iterable[str]) -> list[str]:
        return [urljoin(self.base, p) if self.base else p for p in points]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.sitemaps:
            yield self._request(url, self.parse_sitemap, kind="sitemap")
        for url in self.feeds:
            yield self._request(url, self.parse_feed, kind="feed")
        if not self.sitemaps and self.sitemaps_from_robots:
            # Sites announce their sitemaps in robots.txt; reading it costs one request per site.
            for root in sorted({f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in self.start_pages}):
                yield self._request(f"{root}/robots.txt", self.parse_robots, kind="robots", optional=True)
        for url in self.start_pages:
            yield self._request(url, self.parse_page, kind="page")
        if self.window is not None:
            for template in self.archive_pages:
                for url in self._absolute(archive_urls(template, self.window)):
                    yield self._request(url, self.parse_page, kind="page")

    def _request(self, url: str, callback: Any, **meta: Any) -> scrapy.Request:
        if self.refresh and not meta.get("stored"):
            # Refreshing walks every listing again; only stored stories may answer "not modified".
            meta["conditional"] = False
        return scrapy.Request(url, callback=callback, errback=self.failed, meta=meta)

    def _page_request(self, url: str, changed: Any = None, **meta: Any) -> scrapy.Request | None:
        """A request for a page that may be an article; None when that story is already stored.

        A stored story is fetched again when refreshing, or when a feed or sitemap says it changed
        (`changed`, its date there, is later than our last fetch).
        """
        url = normalize_url(url)
        seen = store_for(self.crawler).last_seen(url)
        if not self.refresh:
            if seen is not None and not _later(changed, seen):
                # Counted once per story stored by an earlier run, however many pages link to it.
                if url not in self._skipped and seen < self._started:
                    self._skipped.add(url)
                    self._count("skipped", "stored")
                return None
            if seen is not None:
                self._count("refetched", "changed")
        # A stored story may answer "not modified": it is then recorded as seen again, unchanged.
        return self._request(url, self.parse_page, kind="page", stored=seen is not None, **meta)

    def _count(self, key: str, reason: str | None = None) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newsingest/{key}" + (f"/{reason}" if reason else ""))

    # Pages

    def parse_page(self, response: Response) -> Iterator[Any]:
        if response.status == 304:
            # Not modified since the last run: nothing new to read here. A stored story is seen unchanged.
            if response.meta.get("stored"):
                yield NotModified(response.url)
            return
        self._count("pages")
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1") or None
        if not isinstance(response, TextResponse) or (content_type and "html" not in content_type.lower()):
            self._reject(response.url, "not html")
            return
        try:
            article = extract(
                response.body,
                response.url,
                site=self.selectors,
                content_type=content_type,
                fetched=dt.datetime.now(dt.UTC),
                listed=response.meta.get("listed"),
            )
        except NotAnArticle as exc:
            self._reject(response.url, exc.reason)
            if self.window is not None and exc.reason in LISTINGS:
                yield from self._walk_listing(response, content_type)
        except ExtractionError as exc:
            self._reject(response.url, "unreadable page", str(exc))
        else:
            self._count("articles")
            if self.window is not None and not self.window.holds(article.published):
                self._count("skipped", "out of range")
                return
            if response.meta.get("via") == "sidebar":
                self._count("discovered", "sidebar")
            yield article
            yield from self._follow_sidebars(article)
        if self.follow_links:
            for link in self.links.extract_links(response):
                if self.on_site(link.url) and (request := self._page_request(link.url)) is not None:
                    yield request

    def _walk_listing(self, response: Response, content_type: str | None) -> Iterator[scrapy.Request]:
        """A backfill's listing page: its stories in the range, then its next page unless all it shows is older."""
        assert self.window is not None
        listing = extract_listing(
            response.body, response.url, site=self.selectors, fetched=dt.datetime.now(dt.UTC), content_type=content_type
        )
        for item in listing.items:
            if not self.on_site(item.url):
                continue
            if not self.window.holds(item.published):
                self._count("skipped", "out of range")
            elif (request := self._page_request(item.url, listed=item.published)) is not None:
                yield request
        if listing.next_url is None or not self.on_site(listing.next_url):
            return
        if listing.all_before(self.window.since):
            self._count("backfill", "listings ended")  # older pages hold only older stories
            return
        yield self._request(listing.next_url, self.parse_page, kind="page")

    def _follow_sidebars(self, article: Any) -> Iterator[scrapy.Request]:
        """Sidebar items are fresh story links with dates: ask for them first, the newest first."""
        if not self.follow_sidebars:
            return
        dated = sorted(article.links, key=lambda link: _sort_key(link.published), reverse=True)
        for rank, link in enumerate(dated):
            if self.on_site(link.url) and (request := self._page_request(link.url, via="sidebar")) is not None:
                self._count("links", "followed")
                yield request.replace(priority=SIDEBAR_PRIORITY + len(dated) - rank)

    def _reject(self, url: str, reason: str, detail: str = "") -> None:
        self._count("rejected", reason)
        self.logger.info("not stored: %s (%s%s)", url, reason, f": {detail}" if detail else "")

    # Sitemaps, feeds, robots.txt

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        if response.status == 304:
            return
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            if self.on_site(url):
                yield self._request(url, self.parse_sitemap, kind="sitemap")

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        if response.status == 304:
            return
        body = response.body
        if gzip_magic_number(response):
            body = gunzip(body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        try:
            sitemap = parse_sitemap(body)
        except ExtractionError as exc:
            self._count("failed", "broken sitemap")
            self.logger.warning("broken sitemap %s: %s", response.url, exc)
            return
        self._count("sitemaps")
        for entry in sitemap.entries:
            if not self.on_site(entry.url):
                continue
            if self.window is not None and (
                self.window.before(entry.modified) or (not sitemap.is_index and not self.window.holds(entry.published))
            ):
                # A sitemap unchanged since before the range lists only older pages.
                self._count("skipped", "out of range")
            elif sitemap.is_index:
                yield self._request(entry.url, self.parse_sitemap, kind="sitemap")
            elif (request := self._page_request(entry.url, entry.modified, listed=entry.published)) is not None:
                yield request

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        if response.status == 304:
            return
        try:
            entries, problem = parse_feed(response.body)
        except ExtractionError as exc:
            self._count("failed", "broken feed")
            self.logger.warning("broken feed %s: %s", response.url, exc)
            return
        if problem:
            self._count("failed", "damaged feed")
            self.logger.warning("damaged feed %s (read %d entries): %s", response.url, len(entries), problem)
        self._count("feeds")
        for entry in entries:
            if self.window is not None and not self.window.holds(entry.published):
                self._count("skipped", "out of range")
                continue
            request = self._page_request(urljoin(response.url, entry.url), entry.modified, listed=entry.published)
            if request is not None:
                yield request

    # Failures

    def failed(self, failure: Failure) -> None:
        """Count a request that brought no usable response, by reason; the crawl goes on."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        if request is not None and request.meta.get("optional"):
            self.logger.debug("no %s (%s)", url, failure.value)
            return
        if isinstance(failure.value, HttpError):
            reason = f"http {failure.value.response.status}"
        elif failure.check(IgnoreRequest):
            reason = "forbidden by robots.txt" if "robots" in str(failure.value).lower() else "ignored"
        else:
            reason = _failure_reason(failure.value)
        self._count("failed", reason)
        self.logger.info("failed: %s (%s)", url, reason)


def _failure_reason(error: BaseException | None) -> str:
    name = type(error).__name__
    if name == "DownloadFailedError":
        # Twisted's ResponseFailed, wrapped: its message names what went wrong underneath.
        message = str(error)
        if "ConnectionLost" in message or "ConnectionReset" in message:
            return "connection lost"
        if "ConnectionDone" in message:
            return "connection closed"
    return _FAILURE_REASONS.get(name, name)


def _later(changed: Any, seen: str) -> bool:
    """Whether a date a feed or sitemap gives for a page is after our last fetch of it (ISO 8601, UTC)."""
    if changed is None:
        return False
    last = dt.datetime.fromisoformat(seen)
    if not isinstance(changed, dt.datetime):
        return bool(changed > last.date())
    if changed.tzinfo is None:
        changed = changed.replace(tzinfo=dt.UTC)  # a listing's date without zone: read as UTC
    return bool(changed > last)


def _sort_key(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def _deny_extensions() -> list[str]:
    from scrapy.linkextractors import IGNORED_EXTENSIONS

    return [*IGNORED_EXTENSIONS, *_NOT_PAGES]
