# The commands README names. Everything runs inside .venv, made from requirements*.txt with only python3 needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: backup restore loadtest install run test test-fast lint format migrate demo admin serve bench messages clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# A local .env for development: DEBUG on, a random SECRET_KEY. Never committed.
.env:
	$(BIN)/python -c "import secrets; print('DEBUG=true'); print('SECRET_KEY=' + secrets.token_urlsafe(50)); print('ALLOWED_HOSTS=127.0.0.1,localhost')" > .env

migrate: install .env
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

admin: migrate
	$(BIN)/python manage.py ensure_admin --url http://$(HOST):$(PORT)/admin/

run: demo admin
	@echo "Portal: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest -n 2 -p no:cacheprovider

test-fast: install
	$(BIN)/pytest -x -q -m "not e2e" --reuse-db

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Rebuild the Vietnamese catalogue (needs gettext; the compiled .mo is committed so running needs none).
# Translations are written in locale/parts/*.po (one file per area of the code); locale/vi/.../django.po is generated
# from the source strings and those parts, then compiled.
messages: install
	DEBUG=true $(BIN)/python manage.py makemessages -l vi --keep-pot --no-location --no-obsolete \
		--ignore=.venv --ignore=static/vendor --ignore=tests --ignore=benchmarks --ignore=staticfiles
	msgcat --use-first --no-location -o locale/compendium.tmp.po locale/parts/*.po
	msgmerge --quiet --no-fuzzy-matching --no-location -o locale/vi/LC_MESSAGES/django.po locale/compendium.tmp.po locale/django.pot
	rm -f locale/compendium.tmp.po locale/django.pot
	DEBUG=true $(BIN)/python manage.py compilemessages -l vi --ignore=.venv
	@msgattrib --untranslated locale/vi/LC_MESSAGES/django.po | grep -c '^msgid ' | xargs -I{} echo "untranslated entries (count includes the header): {}"

# Production serving: gunicorn (gunicorn.conf.py: 2 sync workers, WEB_CONCURRENCY to change, 127.0.0.1:8000,
# GUNICORN_BIND to change, access log on stdout) with DEBUG off, static files collected and served by WhiteNoise.
# DEBUG off means SECRET_KEY and ALLOWED_HOSTS must be set (environment or .env) or the portal refuses to start.
# It expects TLS at a reverse proxy (docs/deployment.md); to try it over plain http on this machine:
#   SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false make serve
serve: install
	DEBUG=false $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=false $(BIN)/python manage.py migrate --noinput
	-DEBUG=false $(BIN)/python manage.py invalidate_cache  # what the previous code kept is stale; not fatal
	DEBUG=false $(BIN)/gunicorn --config gunicorn.conf.py

# Benchmarks (docs/performance.md): about 12 minutes; SQLite by default, PostgreSQL with DATABASE_URL (it uses its
# own database portal_bench on that server). wrk drives the load: `apt-get install wrk` (skipped if missing).
bench: install
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Backups (docs/security.md): a timestamped archive of the database and the media files in backups/, and its restore
# into an EMPTY database (DATABASE_URL) and MEDIA_ROOT.
backup: install
	$(BIN)/python manage.py backup

restore: install
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/<timestamp>.tar.gz"; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"

# Load test (docs/security.md): gunicorn with 2 workers on PostgreSQL (database portal_loadtest, recreated), 50 clients
# for 60 s mixing searches, member and event pages and admin saves; fails on any error or lost write. Not in `make test`.
loadtest: install
	$(BIN)/python benchmarks/loadtest/run.py $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
