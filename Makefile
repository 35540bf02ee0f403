# One task runner for people and CI. `make demo` and `make test` install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck unit bench browser loadgen clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the dashboard's browser tests (Playwright drives /usr/bin/chromium).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped"; \
	  else echo "warning: /usr/bin/chromium missing and apt-get not usable; browser tests will be skipped"; fi; \
	fi

# wrk, the HTTP load generator that bench/api.py drives (Debian's package; the bench falls back to httpx without it).
loadgen:
	@if ! command -v wrk >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
	      || echo "warning: could not install wrk; bench/api.py will use httpx"; \
	  else echo "warning: wrk missing and apt-get not usable; bench/api.py will use httpx"; fi; \
	fi

demo: install
	$(BIN)/dyadwatch --db demo-out/demo.duckdb demo --out demo-out

lint: install
	$(BIN)/ruff check src tests bench

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -q

test: install browser lint typecheck unit

bench: install loadgen
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/series.py
	$(BIN)/python bench/analysis.py
	$(BIN)/python bench/coder.py --processes 2
	$(BIN)/python bench/api.py

clean:
	rm -rf $(VENV) demo-out bench/out .pytest_cache .mypy_cache .ruff_cache
