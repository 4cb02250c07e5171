"""Crawl logs a person can read: one line per dropped item, no tracebacks for network failures."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import logformatter
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)

# Failures of the network, not of our code: their tracebacks say nothing the message does not.
_NETWORK_ERRORS = (
    DownloadConnectionRefusedError,
    CannotResolveHostError,
    DownloadTimeoutError,
    IgnoreRequest,
    ConnectionError,
    TimeoutError,
)


class LogFormatter(logformatter.LogFormatter):
    """Scrapy's formatter, but a dropped item is one INFO line with its reason, not a dump of the item."""

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any = None) -> Any:
        return {"level": logging.INFO, "msg": "not stored: %(exception)s", "args": {"exception": exception}}


class NetworkErrorsWithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], _NETWORK_ERRORS):
            record.exc_info = None
            record.exc_text = None
        return True


# Loggers that attach tracebacks to download failures (logger filters apply where a record is made).
_LOGGERS = (
    "scrapy.downloadermiddlewares.robotstxt",
    "scrapy.downloadermiddlewares.retry",
    "scrapy.core.scraper",
    "scrapy.core.engine",
    "scrapy.core.downloader",
)


def install_filter() -> None:
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, NetworkErrorsWithoutTraceback) for f in logger.filters):
            logger.addFilter(NetworkErrorsWithoutTraceback())
