"""A crawl against a server that fails in every common way: it finishes, counts each fault, stores every
healthy article, and its exit code says whether the share of failures crossed the threshold."""

from __future__ import annotations

import json
import socket
import sqlite3
import struct
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import FAST, newsingest

from newsingest.demo import FixtureHandler, ServedSite, serve

TIMEOUT = 1
HEALTHY = 24
TOWNS = ["Arden", "Belmore", "Carrick", "Dunmere", "Eskholm", "Fennick", "Garrow", "Halstead"]
TOPICS = ["bridge repairs", "school budget", "harbour dredging", "library hours", "bus timetable", "flood wall"]
FAULTS = {
    "/fault/server-error/": "http 500",
    "/fault/unavailable/": "http 503",
    "/fault/slow/": "timeout",
    "/fault/reset/": "connection lost",
    "/fault/huge/": "response too large",
}


def article_page(n: int) -> bytes:
    town, topic = TOWNS[n % len(TOWNS)], TOPICS[n % len(TOPICS)]
    paragraphs = "".join(
        f"<p>Councillors in {town} met on day {n + i} of the month to discuss the {topic}, item {i} on an agenda "
        f"that ran to {n + 11} pages. Residents who spoke asked for a decision before the summer, and the chair "
        f"promised a vote at the next meeting, number {n * 3 + i}.</p>"
        for i in range(4)
    )
    html = (
        f"<!doctype html><html lang='en'><head><title>{town}: {topic}, report {n}</title></head><body>"
        f"<header><a href='/'>The Fault Line Gazette</a></header><article><h1>{town} council discusses the {topic} "
        f"(report {n})</h1><p class='byline'>By Staff Reporter · 12 March 2026</p>{paragraphs}</article></body></html>"
    )
    return html.encode()


class FaultHandler(FixtureHandler):
    """Healthy article pages, and pages that fail as real servers do."""

    attempts: ClassVar[dict[str, int]] = {}

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.path.split("?", 1)[0]
        self.site.requested.append(self.path)
        self.attempts[path] = self.attempts.get(path, 0) + 1
        if path == "/":
            links = [f"/story/{n}/" for n in range(HEALTHY)] + [*FAULTS, "/flaky/"]
            body = "".join(f'<li><a href="{href}">Story at {href}</a></li>' for href in links)
            return self._send(f"<html><body><h1>The Fault Line Gazette</h1><ul>{body}</ul></body></html>".encode())
        if path.startswith("/story/"):
            return self._send(article_page(int(path.split("/")[2])))
        if path == "/flaky/":  # fails once, then recovers: a retry stores it
            if self.attempts[path] == 1:
                self.send_error(503, "Service Unavailable")
                return None
            return self._send(article_page(HEALTHY))
        if path == "/fault/server-error/":
            self.send_error(500, "Internal Server Error")
        elif path == "/fault/unavailable/":
            self.send_error(503, "Service Unavailable")
        elif path == "/fault/slow/":
            time.sleep(TIMEOUT * 3)
            return self._send(article_page(999))
        elif path == "/fault/reset/":
            # Close with RST: the client sees the connection drop before any response.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif path == "/fault/huge/":
            self._stream_huge()
        else:
            self.send_error(404, "Not Found")
        return None

    def _send(self, body: bytes):  # type: ignore[no-untyped-def]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def _stream_huge(self) -> None:
        """50 MB of page, sent without a Content-Length, so only counting bytes can stop it."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + b"word " * 2000 + b"</p>"
        try:
            for _ in range(50 * 1024 * 1024 // len(chunk)):
                self.wfile.write(chunk)
        except OSError:
            pass  # the crawler hung up once it had enough
        self.close_connection = True


@pytest.fixture
def fault_site() -> Iterator[ServedSite]:
    FaultHandler.attempts = {}
    with serve(Path(__file__).parent, handler=FaultHandler) as site:
        yield site


def crawl(site: ServedSite, db: Path, *extra: str) -> tuple[int, dict, str]:
    result = newsingest(
        "crawl", site.base + "/", "--no-robots-sitemaps", "--db", str(db), *FAST,
        "--set", f"DOWNLOAD_TIMEOUT={TIMEOUT}", "--set", "RETRY_TIMES=1", *extra,
    )  # fmt: skip
    with sqlite3.connect(db) as conn:
        stats = json.loads(conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC").fetchone()[0])
    return result.returncode, stats, result.stdout + result.stderr


def test_every_fault_is_counted_and_every_healthy_article_stored(fault_site, tmp_path):
    db = tmp_path / "news.db"
    code, stats, output = crawl(fault_site, db)

    failed = {key.removeprefix("newsingest/failed/"): v for key, v in stats.items() if "newsingest/failed/" in key}
    assert failed == {reason: 1 for reason in FAULTS.values()}, output
    with sqlite3.connect(db) as conn:
        stored = {url.split("/", 3)[3] for (url,) in conn.execute("SELECT canonical_url FROM articles")}
    assert stored == {f"story/{n}/" for n in range(HEALTHY)} | {"flaky/"}
    assert stats["retry/count"] >= 1  # the flaky page came back on its second try
    # 5 failures of 32 requests answered or failed: under the default 25%, so the run is ok.
    assert code == 0, output
    assert "crawl 127.0.0.1: ok" in output


def test_the_exit_code_reflects_the_error_rate(fault_site, tmp_path):
    code, stats, output = crawl(fault_site, tmp_path / "news.db", "--set", "NEWSINGEST_MAX_ERROR_RATE=0.1")
    assert code == 1
    assert stats["newsingest/status"] == "failed"
    assert "5 of " in output and "requests failed" in output
    with sqlite3.connect(tmp_path / "news.db") as conn:
        assert conn.execute("SELECT status, failed FROM crawl_runs").fetchone()[0] == "failed"
