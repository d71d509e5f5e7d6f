# policy-lens: one command to set up and run everything, one to test it.
#   make all    create .venv, install pinned dependencies, build data/processed/
#   make test   same set-up, then lint and the whole test suite
#   make bench  same set-up, then time builds of 5M/10M/20M-character scaled corpora
#               (a few minutes; prints a table, writes benchmarks/results.csv)
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

.PHONY: all setup build test test-fast bench lint format lab lock clean clean-outputs

all: build

# The virtual environment is rebuilt when the dependency list or the pins change.
$(STAMP): pyproject.toml $(CONSTRAINTS)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "pip==$(PIP_VERSION)"
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e ".[dev]"
	@touch $@

setup: $(STAMP)

build: setup
	$(VENV)/bin/policy-lens build

lint: setup
	$(VENV)/bin/ruff check .

format: setup
	$(VENV)/bin/ruff format .

test: setup lint
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not slow" -x -q

# BENCH_ARGS="--sizes 1M --jieba-chars 500k" for a quick run; --jieba-full measures the
# pure-jieba build on the whole corpus instead of extrapolating it (slow).
BENCH_ARGS ?=
bench: setup
	$(PY) benchmarks/bench.py $(BENCH_ARGS)

lab: setup
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

# Re-pin: resolve the newest allowed versions into a fresh venv and freeze them.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet "pip==$(PIP_VERSION)" && .venv-lock/bin/pip install --quiet -e ".[dev]"
	{ echo "# Exact versions for every package installed by 'make' (pip -c). Regenerate with 'make lock'."; \
	  .venv-lock/bin/pip freeze --exclude-editable | grep -v '^policy-lens' | sort -f; } > $(CONSTRAINTS)
	rm -rf .venv-lock

clean-outputs:
	find data/processed reports -type f ! -name .gitkeep ! -name README.md -delete

clean: clean-outputs
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
