# Two commands set everything up on a fresh machine with Python 3.11 and make:
#   make run   — install into .venv and run the main job on the plans in plans/
#   make test  — install into .venv and run every check and test
# Both install exactly what requirements-dev.lock pins, every file checked against its hash.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements-dev.lock
# Installs print errors only (a machine's pip config may warn about its own mirrors on every package);
# no version check, no cache to trust or fill.
PIP    := $(BIN)/python -m pip --quiet --quiet --disable-pip-version-check --no-cache-dir

.PHONY: run test lint typecheck imports pytest plancheck install lock upgrade clean git-setup

# The lock pins pip and flit_core too, so the project itself installs without build isolation
# (nothing resolved at install time that the lock does not name).
$(STAMP): $(LOCK) pyproject.toml
	@echo "cchc: cài đặt vào $(VENV) đúng các phiên bản trong $(LOCK) (kiểm tra hash)…"
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --require-hashes --no-deps -r $(LOCK)
	@$(PIP) install --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@$(BIN)/cchc due --agency "Sở Tư pháp"

lint: $(STAMP)
	$(BIN)/ruff check cchc tests
	$(BIN)/ruff format --check cchc tests

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

# The plans in plans/ and the documented example pass the project's own checks and are in canonical layout (docs/ci.md).
plancheck: $(STAMP)
	$(BIN)/cchc validate --strict plans/ docs/examples/
	$(BIN)/cchc fmt --check plans/ docs/examples/

imports: $(STAMP)
	$(BIN)/lint-imports --no-cache

test: lint typecheck imports pytest plancheck

# Rewrite the locks from pyproject.toml, keeping every pin that still fits (after adding a dependency).
COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	--no-emit-find-links --resolver=backtracking
lock: $(STAMP)
	$(COMPILE) -o requirements.lock pyproject.toml
	$(COMPILE) --extra dev -o $(LOCK) pyproject.toml

# Re-resolve everything to the newest versions pyproject.toml allows, reinstall, run the whole suite.
upgrade: $(STAMP)
	$(COMPILE) --upgrade -o requirements.lock pyproject.toml
	$(COMPILE) --upgrade --extra dev -o $(LOCK) pyproject.toml
	rm -rf $(VENV)
	$(MAKE) test

# Plain `git diff` / `git log -p` of plans/ read item by item (docs/review.md).
git-setup: $(STAMP)
	$(BIN)/cchc git-setup

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .cchc_cache
