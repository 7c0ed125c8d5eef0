# Two commands for a fresh machine with Python 3.11 and Node.js:
#   make serve   set everything up and serve the demo knowledge base
#   make test    set everything up and run the whole test suite
VENV   ?= .venv
PY     := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
MERMAID := node_modules/mermaid/dist/mermaid.min.js
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test check clean

SAMPLE_REPO := .lore/sample-repo

setup: $(VENV)/.installed $(MERMAID) $(SAMPLE_REPO)/.git

# The demo's code and commit references come from a small generated git repository.
$(SAMPLE_REPO)/.git: scripts/make_sample_repo.py $(VENV)/.installed
	$(PY) scripts/make_sample_repo.py $(SAMPLE_REPO)

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

# Diagrams are drawn by mermaid served from the site itself, installed here, never from a CDN.
$(MERMAID): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: setup
	$(MKDOCS) serve

build: setup
	$(MKDOCS) build --strict

check: setup
	$(VENV)/bin/lore check

test: setup
	$(PY) -m pytest

clean:
	rm -rf $(VENV) node_modules site .lore
