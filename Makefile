# Two commands set everything up on a fresh machine with Python 3.11 and make:
#   make run   — install into .venv and run the main job on the plans in plans/
#   make test  — install into .venv and run every check and test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck pytest plancheck install clean git-setup

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/cchc due --agency "Sở Tư pháp"

lint: $(STAMP)
	$(BIN)/ruff check cchc tests
	$(BIN)/ruff format --check cchc tests

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

# The plans in plans/ pass the project's own checks and are in canonical layout (docs/ci.md).
plancheck: $(STAMP)
	$(BIN)/cchc validate --strict plans/
	$(BIN)/cchc fmt --check plans/

test: lint typecheck pytest plancheck

# Plain `git diff` / `git log -p` of plans/ read item by item (docs/review.md).
git-setup: $(STAMP)
	$(BIN)/cchc git-setup

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .cchc_cache
