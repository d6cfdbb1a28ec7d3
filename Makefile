# BurgersAanZet · Inspireer elkaar. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# The address `make run` serves at: links in e-mails, feeds and the sitemap use it, and Wagtail's
# Site follows it (`migrate`, `load_demo_data`). Set SITE_URL yourself behind a proxy.
RUN_SITE_URL := $(or $(SITE_URL),http://$(HOST):$(PORT))
export DJANGO_SETTINGS_MODULE := baz.settings

.PHONY: site-url help run test lint format bench demo install install-demo install-dev migrate check clean prodcheck

help: ## Show this list
	@echo "BurgersAanZet · Inspireer elkaar"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q -U pip

$(VENV)/.installed: requirements.txt constraints.txt | $(VENV)/bin/python
	$(PIP) install -q -r requirements.txt -c constraints.txt
	@touch $@

# Demo-only packages (imageio-ffmpeg encodes the demo video); production installs only
# requirements.txt (docs/deployment.md).
$(VENV)/.installed-demo: requirements.txt requirements-demo.txt constraints.txt $(VENV)/.installed
	$(PIP) install -q -r requirements-demo.txt -c constraints.txt
	@touch $@

# requirements-dev.txt includes requirements-demo.txt: the tests encode the demo video.
$(VENV)/.installed-dev: requirements.txt requirements-demo.txt requirements-dev.txt constraints.txt $(VENV)/.installed-demo
	$(PIP) install -q -r requirements-dev.txt -c constraints.txt
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned runtime dependencies

install-demo: $(VENV)/.installed-demo ## Also install the demo-only packages (demo video)

install-dev: $(VENV)/.installed-dev ## Also install the demo, test and lint tools

# The npm test tools: axe-core (accessibility checks) and vnu-jar (the HTML check, run with the
# system's Java; --ignore-scripts: its postinstall would download a Java runtime otherwise).
NODE_TOOLS := node_modules/.installed

$(NODE_TOOLS): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --ignore-scripts --no-audit --no-fund --silent && touch $@; \
	else \
		echo "npm not found: the accessibility checks and the HTML check will be skipped."; \
	fi

migrate demo run: export SITE_URL := $(RUN_SITE_URL)

site-url: ## Print the address `make run` serves at and writes in e-mail links (HOST, PORT, SITE_URL)
	@echo "$(RUN_SITE_URL)"

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --no-input -v 0

demo: migrate install-demo ## Load reference data and Dutch demo content (idempotent)
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_demo_data

# Debug is off, as in production, so the Dutch error pages show; `DEBUG=1 make run` shows
# Django's debug pages instead. Static files come from whitenoise either way.
run: demo ## Install, migrate, load data and serve the site and the mail worker (HOST, PORT; DEBUG=1 for debug pages)
	@echo ""
	@echo "  Site:    $(RUN_SITE_URL)/  (DEBUG=$${DEBUG:-0}; DEBUG=1 make run shows Django's debug pages)"
	@echo "  Beheer:  $(RUN_SITE_URL)/beheer/  (demo logins: see README.md)"
	@echo "  E-mail:  the outbox worker prints every mail here (OUTBOX_DELIVERY_BACKEND, see README.md)"
	@echo ""
	@export DEBUG="$${DEBUG:-0}" OUTBOX_DELIVERY_BACKEND="$${OUTBOX_DELIVERY_BACKEND:-django.core.mail.backends.console.EmailBackend}"; \
	$(PY) manage.py send_outbox --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The suite runs in TEST_WORKERS processes (pytest-xdist), each with its own test database and
# browser; TEST_WORKERS=0 runs it in one process (for --pdb).
TEST_WORKERS ?= 2

test: install-dev $(NODE_TOOLS) ## Run the whole test suite (browser tests included)
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install-dev ## ruff, mypy, the import contracts and Django's checks
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

format: install-dev ## Format and auto-fix the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install ## Run the benchmark scripts under bench/
	@for script in bench/*.py; do [ -e "$$script" ] || continue; echo "== $$script"; $(PY) $$script || exit 1; done

prodcheck: install-dev ## Production proof: nginx+gunicorn+PostgreSQL+Redis on loopback, checked through nginx (root)
	PY=$(CURDIR)/$(PY) scripts/prodcheck

clean: ## Remove the virtualenv, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles node_modules
