# Newsroom — `make run` serves the demo, `make test` runs the suite (on PostgreSQL too
# with DATABASE_URL set: .ci/run runs both).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 3
# Tests run with the development key and plain static storage (no collectstatic needed).
TEST_ENV := DEBUG=1 STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage

.PHONY: help install install-dev run serve migrate seed test test-browser lint format messages clean

help:
	@echo "make run    create the venv, install, migrate, load the demo, serve on :$(PORT)"
	@echo "make test   the suite (browser tests need /usr/bin/chromium; PostgreSQL-only tests"
	@echo "            need DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_x)"
	@echo "make lint   ruff check + ruff format --check"
	@echo "make backup            back up the database into backups/"
	@echo "make restore FILE=...  replace the database with a backup"

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 not found"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

seed: migrate
	# Feeds and sitemaps name the address the demo is served at.
	DEBUG=1 SITE_DOMAIN=127.0.0.1:$(PORT) $(BIN)/python manage.py seed_demo --with-demo-accounts

# The demo is served as readers get it: DEBUG off, hashed static files, a secret key of
# this checkout's own (.secret_key, never committed); only the settings that need TLS are
# relaxed, since it answers plain HTTP on loopback.
SERVE_ENV = DEBUG=0 SECRET_KEY="$$(cat .secret_key)" SECURE_SSL_REDIRECT=0 \
	SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0 \
	EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend

.secret_key: | $(BIN)/python
	umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: seed .secret_key
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "Newsroom is ready: http://127.0.0.1:$(PORT)/  (English: http://127.0.0.1:$(PORT)/en/)"
	@DEBUG=1 $(BIN)/python manage.py demo_accounts --url http://127.0.0.1:$(PORT)
	@echo ""
	$(SERVE_ENV) EDGE_PURGE_URLS="$(EDGE_PURGE_URLS)" $(BIN)/gunicorn newsroom.wsgi:application \
		--bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile -

# `make run` behind an edge cache: Varnish with deploy/varnish/newsroom.vcl on EDGE_PORT,
# purged by the app after each write (Debian's varnish and varnish-modules, installed when
# missing). Readers use the edge's port; the admin works through either.
EDGE_PORT ?= 8080
EDGE_DIR := $(CURDIR)/.edge
HAVE_EDGE := command -v varnishd >/dev/null && ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1

.PHONY: edge
# The edge and the app share a new secret each time: the edge's Surrogate-Capability.
edge: install
	@$(HAVE_EDGE) || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish varnish-modules; }
	mkdir -p $(EDGE_DIR) && chmod 755 $(EDGE_DIR)
	capability=newsroom-$$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')=ESI/1.0; \
	EDGE_SURROGATE_CAPABILITY=$$capability deploy/varnish/site-vcl 127.0.0.1 $(PORT) \
		> $(EDGE_DIR)/newsroom-site.vcl && \
	varnishd -a 127.0.0.1:$(EDGE_PORT) -f $(CURDIR)/deploy/varnish/newsroom.vcl \
		-p vcl_path=$(EDGE_DIR):/usr/share/varnish/vcl -n $(EDGE_DIR)/work \
		-s malloc,256m -T none -P $(EDGE_DIR)/varnishd.pid && \
	echo "Through the edge: http://127.0.0.1:$(EDGE_PORT)/ (stopped with the server)" && \
	trap 'kill $$(cat $(EDGE_DIR)/varnishd.pid)' EXIT && \
		$(MAKE) --no-print-directory run EDGE_PURGE_URLS=http://127.0.0.1:$(EDGE_PORT)/ \
		EDGE_SURROGATE_CAPABILITY=$$capability

test: install-dev
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

test-browser: install-dev
	$(TEST_ENV) $(BIN)/python -m pytest tests/browser $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Recompile the committed message catalogues after editing locale/*/LC_MESSAGES/django.po.
messages: install-dev
	DEBUG=1 $(BIN)/python manage.py makemessages -l fr -l en --ignore=.venv --no-obsolete
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

# Backups: pg_dump/pg_restore on PostgreSQL, SQLite's online backup API (never a raw cp).
.PHONY: backup restore
backup: install
	DEBUG=1 $(BIN)/python manage.py backup_db

restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/newsroom-….dump"; exit 1; }
	DEBUG=1 $(BIN)/python manage.py restore_db "$(FILE)"

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Performance and load (loopback only; PostgreSQL and Redis on 127.0.0.1 when they answer).
# `make bench BENCH_QUICK=1 BENCH_SCALES=200` is a fast smoke run; see bench/.
.PHONY: bench bench-election loadtest
BENCH_SCALES ?= 200 20000
SUDO := $(shell test "$$(id -u)" = 0 || echo sudo)
INSTALL_WRK := command -v wrk >/dev/null || $(SUDO) apt-get install -y wrk \
	|| { $(SUDO) apt-get update && $(SUDO) apt-get install -y wrk; }

bench: install
	@$(INSTALL_WRK)
	BENCH_SCALES="$(BENCH_SCALES)" $(BIN)/python -m bench.bench

# Election night: reader mix over the whole corpus with and without one result write per
# second; freshness delay, hit ratio, targets (bench/election.py).
bench-election: install
	@$(INSTALL_WRK)
	@$(HAVE_EDGE) || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish varnish-modules; }
	$(BIN)/python -m bench.election

loadtest: install
	@$(INSTALL_WRK)
	$(BIN)/python -m bench.loadtest
