"""Serving a fixture site on 127.0.0.1, for `newsingest demo` and the crawl tests."""

from __future__ import annotations

import email.utils
import hashlib
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

# Fixture pages write absolute URLs (sitemaps, canonical links) with this placeholder for the host.
BASE_PLACEHOLDER = b"{{BASE}}"
_TEXT_SUFFIXES = {".html", ".htm", ".xml", ".rss", ".txt", ".atom", ""}

DEMO_SITE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "demo_site" / "site"


@dataclass
class ServedSite:
    """A site being served: its base URL and every path requested so far, in order."""

    base: str
    requested: list[str] = field(default_factory=list)


class FixtureHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, with the placeholder replaced by this server's own base URL.

    Each response carries an ETag (of its body) and a Last-Modified (the file's time); a request
    whose If-None-Match or If-Modified-Since says the client already has it gets 304 Not Modified.
    """

    site: ServedSite

    def send_head(self):
        self.site.requested.append(self.path)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in _TEXT_SUFFIXES or not path.is_file():
            return super().send_head()
        if not self.path.split("?", 1)[0].endswith("/") and (Path(self.translate_path(self.path))).is_dir():
            return super().send_head()  # let the stock handler redirect /dir to /dir/
        body = path.read_bytes().replace(BASE_PLACEHOLDER, self.site.base.encode())
        etag = '"' + hashlib.blake2b(body, digest_size=8).hexdigest() + '"'
        modified = email.utils.formatdate(int(path.stat().st_mtime), usegmt=True)
        if self._not_modified(etag, path.stat().st_mtime):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.end_headers()
        return _Body(body)

    def _not_modified(self, etag: str, mtime: float) -> bool:
        if self.headers.get("If-None-Match"):
            return etag in [tag.strip() for tag in self.headers["If-None-Match"].split(",")]
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    # A crawler opens many connections at once; the default backlog of 5 drops some, and
    # the client's connect then waits a whole SYN retransmission (1 s).
    request_queue_size = 128
    daemon_threads = True


@contextmanager
def serve(root: Path, port: int = 0, handler: type[FixtureHandler] | None = None) -> Iterator[ServedSite]:
    """Serve `root` on 127.0.0.1 (a free port unless given) while the block runs.

    `handler` may subclass the fixture handler to add routes (tests serve errors and slow pages).
    """
    if not root.is_dir():
        raise FileNotFoundError(f"no site to serve at {root}")
    cls: type[FixtureHandler] = type("Handler", (handler or FixtureHandler,), {})
    server = _Server(("127.0.0.1", port), partial(cls, directory=str(root)))
    cls.site = ServedSite(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, name="fixture-server", daemon=True)
    thread.start()
    try:
        yield cls.site
    finally:
        server.shutdown()
        server.server_close()
