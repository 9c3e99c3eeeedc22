# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run serve bench test test-browser lint format install migrate messages compilemessages demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Catalogs compile the same under any settings: development ones need no secret key.
compilemessages: export DJANGO_DEBUG = 1
compilemessages: $(STAMP)
	$(BIN)/python manage.py compile_translations -v 0

# Serves the site on 127.0.0.1:8000 with the demo content, on SQLite (db.sqlite3).
run: export DJANGO_DEBUG = 1
run: $(STAMP) compilemessages
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py create_demo_accounts
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production-like: gunicorn, DEBUG off, against DATABASE_URL (SQLite by default).
# Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS; DJANGO_HTTPS=0 when not behind TLS.
serve: $(STAMP) compilemessages
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py collectstatic --no-input -v 0
	$(BIN)/python manage.py clear_page_cache -v 0
	$(BIN)/python manage.py make_renditions
	$(BIN)/gunicorn association.wsgi --bind 127.0.0.1:8000 --workers 2 --access-logfile -

# Times every page in-process (demo size and 20x) and over gunicorn, against two floors;
# prints a table, writes bench-results.json and checks the targets. BENCH_QUICK=1: demo
# size only, a smoke test. BENCH_ARGS: more options (python -m association.benchmark --help).
bench: $(STAMP)
	$(BIN)/python -m association.benchmark $(BENCH_ARGS)

# The whole suite but the browser tests (those need Chromium: make test-browser).
test: export DJANGO_SECRET_KEY ?= test-only-key-not-for-production-use-8f2b6c1e9d4a7
test: export DJANGO_ALLOWED_HOSTS ?= testserver,localhost,127.0.0.1
test: export DJANGO_HTTPS ?= 0
test: $(STAMP) compilemessages
	$(BIN)/python manage.py makemigrations --check --dry-run -v 1
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

test-browser: export DJANGO_SECRET_KEY ?= test-only-key-not-for-production-use-8f2b6c1e9d4a7
test-browser: export DJANGO_ALLOWED_HOSTS ?= testserver,localhost,127.0.0.1
test-browser: export DJANGO_HTTPS ?= 0
test-browser: export SCREENSHOT_DIR ?= $(CURDIR)/screenshots
test-browser: $(STAMP) compilemessages
	mkdir -p "$(SCREENSHOT_DIR)"
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refreshes locale/*/LC_MESSAGES/django.po from the code and templates.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --all --no-location --ignore=.venv --ignore=tests --ignore=staticfiles --ignore=var
	$(BIN)/python manage.py makemessages --all --no-location -d djangojs --ignore=.venv --ignore=tests --ignore=static/vendor --ignore=static/admin --ignore=staticfiles --ignore=var

clean:
	rm -rf $(VENV) db.sqlite3 media
