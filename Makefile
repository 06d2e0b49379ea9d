# engage: the two commands are `make run` and `make test`; everything else is a step of them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app engage
STAMP := $(VENV)/.installed-$(shell cat requirements-dev.txt pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test setup lint format translations compile-translations lock bench clean

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

## setup: the virtualenv from the lock file, the project, and compiled translations
setup: $(STAMP) compile-translations

compile-translations: $(STAMP)
	$(BIN)/pybabel compile -d engage/translations

## run: migrate the SQLite database in instance/, load the demo clinic, serve on 127.0.0.1:5000
##      with the SMS dispatcher (`flask sms dispatch --watch`) beside it, stopped with the server
run: setup
	$(FLASK) db upgrade
	$(FLASK) demo
	$(FLASK) sms dispatch --watch & dispatcher=$$!; \
	trap 'kill $$dispatcher 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --host $(HOST) --port $(PORT)

## test: the whole suite (SQLite, PostgreSQL if reachable, Chromium if installed)
test: setup
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## translations: extract every marked string, update each catalog, compile
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --sort-by-file --no-wrap \
		--project engage --copyright-holder "engage" -o engage/translations/messages.pot .
	$(BIN)/pybabel update --no-wrap --no-fuzzy-matching -i engage/translations/messages.pot -d engage/translations
	$(BIN)/pybabel compile -d engage/translations

## lock: re-pin requirements*.txt from pyproject.toml (needs network to the package index)
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --strip-extras -o requirements.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --extra dev -o requirements-dev.txt pyproject.toml

## bench: every benchmark in tests/bench (they print figures; none fails on speed)
bench: setup
	$(BIN)/python -m tests.bench.bench_import
	$(BIN)/python -m tests.bench.bench_survey_export
	$(BIN)/python -m tests.bench.bench_survey_pages
	$(BIN)/python -m tests.bench.bench_dispatch
	$(BIN)/python -m tests.bench.bench_inbound
	$(BIN)/python -m tests.bench.bench_priorities
	$(BIN)/python -m tests.bench.bench_voting

clean:
	rm -rf $(VENV) instance .pytest_cache
