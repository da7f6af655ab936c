# The two commands of the README: `make run` and `make test`. Everything they need is installed here.
VENV := .venv
PY := $(VENV)/bin/python
DEV := DEBUG=1
CHROMIUM := /usr/bin/chromium
# Screenshots of Chinese pages need a CJK font, or Chromium draws empty boxes.
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
PORT ?= 8000
# Links in emails point at the port `make run` serves (SITE_URL from the environment wins; production sets it).
RUN_SITE_URL := $(or $(SITE_URL),http://127.0.0.1:$(PORT))
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint serve worker messages translations

$(VENV)/installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

run: $(VENV)/installed
	$(DEV) $(PY) manage.py migrate --no-input
	$(DEV) $(PY) manage.py load_seed_trials
	@echo "Open http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	@# The background worker (emails, re-judging) runs beside the server and stops with it.
	@$(DEV) SITE_URL=$(RUN_SITE_URL) $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV) SITE_URL=$(RUN_SITE_URL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: lint $(CHROMIUM) $(CJK_FONT)
	$(VENV)/bin/pytest

# Lint, formatting and the one-way dependencies between apps (contracts in pyproject.toml).
lint: $(VENV)/installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

# Translations: `make messages` collects new strings into locale/zh_Hans/LC_MESSAGES/django.po (needs GNU
# gettext); after translating them, `make translations` compiles the .mo in pure Python (polib), the same on
# every machine. A test fails when the committed .mo is not what the .po compiles to.
messages: $(VENV)/installed
	$(DEV) $(PY) manage.py makemessages -l zh_Hans --no-location --no-obsolete -i ".venv/*" -i "tests/*" -i "staticfiles/*"

translations: $(VENV)/installed
	$(DEV) $(PY) manage.py compile_translations

# Production: settings come from the environment (see README, "Running in production"); gunicorn's own
# (BIND, default 127.0.0.1:8000; WEB_CONCURRENCY; FORWARDED_ALLOW_IPS; the access log) from screener/gunicorn_conf.py.
serve: $(VENV)/installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input -v0
	$(PY) manage.py build_catalogue
	$(VENV)/bin/gunicorn screener.wsgi:application -c python:screener.gunicorn_conf

# Production: the background worker, one per machine or more (run beside `make serve`).
worker: $(VENV)/installed
	$(PY) manage.py db_worker

# Browser tests drive Debian's Chromium; Playwright's own browser download is never used.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null

$(CJK_FONT):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-noto-cjk >/dev/null
