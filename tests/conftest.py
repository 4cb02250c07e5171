"""Shared fixtures: fixture sites served over HTTP on 127.0.0.1, and the CLI run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsingest.demo import ServedSite, serve

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
# Local fixture sites need no politeness delays; every other setting is the shipped default.
FAST = [
    "--set",
    "AUTOTHROTTLE_ENABLED=false",
    "--set",
    "DOWNLOAD_DELAY=0",
    "--set",
    "RETRY_TIMES=0",
    "--set",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
]


def load_expected(site: str) -> dict[str, Any]:
    return json.loads((FIXTURES / site / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def demo_site() -> Iterator[ServedSite]:
    with serve(FIXTURES / "demo_site" / "site") as site:
        yield site


@pytest.fixture
def plain_site() -> Iterator[ServedSite]:
    with serve(FIXTURES / "plain_site" / "site") as site:
        yield site


@pytest.fixture(scope="session")
def crawled_demo(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """The demo site crawled once into a database that the tests sharing it only read, and its base URL."""
    db = tmp_path_factory.mktemp("crawled-demo") / "news.db"
    with serve(FIXTURES / "demo_site" / "site") as site:
        result = newsingest("crawl", "demo", "--base", site.base + "/", "--db", str(db), *FAST)
        assert result.returncode == 0, result.stdout + result.stderr
        yield db, site.base


def newsingest(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the CLI in its own process (a fresh Twisted reactor every time), as a user would."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("NEWSINGEST_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "newsingest", *args], capture_output=True, text=True, timeout=timeout, env=env
    )
