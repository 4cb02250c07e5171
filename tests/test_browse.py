"""`newsingest serve` in a real browser: headless Chromium (Debian's) loads Datasette's pages, searches the
articles, runs a canned query, and keeps a screenshot (build/screenshots/)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import load_expected

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("CI"):
        pytest.fail("the browser test needs Debian's chromium and chromium-driver (.ci/run installs them)")
    pytest.skip("no chromium/chromedriver here: apt-get install chromium chromium-driver", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(crawled_demo) -> Iterator[str]:
    db, _ = crawled_demo
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsingest", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/-/versions.json", timeout=1) as answer:
                json.load(answer)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("newsingest serve did not answer within 30 s")
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    # As this machine's closed network wants it: no background connections, no sandbox as root.
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1000"):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER or ""))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def test_full_text_search_from_the_articles_page(served, browser, crawled_demo):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    database = crawled_demo[0].stem
    browser.get(f"{served}/{database}/articles")
    assert "articles" in browser.title
    box = browser.find_element(By.CSS_SELECTOR, "input[name=_search]")
    box.send_keys("harbour")
    box.submit()
    WebDriverWait(browser, 15).until(ready.url_contains("_search=harbour"))
    page = browser.find_element(By.TAG_NAME, "body").text
    expected = [a for a in load_expected("demo_site")["articles"] if "harbour" in _words(a)]
    assert f'{len(expected)} rows where search matches "harbour"' in page
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert len(rows) == len(expected)
    assert any(a["headline"] in page for a in expected)


def test_a_canned_query_quotes_by_speaker(served, browser, crawled_demo):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    database = crawled_demo[0].stem
    browser.get(f"{served}/{database}")
    browser.find_element(By.LINK_TEXT, "Quotes by speaker").click()
    field = WebDriverWait(browser, 15).until(ready.presence_of_element_located((By.NAME, "speaker")))
    field.send_keys("Varga")
    field.submit()
    WebDriverWait(browser, 15).until(ready.url_contains("speaker=Varga"))
    page = browser.find_element(By.TAG_NAME, "body").text
    said = [q for a in load_expected("demo_site")["articles"] for q in a["quotes"] if q["speaker"] == "Ilse Varga"]
    assert said and all(q["text"][:60] in page for q in said)
    assert f"{len(said)} row" in page

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "quotes-by-speaker.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def _words(article: dict) -> str:
    return (article["headline"] + " " + " ".join(article["paragraphs"])).casefold()
