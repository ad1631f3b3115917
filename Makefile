# Marsad — the two commands of the README are `make run` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STORE  ?= data/store
PORT   ?= 8501
N      ?= 20000
APP_N  ?= 1000000

.PHONY: run test install dev static store bench bench-app eval clean lint

$(VENV)/.installed: requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
dev: $(VENV)/.dev-installed

static: install
	$(PY) -m marsad.assets

$(STORE)/manifest.json: | install
	$(PY) -m marsad --store $(STORE) ingest data/sample --quiet || test $$? -eq 1

store: $(STORE)/manifest.json

run: install static store
	MARSAD_STORE=$(STORE) $(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true

test: dev static
	$(PY) -m pytest -q

bench: install
	$(PY) -m marsad.bench --articles $(N)

bench-app: dev static
	$(PY) scripts/bench_app.py --articles $(APP_N)

eval: install
	$(PY) -m marsad.evaluate

clean:
	rm -rf $(VENV) static tests/artifacts .pytest_cache
