"""URL normalisation: one spelling per story, so the same page is stored once."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from w3lib.url import canonicalize_url, url_query_cleaner

# Query parameters that only say where a visitor came from.
_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|ref|ref_src|ref_url|"
    r"referrer|cmpid|icid|ito|ns_\w+|at_\w+|ocid|xtor|sc_cid|s_cid|smid|taid|mbid|wt\.mc_id|wt_mc|ftag|"
    r"share|shared|src|source|rss|cid|spm|feature|outputtype|__twitter_impression|guccounter|ncid)$",
    re.IGNORECASE,
)


def is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def same_site(a: str, b: str) -> bool:
    """Whether two URLs belong to one site: the same host, or one a subdomain of the other."""
    ha, hb = host_of(a), host_of(b)
    if not ha or not hb:
        return False
    return ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha)


def normalize_url(url: str) -> str:
    """Host lower-cased, fragment dropped, tracking parameters removed, query sorted."""
    parts = urlsplit(url)
    if parts.query:
        keys = {kv.split("=", 1)[0] for kv in parts.query.split("&") if kv}
        tracking = [k for k in keys if _TRACKING.match(k)]
        if tracking:
            url = url_query_cleaner(url, tracking, remove=True, keep_fragments=True)
    return canonicalize_url(url, keep_fragments=False)


def canonical_url(fetched: str, declared: str | None) -> str:
    """The page's declared canonical URL when it points into the same site, else the fetched URL, normalised."""
    if declared:
        absolute = urljoin(fetched, declared.strip())
        if is_http_url(absolute) and same_site(absolute, fetched):
            return normalize_url(absolute)
    return normalize_url(fetched)
