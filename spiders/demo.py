"""The bundled demo site (tests/fixtures/demo_site), served on 127.0.0.1 by `newsingest demo`.

It needs no selectors: the generic extractor reads all of its templates correctly. The
port is chosen at run time, so its start points are paths under `-a base=http://127.0.0.1:PORT/`.
"""

from spiders.news import NewsSpider


class DemoSpider(NewsSpider):
    """The bundled demo site, served by `newsingest demo` (crawl it with --base http://127.0.0.1:PORT/)."""

    name = "demo"
    base = "http://127.0.0.1:8000/"
    start_pages = ("/",)
    feeds = ("/feed.rss",)
    sitemaps = ("/sitemap.xml",)
