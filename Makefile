# The two commands a newcomer needs (README.md):
#   make run   set everything up and run the service with demo data and its worker
#   make test  set everything up and run lint (ruff, import contracts), types and the
#              whole test suite on SQLite and PostgreSQL
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/casereviews
# The suite runs on every core (pytest-xdist; each worker has its own test database).
# PYTEST_ARGS="-n 0" runs it in one process.
PYTEST_ARGS ?= -n auto

.PHONY: bench bench-quick help run test setup setup-dev lint typecheck pytest pytest-sqlite pytest-postgres \
	migrate demo frontend system-packages system-packages-test clean

help:
	@echo "make run    set up and run the service at http://127.0.0.1:8000 (SQLite, demo data, worker)"
	@echo "make test   set up and run ruff, import contracts, mypy and the test suite on SQLite and PostgreSQL"
	@echo "make bench  load-test the service at 1,000 and 100,000 cases (docs/performance.md)"

system-packages:
	@scripts/system-packages run

system-packages-test:
	@scripts/system-packages test

$(VENV)/.created:
	@python=$$(scripts/find-python) && echo "Creating $(VENV) with $$python" && "$$python" -m venv --clear $(VENV)
	@touch $@

$(VENV)/.installed-run: $(VENV)/.created requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.created requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@ $(VENV)/.installed-run

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend-build/.built: node_modules/.installed frontend/scss/application.scss $(wildcard frontend/js/*) scripts/build-frontend.mjs
	npm run --silent build
	@touch $@

frontend: frontend-build/.built

setup: system-packages $(VENV)/.installed-run frontend

setup-dev: system-packages-test $(VENV)/.installed-dev frontend

migrate: setup
	$(MANAGE) migrate --no-input

demo: migrate
	$(MANAGE) load_demo_data

run: demo
	$(MANAGE) collectstatic --no-input --verbosity 0
	@echo "Starting the worker and the web server at http://127.0.0.1:8000 (Ctrl+C stops both)"
	@$(MANAGE) run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn casereviews.wsgi --bind 127.0.0.1:8000 --workers 2 --threads 4 \
		--access-logfile - --graceful-timeout 5

# Load tests (docs/performance.md): generated data on PostgreSQL, the service under gunicorn
# with production settings on loopback, driven by hey. The databases are made once and kept.
# Each size is CASES:BOARDS:DATABASE.
# BENCH_DATABASE names the databases (NAME_1k, NAME, NAME_quick), so that several
# people sharing one PostgreSQL server keep their own.
BENCH_DATABASE ?= crbench
BENCH_SIZES ?= --size 1000:2:$(BENCH_DATABASE)_1k --size 100000:20:$(BENCH_DATABASE)
BENCH_SECONDS ?= 5
BENCH_NOTE ?=
# Before the pages: the worker's documents (time to ready, its peak memory), the outbox's
# delivery rate and queue-to-delivery delay to a local SMTP server, and verify_audit's
# events a second; their lines are written under the table.
BENCH_SERVER ?= postgres://postgres@127.0.0.1:5432
BENCH_AUDIT_EVENTS ?= 4000000
BENCH_ALSO := $(shell mktemp -u /tmp/bench-also-XXXXXX)
bench: setup-dev
	@scripts/system-packages bench
	set -o pipefail; { \
		$(PY) scripts/bench_documents.py --size 100000:20:$(BENCH_DATABASE) && \
		$(PY) scripts/bench_outbox.py --database $(BENCH_SERVER)/$(BENCH_DATABASE)_outbox && \
		$(PY) scripts/bench_audit.py --database $(BENCH_SERVER)/$(BENCH_DATABASE)_audit \
			--events $(BENCH_AUDIT_EVENTS); } | tee $(BENCH_ALSO)
	$(PY) scripts/bench.py $(BENCH_SIZES) --seconds $(BENCH_SECONDS) --chain \
		--write docs/performance.md --note "$(BENCH_NOTE)" --also $(BENCH_ALSO)
	@rm -f $(BENCH_ALSO)

bench-quick: setup-dev
	@scripts/system-packages bench
	$(PY) scripts/bench_documents.py --size 300:2:$(BENCH_DATABASE)_quick
	$(PY) scripts/bench_outbox.py --burst 300 --idle 10
	$(PY) scripts/bench_audit.py --database $(BENCH_SERVER)/$(BENCH_DATABASE)_audit_quick \
		--events 100000
	$(PY) scripts/bench.py --size 300:2:$(BENCH_DATABASE)_quick --seconds 0.5 --concurrency 1,16 \
		--workers 2

lint: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: setup-dev
	DJANGO_ENV=test $(VENV)/bin/mypy casereviews bench tests

pytest-sqlite: setup-dev
	@echo "=== Test suite on SQLite ==="
	DJANGO_ENV=test DATABASE_URL= $(PY) -m pytest $(PYTEST_ARGS)

# PostgreSQL runs when TEST_DATABASE_URL is set or a local server answers; with
# REQUIRE_POSTGRES=1 (as in CI) an unreachable server fails the run.
pytest-postgres: setup-dev
	@url="$${TEST_DATABASE_URL:-$(POSTGRES_URL)}"; \
	if $(PY) scripts/postgres-reachable "$$url"; then \
		echo "=== Test suite on PostgreSQL ==="; \
		DJANGO_ENV=test DATABASE_URL="$$url" $(PY) -m pytest $(PYTEST_ARGS); \
	elif [ "$${REQUIRE_POSTGRES:-0}" = 1 ]; then \
		echo "PostgreSQL at $$url cannot be reached, and REQUIRE_POSTGRES=1" >&2; exit 1; \
	else \
		echo "=== PostgreSQL not reachable at $$url: the suite ran on SQLite only ==="; \
	fi

pytest: pytest-sqlite pytest-postgres

test: setup-dev
	DJANGO_ENV=test $(MANAGE) makemigrations --check --dry-run
	$(MAKE) --no-print-directory lint typecheck pytest

clean:
	rm -rf $(VENV) node_modules frontend-build staticfiles
