# newsingest: `make demo` and `make test` work on a machine with only Python 3.11.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit score bench browser clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found (set PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

## demo: serve the bundled demo site on 127.0.0.1, crawl it into ./news.db, show what was stored and a search
demo: $(STAMP)
	$(BIN)/newsingest demo --db news.db

## test: lint, type check and the whole test suite
test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy newsingest spiders pipelines

# The browser test needs Chromium: installed here when missing and this is root on Debian; else it skips (not in CI).
unit: $(STAMP)
	@command -v chromedriver >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1 || $(MAKE) browser
	$(BIN)/pytest -q

## browser: Debian's Chromium and chromedriver, for the browser test of `newsingest serve` (needs root or sudo)
browser:
	@command -v apt-get >/dev/null 2>&1 || { echo "make: no apt-get here: install Chromium and chromedriver yourself"; exit 1; }
	$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq chromium chromium-driver

## score: extraction quality on the shared development set
score: $(STAMP)
	$(BIN)/python ../shared/devset/score.py

bench: $(STAMP)
	$(BIN)/python benchmarks/search_speed.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
