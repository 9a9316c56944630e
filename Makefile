# The two commands of the README: `make run` and `make test`. Everything else is a step of them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
export FLASK_APP := participa

.PHONY: run test install install-dev catalogs redis-server nginx ffmpeg chromium libreoffice browser-assets test-browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

catalogs:
	$(BIN)/flask translate compile

## Serve the app with demo data on the embedded SQLite database (instance/participa.db), and
## the mail worker beside it (the demo's e-mails land in instance/mail/).
run: install catalogs
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load --if-empty
	@# The mail worker beside the server sends the outbox (instance/mail/*.eml) and notices
	@# the phases that open; it stops with the server.
	$(BIN)/flask mail worker --interval 2 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/flask run --host 127.0.0.1 --port $(PORT)

## Debian's redis-server, for the test of two app servers sharing one Redis (tests/deploy):
## installed when missing on a Debian machine as root; elsewhere that one test says what to do.
redis-server:
	@command -v redis-server >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -q --no-install-recommends redis-server >/dev/null || \
	    { apt-get update -q >/dev/null && \
	      apt-get install -y -q --no-install-recommends redis-server >/dev/null; } || \
	    echo "Could not install redis-server: tests/deploy will say so."; \
	  else echo "redis-server is missing (apt-get install redis-server): tests/deploy will say so."; \
	  fi; }

## Debian's nginx, for the tests behind the shipped deploy/nginx.conf (tests/deploy: worker
## recycling, and the page cache of test_proxy_cache.py) and the benchmark's P rows:
## installed the same way; without it those tests are skipped.
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -q --no-install-recommends nginx-light >/dev/null || \
	    { apt-get update -q >/dev/null && \
	      apt-get install -y -q --no-install-recommends nginx-light >/dev/null; } || \
	    echo "Could not install nginx: its tests in tests/deploy are skipped."; \
	  else echo "nginx is missing (apt-get install nginx-light): its tests in tests/deploy are skipped."; \
	  fi; }

## Debian's ffmpeg makes the small real recordings and pictures the tests of uploaded files
## read (tests/files): installed the same way; without it those tests are skipped.
ffmpeg:
	@command -v ffmpeg >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -q --no-install-recommends ffmpeg >/dev/null || \
	    { apt-get update -q >/dev/null && \
	      apt-get install -y -q --no-install-recommends ffmpeg >/dev/null; } || \
	    echo "Could not install ffmpeg: the tests of uploaded files that need it are skipped."; \
	  else echo "ffmpeg is missing (apt-get install ffmpeg): the tests of uploaded files that need it are skipped."; \
	  fi; }

## Debian's LibreOffice (Writer, without a desktop) and poppler's pdftotext, for the tests that
## read the documents OGP receives (.docx, .odt) as a real consumer does (tests/documents):
## installed the same way; without them those tests are skipped, saying what to install.
libreoffice:
	@{ command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -q --no-install-recommends libreoffice-writer-nogui poppler-utils >/dev/null || \
	    { apt-get update -q >/dev/null && \
	      apt-get install -y -q --no-install-recommends libreoffice-writer-nogui poppler-utils >/dev/null; } || \
	    echo "Could not install LibreOffice: tests/documents will skip its conversions."; \
	  else echo "LibreOffice is missing (apt-get install libreoffice-writer-nogui poppler-utils): tests/documents will skip its conversions."; \
	  fi; }

## The browser journeys (tests/browser) need Debian's Chromium, installed when missing on a
## Debian machine as root (elsewhere the journeys are skipped, saying what to install), and
## axe-core and the Nu HTML checker (vnu-jar, run with the machine's Java 11 or later),
## vendored from the npm registry into tests/browser/vendor/ (not in git). One npm install
## for both: npm removes what a later --no-save install does not name. --ignore-scripts:
## vnu-jar's install script would download a Java runtime where none is found.
AXE := tests/browser/vendor/node_modules/axe-core/axe.min.js
VNU := tests/browser/vendor/node_modules/vnu-jar/build/dist/vnu.jar

chromium:
	@[ -x /usr/bin/chromium ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -q --no-install-recommends chromium >/dev/null || \
	    { apt-get update -q >/dev/null && \
	      apt-get install -y -q --no-install-recommends chromium >/dev/null; } || \
	    echo "Could not install chromium: the browser journeys will be skipped."; \
	  else echo "Chromium is missing (apt-get install chromium): the browser journeys will be skipped."; \
	  fi; }

$(AXE) $(VNU) &:
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-save --no-package-lock --no-audit --no-fund --ignore-scripts \
	    --prefix tests/browser/vendor axe-core@4 vnu-jar@26; \
	else echo "npm is missing (apt-get install npm): the browser journeys will be skipped."; fi
	@command -v java >/dev/null 2>&1 || \
	  echo "Java is missing (apt-get install default-jre-headless): the browser journeys will be skipped."

browser-assets: chromium $(AXE) $(VNU)

## Run the whole test suite, on SQLite and on a PostgreSQL server the tests start themselves,
## one process per core (at most 4), whole test modules per process (their module fixtures,
## such as the authorisation matrix's world, are built once), handed out in the order that
## tests/conftest.py gives them (the slowest folders first); the 25 slowest tests are listed
## at the end, to keep the suite inside CI's time.
test: install-dev catalogs redis-server nginx ffmpeg libreoffice browser-assets
	$(BIN)/pytest -n auto --maxprocesses 4 --dist loadscope --no-loadscope-reorder --durations=25

## Only the browser journeys; reports and screenshots in build/browser/.
test-browser: install-dev catalogs browser-assets
	$(BIN)/pytest tests/browser

clean:
	rm -rf $(VENV) .pytest_cache
