# Two commands do everything on a fresh machine:
#   make site   set up .venv from the lock file, build site/ (replaced only when the build succeeds)
#   make test   same set-up, then every test (browser tests need Debian's chromium; .ci/run installs it)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

# Reproducible output: dates come from the last commit, hashing is fixed, no upgrade banner.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)
export SOURCE_DATE_EPOCH
export PYTHONHASHSEED := 0
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve bench check mirror lock clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-* && touch $@

site: $(STAMP)
	@rm -rf .site-tmp
	@if $(BIN)/mkdocs build --strict --quiet --clean -d .site-tmp; then \
	  rm -rf site && mv .site-tmp site && echo "Built site/ - open site/index.html"; \
	else rm -rf .site-tmp; echo "Build failed: site/ was left as it was." >&2; exit 1; fi

# The site as of the sources: rebuilt only when a source file is newer than the last build.
SOURCES := mkdocs.yml requirements.lock $(shell find docs data templates hooks legalaid schemas -type f 2>/dev/null)
site/index.html: $(STAMP) $(SOURCES)
	@$(MAKE) --no-print-directory site

mirror: site/index.html
	$(BIN)/legalaid mirror

# axe-core (npm, pinned in package-lock.json) for the accessibility tests.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund; \
	else echo "npm not found: the accessibility tests will be skipped (CI installs npm)"; fi

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/legalaid check

serve: $(STAMP)
	$(BIN)/mkdocs serve

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Maintainers: re-pin after editing pyproject.toml (needs network access to PyPI).
lock:
	$(PYTHON) -m pip install --quiet uv==0.13.8 --target .cache/uv
	PYTHONPATH=.cache/uv .cache/uv/bin/uv pip compile pyproject.toml tools/build-requirements.in \
	  --extra test --generate-hashes --python-version 3.11 --index-url https://pypi.org/simple \
	  -o requirements.lock

clean:
	rm -rf site .site-tmp dist .cache test-artifacts node_modules
