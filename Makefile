# Two entry points for a fresh machine (Python 3.11): `make run` and `make test`.
# Everything installs into .venv with the exact versions in constraints.txt.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
# Extras the test suite exercises; `make run` needs only the core package.
TEST_EXTRAS ?= dev,serve,eval,kernel,llm,vectorize,data,train,words
# The CPU wheel of torch lies on this disk: asking for the exact version keeps pip from pulling a CUDA build.
TORCH ?= torch==2.13.0

.PHONY: run test setup setup-test system-deps lint bench clean setup-kernel kaggle-utility kaggle-wheels kaggle-metadata dry-run

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip

## Native libraries from Debian: cairo for rendering; Chromium (+ a font) for the browser test of the demo page.
system-deps:
	@./scripts/system_deps.sh

setup: system-deps $(BIN)/python
	$(PIP) install -q -c constraints.txt -e .

setup-test: system-deps $(BIN)/python
	$(PIP) install -q $(TORCH)
	$(PIP) install -q -c constraints.txt -e ".[$(TEST_EXTRAS)]"

## Draw every description of samples/descriptions.csv with the embedded default -> submission.csv + gallery/
run: setup
	$(BIN)/svgllm run samples/descriptions.csv -o submission.csv --gallery gallery
	$(BIN)/svgllm check --csv submission.csv

## The whole test suite
# One converted copy of the small LLM shared by every test folder (and kept between runs).
export SVGLLM_CACHE ?= $(HOME)/.cache/svgllm

test: setup-test
	$(BIN)/python -m pytest -q

lint: setup-test
	$(BIN)/ruff check utility_script tests benchmarks dataset_build training_notebooks kernel

bench: setup-test
	$(BIN)/python benchmarks/bench_core.py

## Kaggle: build the utility script / the wheels dataset, set your username (metadata + notebook), dry run.
# Writing these text files needs only Python; the dry run needs nbdev and the core package (no torch).
KAGGLE_USERNAME ?= svgllm
setup-kernel: system-deps $(BIN)/python
	$(PIP) install -q -c constraints.txt -e ".[kernel]"

kaggle-utility: $(BIN)/python
	$(BIN)/python -m kernel.utility_script --out build/utility_script --owner $(KAGGLE_USERNAME)

kaggle-wheels: $(BIN)/python
	$(BIN)/python -m kernel.wheels --out build/wheels --owner $(KAGGLE_USERNAME)

kaggle-metadata: $(BIN)/python
	$(BIN)/python -m kernel.metadata --owner $(KAGGLE_USERNAME) kernel-metadata.json

dry-run: setup-kernel
	$(BIN)/python -m kernel.dry_run

clean:
	rm -rf $(VENV) submission.csv gallery build .pytest_cache
