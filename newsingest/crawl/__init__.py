"""Running crawls: Scrapy settings, the shared store, the outcome of a run. The Scrapy-facing layer."""
