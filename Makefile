# make run: a development server on SQLite with the demo data. make test: lint, migrations, tests.
# DATABASE_URL=postgres://… make test runs the same suite on PostgreSQL.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test install install-test lint migrations-check messages clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(VENV)/bin/pip install -q -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py demo_accounts
	$(PY) manage.py runserver $(HOST)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

migrations-check: install-test
	$(PY) manage.py makemigrations --check --dry-run

test: lint migrations-check
	$(VENV)/bin/pytest

# Needs GNU gettext; the compiled .mo files are committed so running the site does not.
messages: install
	$(PY) manage.py makemessages -l vi --no-obsolete --ignore=.venv --ignore=tests --ignore=static --ignore=bench
	$(PY) manage.py compilemessages -l vi --ignore=.venv

# The benchmark (bench/README.md): needs PostgreSQL on 127.0.0.1 and wrk; writes bench/RESULTS.md.
.PHONY: bench
bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media private-media test-artifacts
