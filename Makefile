# The two commands of the README: `make run` and `make test`. Everything they need is installed here.
VENV := .venv
PY := $(VENV)/bin/python
DEV := DEBUG=1
CHROMIUM := /usr/bin/chromium
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint serve

$(VENV)/installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

run: $(VENV)/installed
	$(DEV) $(PY) manage.py migrate --no-input
	$(DEV) $(PY) manage.py load_seed_trials
	@echo "Open http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: lint $(CHROMIUM)
	$(VENV)/bin/pytest

# Lint, formatting and the one-way dependencies between apps (contracts in pyproject.toml).
lint: $(VENV)/installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

# Production: settings come from the environment (see README, "Running in production").
# The access log leaves out query strings: a staff search may be a patient's name.
serve: $(VENV)/installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input -v0
	$(PY) manage.py build_catalogue
	$(VENV)/bin/gunicorn screener.wsgi:application --bind $${BIND:-0.0.0.0:8000} --workers $${WEB_CONCURRENCY:-4} --access-logfile - --access-logformat '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms' --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# Browser tests drive Debian's Chromium; Playwright's own browser download is never used.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null
