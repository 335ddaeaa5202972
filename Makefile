# The front door: `make report` and `make test` (both set up .venv when missing).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export SOURCE_DATE_EPOCH := 0
export PYTHONHASHSEED := 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1

LOCK := requirements.lock
UV_VERSION := 0.13.9

.PHONY: report test lint unit notebooks lab extract evaluate bench clean setup browser lock

## setup: .venv with exactly the versions (and hashes) of requirements.lock, then the project itself
setup: $(STAMP)

$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -r $(LOCK)
	$(BIN)/python -m pip install -qq --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name mali-defence --display-name "Python (mali-defence)" >/dev/null
	@touch $(STAMP)

## lock: re-resolve requirements.lock from pyproject.toml, main and dev dependencies, for Python 3.11
## on Linux x86_64, with hashes, by `uv pip compile pyproject.toml --extra dev --python-version 3.11.7
## --python-platform x86_64-unknown-linux-gnu --generate-hashes -o requirements.lock`; versions
## already pinned there are kept unless ARGS=--upgrade (or ARGS="--upgrade-package NAME")
lock:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11.7 \
	  --python-platform x86_64-unknown-linux-gnu --generate-hashes --quiet -o $(LOCK) $(ARGS)

## report: run every notebook with papermill; write figures/, build/, reports/ (ARGS="--force" etc.)
report: $(STAMP)
	$(BIN)/python -m helpers run $(ARGS)

## test: lint, validate data, unit tests, notebooks under nbval, figures and browser checks
test: $(STAMP) browser
	$(BIN)/ruff check src tests notebooks
	$(BIN)/ruff format --check src tests notebooks
	$(BIN)/python -m helpers validate
	$(BIN)/python -m pytest -n 2 tests -m "not notebook"
	$(BIN)/python -m pytest tests -m notebook
	$(BIN)/python -m pytest --nbval -p no:randomly --nbval-sanitize-with tests/nbval_sanitize.cfg \
	  --notebook-parameter figures_dir=build/nbval/figures --notebook-parameter tables_dir=build/nbval/tables notebooks/

## browser: make sure headless Chromium (Debian's package) is there for the browser test
browser:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser test"; \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	  (sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null); }

## extract: draft event tables from a corpus folder (CORPUS=data/raw OUT=data/interim/extract)
CORPUS ?= data/raw
OUT ?= data/interim/extract
extract: $(STAMP)
	$(BIN)/python -m helpers extract --corpus $(CORPUS) --out $(OUT) $(ARGS)

## evaluate: extract the development, held-out and blind articles and score them against their gold tables
EVAL_SPLITS ?= dev heldout blind
evaluate: $(STAMP)
	@for split in $(EVAL_SPLITS); do \
	  out=build/evaluate/$$split; rm -rf $$out; \
	  $(BIN)/python -m helpers extract --corpus tests/fixtures/extract/$$split/raw --out $$out --no-progress >/dev/null 2>&1 \
	    || test -f $$out/events.csv || { echo "extract failed on $$split"; exit 1; }; \
	  echo "== $$split"; \
	  $(BIN)/python -m helpers evaluate --gold tests/fixtures/extract/$$split --pred $$out --by-type || exit 1; \
	done

## bench: measure extraction, notebooks at 1k/10k/100k events and report caching; writes build/bench.json
bench: $(STAMP)
	$(BIN)/python -m helpers bench $(ARGS)

## lab: JupyterLab on the project with the project's kernel
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=.

clean:
	rm -rf build reports .pytest_cache
