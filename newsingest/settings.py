"""Scrapy settings for newsingest: polite defaults for crawling other people's news sites.

Every value can be overridden per run with `-s NAME=VALUE` (scrapy) or `--set NAME=VALUE` (newsingest crawl).
This module holds plain values only; nothing here imports Scrapy.
"""

from newsingest import __version__

BOT_NAME = "newsingest"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
# `scrapy crawl` exits non-zero when the crawl failed, judged from its stats.
COMMANDS_MODULE = "newsingest.crawl.commands"

USER_AGENT = f"newsingest/{__version__} (news archiving crawler; +https://github.com/newsingest/newsingest)"
ROBOTSTXT_OBEY = True

# One site at a time, gently: AutoThrottle adapts the delay to the site's response times.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Article pages are rarely above 2 MB; anything past 10 MB is not one.
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

# Links are followed this many hops from a start page; sitemap and feed entries count as one hop.
DEPTH_LIMIT = 3
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
LOG_FORMATTER = "newsingest.crawl.logs.LogFormatter"

DOWNLOADER_MIDDLEWARES = {
    # Validators go out with each request; 304 answers are counted and passed to the spider.
    "newsingest.crawl.conditional.ConditionalRequestsMiddleware": 880,
}

EXTENSIONS = {
    "newsingest.crawl.progress.ProgressExtension": 500,
}

ITEM_PIPELINES = {
    "pipelines.normalize.NormalizePipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.dedupe.DedupePipeline": 300,
    "pipelines.store.StorePipeline": 400,
}

# newsingest's own settings.
NEWSINGEST_DB = "news.db"
# Articles with fewer words than this are dropped by the validate pipeline.
NEWSINGEST_MIN_WORDS = 40
# Ask servers whether pages, feeds and sitemaps changed since the last run (ETag, Last-Modified).
NEWSINGEST_CONDITIONAL = True
# After this many seconds a page is read in full again, whatever its validators say (one day).
NEWSINGEST_REVALIDATE_AFTER = 86400
# A run in which a larger share of requests failed (errors, timeouts, 5xx, 404) exits 1.
NEWSINGEST_MAX_ERROR_RATE = 0.25
# Articles written to the database in one transaction; a crawl killed part-way loses at most this many.
NEWSINGEST_BATCH_SIZE = 50
# Progress while crawling: "" (none), "live" (a line redrawn on the terminal), "log" (a line now and then),
# "auto" (live on a terminal, else log). Backfills use "auto".
NEWSINGEST_PROGRESS = ""
# Where locks and backfill queues live; empty means a folder named after the database, beside it.
NEWSINGEST_STATE_DIR = ""
