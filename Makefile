# The two commands of the README: `make run` and `make test`. Everything they need is installed here.
VENV := .venv
PY := $(VENV)/bin/python
DEV := DEBUG=1
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test

$(VENV)/installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

run: $(VENV)/installed
	$(DEV) $(PY) manage.py migrate --no-input
	$(DEV) $(PY) manage.py load_seed_trials
	@echo "Open http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/)"
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/installed $(CHROMIUM)
	$(VENV)/bin/pytest

# Browser tests drive Debian's Chromium; Playwright's own browser download is never used.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null
