# The commands README names. Everything runs inside .venv, made from requirements*.txt with only python3 needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-fast lint format migrate demo admin serve bench messages clean

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
	$(BIN)/python manage.py ensure_admin

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

# Compile the Vietnamese catalogue (needs gettext's msgfmt only when messages change; the .mo is committed).
messages: install
	$(BIN)/python manage.py makemessages -l vi --ignore=.venv --ignore=static/vendor --no-location
	$(BIN)/python manage.py compilemessages -l vi --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
