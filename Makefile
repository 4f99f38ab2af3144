# The two commands: `make demo` runs the example site, `make test` runs the suite.
# `make nox` runs the rest of the test matrix (noxfile.py), as CI does.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=
NOX_ARGS ?=

.PHONY: install demo test nox bench lint messages clean readme-config

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[testing]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --port $(PORT)
	$(PY) manage.py darksocial_demo_traffic --days 60 --seed 1 --replace
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

$(VENV)/.nox-installed: $(VENV)/.installed
	$(PY) -m pip install --quiet "nox>=2025.10"
	touch $@

nox: $(VENV)/.nox-installed
	$(VENV)/bin/nox $(NOX_ARGS)

bench: install
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) -m django makemigrations --check --dry-run

messages: install
	cd wagtail_darksocial && ../$(PY) -m django makemessages -l fr --no-obsolete \
		&& ../$(PY) -m django compilemessages

clean:
	rm -rf $(VENV) .nox build dist example_site/db.sqlite3* example_site/media

readme-config: install
	$(PY) -c "import re, pathlib; from wagtail_darksocial.conf import reference_table as t; p = pathlib.Path('README.md'); p.write_text(re.sub(r'(<!-- config:start[^\n]*-->\n).*?(<!-- config:end -->)', lambda m: m[1] + t() + '\n' + m[2], p.read_text(), flags=re.S))"
