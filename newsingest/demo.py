"""Serving a fixture site on 127.0.0.1, for `newsingest demo` and the crawl tests."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

# Fixture pages write absolute URLs (sitemaps, canonical links) with this placeholder for the host.
BASE_PLACEHOLDER = b"{{BASE}}"
_TEXT_SUFFIXES = {".html", ".htm", ".xml", ".rss", ".txt", ".atom", ""}

DEMO_SITE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "demo_site" / "site"


class _FixtureHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, with the placeholder replaced by this server's own base URL."""

    base: bytes = b""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in _TEXT_SUFFIXES or not path.is_file():
            return super().send_head()
        if not self.path.split("?", 1)[0].endswith("/") and (Path(self.translate_path(self.path))).is_dir():
            return super().send_head()  # let the stock handler redirect /dir to /dir/
        body = path.read_bytes().replace(BASE_PLACEHOLDER, self.base)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def serve(root: Path, port: int = 0) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 (a free port unless given) while the block runs; yields the base URL."""
    if not root.is_dir():
        raise FileNotFoundError(f"no site to serve at {root}")
    handler = type("Handler", (_FixtureHandler,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    handler.base = base.encode()
    thread = threading.Thread(target=server.serve_forever, name="fixture-server", daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
