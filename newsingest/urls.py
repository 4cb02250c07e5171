"""URL normalisation: one spelling per story, so the same page is stored once."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters that only say where a visitor came from. Names some sites also use for the story
# itself (ref, src, source, cid, share) are left alone: dropping one of those would merge two stories.
_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|ref_src|ref_url|"
    r"referrer|cmpid|icid|ito|ns_\w+|at_\w+|ocid|xtor|sc_cid|s_cid|smid|taid|mbid|wt\.mc_id|wt_mc|ftag|"
    r"spm|__twitter_impression|guccounter|ncid)$",
    re.IGNORECASE,
)


# Query parameters that choose how a story is rendered, not which story: "?amp=1", "?print", "?view=print".
_RENDERING_KEYS = frozenset({"amp", "_amp", "amp_js_v", "print", "printable"})
_RENDERING_CHOICE = frozenset({"view", "output", "outputtype", "format", "template", "mode"})
_AMP_PATH = re.compile(r"^/amp(/.+)$|^(.+?)/amp/?$")
_AMP_SUFFIX = re.compile(r"^(.+)\.amp(\.html?)$")
_HOST_VARIANT = re.compile(r"^(?:www\d?|m|mobile|amp)\.")


def _split(url: str) -> SplitResult | None:
    """urlsplit, or None for an address it cannot read ("http://[::1", a port of 99999): pages link to such."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a port out of range or not a number
    except ValueError:
        return None
    return parts


def is_http_url(value: str) -> bool:
    parts = _split(value)
    return parts is not None and parts.scheme in ("http", "https") and bool(parts.hostname)


def host_of(url: str) -> str:
    """The host, lower-cased, without "www.", in its ASCII (punycode) form as requests carry it."""
    parts = _split(url)
    host = (parts.hostname or "") if parts else ""
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return host.lower().removeprefix("www.")
    return host.lower().removeprefix("www.")


def same_site(a: str, b: str) -> bool:
    """Whether two URLs belong to one site: the same host, or one a subdomain of the other."""
    ha, hb = host_of(a), host_of(b)
    if not ha or not hb:
        return False
    return ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha)


def normalize_url(url: str) -> str:
    """Host lower-cased, fragment dropped, tracking and rendering parameters removed, AMP paths mapped, query sorted.

    "/story/amp/", "/amp/story/" and "/story.amp.html" are the story's AMP renderings; "?amp=1",
    "?outputType=amp" and "?print=1" select a rendering of the same story. An address that cannot
    be read is returned as it is.
    """
    parts = _split(url)
    if parts is None:
        return url
    if parts.query:
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not (_TRACKING.match(k) or _is_rendering(k, v))]
        if len(kept) != len(pairs):
            parts = parts._replace(query=urlencode(kept))
    path = _AMP_PATH.sub(lambda m: m.group(1) or m.group(2) + ("/" if m.group(0).endswith("/") else ""), parts.path)
    path = _AMP_SUFFIX.sub(lambda m: m.group(1) + m.group(2), path)
    return canonicalize_url(urlunsplit(parts._replace(path=path or "/")), keep_fragments=False)


def _is_rendering(key: str, value: str) -> bool:
    key = key.lower()
    return key in _RENDERING_KEYS or (key in _RENDERING_CHOICE and value.lower() in ("amp", "print", "printable"))


def url_key(url: str) -> str:
    """The identity of a story's address: what every spelling of one page shares.

    Beyond `normalize_url`: the scheme is dropped, and "www.", "m.", "mobile." and "amp." hosts are one site,
    so http://m.example.com/a/ and https://www.example.com/a/ are one story.
    """
    parts = _split(normalize_url(url))
    if parts is None:
        return url
    host = _HOST_VARIANT.sub("", (parts.hostname or "").lower())
    default = {"http": 80, "https": 443}.get(parts.scheme)
    port = f":{parts.port}" if parts.port and parts.port != default else ""
    path = parts.path.rstrip("/") or "/"
    return f"{host}{port}{path}" + (f"?{parts.query}" if parts.query else "")


def is_home_page(url: str) -> bool:
    return urlsplit(url).path.strip("/") in ("", "index.html", "index.php", "home")


def canonical_url(fetched: str, declared: str | None) -> str:
    """The page's declared canonical URL when it points to another page of the same site, else the fetched URL.

    Some templates declare the home page as every page's canonical; such a declaration is ignored.
    """
    if declared:
        absolute = urljoin(fetched, declared.strip())
        if is_http_url(absolute) and same_site(absolute, fetched) and not is_home_page(absolute):
            return normalize_url(absolute)
    return normalize_url(fetched)
