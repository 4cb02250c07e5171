"""A fetched page, parsed once, with the structured data every source reads."""

from __future__ import annotations

import json
import re
from functools import cached_property
from typing import Any

import lxml.html
from lxml import etree
from parsel import Selector
from w3lib.encoding import html_to_unicode

from newsingest.errors import ExtractionError

# Control characters that some CMSs leave inside JSON-LD strings break json.loads.
_JSON_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_JSON_TRAILING_COMMA = re.compile(r",\s*([}\]])")
# Comment and CDATA wrappers from old templates: `<!-- {...} -->`, `//<![CDATA[ {...} //]]>` (Rails).
_JSON_WRAPPER = re.compile(
    r"^\s*(?:<!--|(?://|/\*)?\s*<!\[CDATA\[\s*(?:\*/)?)|(?:-->|(?://|/\*)?\s*\]\]>\s*(?:\*/)?)\s*$"
)
# Next.js streams server-rendered content as `self.__next_f.push([1, "..."])` chunks; rows of the form
# `2a:T1b7b,<html...>` carry a text blob of 0x1b7b UTF-8 bytes, often the article body itself.
_NEXT_PUSH = re.compile(r"^\s*self\.__next_f\.push\((.*)\)\s*;?\s*$", re.DOTALL)
_NEXT_TEXT_ROW = re.compile(rb"(?:^|\n)[0-9a-f]+:T([0-9a-f]+),")


def decode_html(data: bytes | str, content_type: str | None = None) -> str:
    """Bytes to text: the BOM, then valid UTF-8, then the HTTP header, then <meta charset>.

    Bytes that decode as strict UTF-8 are UTF-8 whatever the page declares: legacy
    encodings almost never form valid multi-byte UTF-8 by chance, while pages that
    moved to UTF-8 often keep an old <meta charset="gb2312"> in their template.
    """
    if isinstance(data, str):
        return data
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    _, text = html_to_unicode(content_type, data)
    return text


def parse_json_loose(text: str) -> Any:
    """json.loads that forgives the mistakes CMS templates commonly make."""
    text = _JSON_WRAPPER.sub("", text).strip()
    try:
        return json.loads(text, strict=False)
    except ValueError:
        return json.loads(_JSON_TRAILING_COMMA.sub(r"\1", _JSON_CONTROL.sub(" ", text)), strict=False)


def _walk_jsonld(node: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk_jsonld(item, out)
    elif isinstance(node, dict):
        out.append(node)
        for key in ("@graph", "mainEntity", "itemListElement"):
            if isinstance(node.get(key), (list, dict)):
                _walk_jsonld(node[key], out)


class Page:
    """One HTML page and its URL; the parsed forms are computed on first use."""

    def __init__(self, html: bytes | str, url: str, content_type: str | None = None) -> None:
        self.url = url
        self.text = decode_html(html, content_type)
        if not self.text.strip():
            raise ExtractionError(f"{url}: empty page")
        try:
            self.tree = lxml.html.document_fromstring(self.text.encode("utf-8"), parser=_PARSER)
        except (etree.ParserError, ValueError) as exc:
            raise ExtractionError(f"{url}: not HTML ({exc})") from exc
        self.selector = Selector(root=self.tree, type="html")

    @cached_property
    def jsonld(self) -> list[dict[str, Any]]:
        """Every JSON-LD object on the page, @graph members and arrays flattened."""
        out: list[dict[str, Any]] = []
        for script in self.tree.iterfind('.//script[@type="application/ld+json"]'):
            if not script.text:
                continue
            try:
                _walk_jsonld(parse_json_loose(script.text), out)
            except ValueError:
                continue
        return out

    @cached_property
    def meta(self) -> dict[str, list[str]]:
        """<meta> contents keyed by lower-cased name, property, itemprop or http-equiv."""
        out: dict[str, list[str]] = {}
        for node in self.tree.iterfind(".//meta"):
            content = node.get("content")
            if content is None or not content.strip():
                continue
            for attr in ("property", "name", "itemprop", "http-equiv"):
                key = node.get(attr)
                if key:
                    out.setdefault(key.strip().lower(), []).append(content.strip())
        return out

    def meta_first(self, *names: str) -> str | None:
        for name in names:
            values = self.meta.get(name)
            if values:
                return values[0]
        return None

    @cached_property
    def link_rels(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for node in self.tree.iterfind(".//link"):
            href = node.get("href")
            for rel in (node.get("rel") or "").lower().split():
                if href and rel not in out:
                    out[rel] = href.strip()
        return out

    @cached_property
    def embedded_html(self) -> list[str]:
        """HTML fragments that script-rendered pages (Next.js) carry inside their scripts."""
        chunks = []
        for script in self.tree.iter("script"):
            match = _NEXT_PUSH.match(script.text or "")
            if not match:
                continue
            try:
                payload = json.loads(match.group(1))
            except ValueError:
                continue
            if isinstance(payload, list) and len(payload) > 1 and isinstance(payload[1], str):
                chunks.append(payload[1])
        data = "".join(chunks).encode("utf-8")
        out = []
        for row in _NEXT_TEXT_ROW.finditer(data):
            blob = data[row.end() : row.end() + int(row.group(1), 16)].decode("utf-8", "replace")
            if blob.lstrip().startswith("<") and "<p" in blob:
                out.append(blob)
        return out

    @cached_property
    def lang(self) -> str | None:
        value = self.tree.get("lang") or self.tree.get("xml:lang")
        return value.strip() if value and value.strip() else None


_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
