# The two commands of the README: `make run` and `make test`. Everything they need is installed here.
VENV := .venv
PY := $(VENV)/bin/python
DEV := DEBUG=1
CHROMIUM := /usr/bin/chromium
# Screenshots of Chinese pages need a CJK font, or Chromium draws empty boxes.
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint serve messages translations

$(VENV)/installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

run: $(VENV)/installed
	$(DEV) $(PY) manage.py migrate --no-input
	$(DEV) $(PY) manage.py load_seed_trials
	@echo "Open http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

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

# Production: settings come from the environment (see README, "Running in production").
# The access log leaves out query strings: a staff search may be a patient's name.
serve: $(VENV)/installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input -v0
	$(VENV)/bin/gunicorn screener.wsgi:application --bind $${BIND:-0.0.0.0:8000} --workers $${WEB_CONCURRENCY:-4} --access-logfile - --access-logformat '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms' --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# Browser tests drive Debian's Chromium; Playwright's own browser download is never used.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null

$(CJK_FONT):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-noto-cjk >/dev/null
