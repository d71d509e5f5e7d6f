# policy-lens: one command to set up and run everything, one to test it.
#   make all    create .venv, install pinned dependencies, build data/processed/, then write
#               every figure (reports/figures), export the tables (reports/tables) and
#               execute the notebooks (reports/notebooks)
#   make test   same set-up, then lint and the whole test suite (it executes the notebooks)
#   make lab    JupyterLab on the project; notebooks/*.py open as notebooks (jupytext)
#   make test-browser  JupyterLab in a real browser (Debian chromium, installed if missing,
#               driven by playwright): opens and runs notebooks 00 and 03 (a few minutes)
#   make bench  same set-up, then time core builds of 1M/5M/10M/20M-character scaled
#               corpora, the full build at 1M, a repetitive 300k corpus and the hand-written
#               jieba + scikit-learn script (prints tables and the target ratios, writes
#               benchmarks/results.csv and results_repetitive.csv)
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := all

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP_VERSION := 26.3
CONSTRAINTS := requirements/constraints.txt
STAMP  := $(VENV)/.policy-lens-installed
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.PHONY: all setup build figures figures-en export notebooks readme-figures test test-fast test-browser bench \
        lint format lab lock clean clean-outputs clean-numba

all: build figures export notebooks

# The virtual environment is rebuilt when the dependency list or the pins change.
$(STAMP): pyproject.toml $(CONSTRAINTS)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "pip==$(PIP_VERSION)"
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e ".[dev]"
	@touch $@

setup: $(STAMP)

build: setup
	$(VENV)/bin/policy-lens build

# Every figure of the catalog (analysis.report.FIGURES) as PNG 300 dpi + SVG, with
# reports/figures/MANIFEST.csv (checksums). PDF too: make figures FIGURE_FORMATS=png,svg,pdf
FIGURE_FORMATS ?= png,svg
figures: build
	$(VENV)/bin/policy-lens figures --formats $(FIGURE_FORMATS)

# The same figures with English titles, axes and glosses, in reports/figures_en/
figures-en: build
	$(VENV)/bin/policy-lens figures --english --formats $(FIGURE_FORMATS)

# The analysis tables as CSV (UTF-8 with BOM) + one XLSX workbook in reports/tables/
export: build
	$(VENV)/bin/policy-lens export

# Execute notebooks/*.py headless into reports/notebooks/ (.ipynb + HTML)
notebooks: build
	$(VENV)/bin/policy-lens notebooks

# The few PNGs shown in README.md (docs/img/, committed; a test checks they are current)
readme-figures: build
	rm -f docs/img/*.png docs/img/MANIFEST.csv
	$(VENV)/bin/policy-lens figures --readme

lint: setup
	$(VENV)/bin/ruff check .

format: setup
	$(VENV)/bin/ruff format .

test: setup lint
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not slow" -x -q -n 2

# Debian's chromium (never a browser download: playwright drives /usr/bin/chromium), then the
# tests marked `browser` (tests/browser/), which start JupyterLab through `make lab`.
# Screenshots and server logs of a failure go to reports/browser/.
CHROMIUM := /usr/bin/chromium
SUDO := $$( [ "$$(id -u)" = 0 ] || echo sudo )
test-browser: setup
	@test -x $(CHROMIUM) || { echo "installing Debian's chromium (apt-get)"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }
	$(PY) -m pytest -m browser tests/browser

# .jupyter/labconfig (added to the config path, nothing installed) makes .py files open as
# notebooks through jupytext; the notebooks build data/processed/ themselves if needed.
# The default run (1M, 5M, 10M, 20M; core and full builds, the hand-written script, a 1M
# repetitive corpus) prints every target ratio; a build over --timeout (900 s) is stopped.
# BENCH_ARGS="--sizes 1M --jieba-chars 500k" for a quick run; --no-reuse uses the reuse
# opt-out; --jieba-full measures the pure-jieba build on the whole corpus (slow).
BENCH_ARGS ?=
bench: setup
	$(PY) benchmarks/bench.py $(BENCH_ARGS)

# LAB_ARGS are appended (the browser test adds --no-browser, a port and a token).
# --LabApp.default_url is the one JupyterLab reads (--ServerApp.default_url is ignored);
# --allow-root only for root (Docker, servers), where jupyter otherwise refuses to start.
LAB_ARGS ?=
lab: setup
	env -u MPLBACKEND \
	  JUPYTER_CONFIG_PATH="$(CURDIR)/.jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(VENV)/bin/jupyter lab --notebook-dir="$(CURDIR)" \
	  --LabApp.default_url=/lab/tree/notebooks/00_corpus_overview.py \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) $(LAB_ARGS)

# Re-pin: resolve the newest allowed versions into a fresh venv and freeze them.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet "pip==$(PIP_VERSION)" && .venv-lock/bin/pip install --quiet -e ".[dev]"
	{ echo "# Exact versions for every package installed by 'make' (pip -c). Regenerate with 'make lock'."; \
	  .venv-lock/bin/pip freeze --exclude-editable | grep -v '^policy-lens' | sort -f; } > $(CONSTRAINTS)
	rm -rf .venv-lock

clean-outputs:
	find data/processed reports -type f ! -name .gitkeep ! -name README.md -delete

# numba checks only the file of a cached function, so after editing a compiled function
# that another module's compiled code calls, drop the cached machine code
clean-numba:
	find src -path '*__pycache__*' \( -name '*.nbi' -o -name '*.nbc' \) -delete

clean: clean-outputs clean-numba
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
