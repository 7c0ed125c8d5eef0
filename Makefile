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
PROPERDOCS_VENV := .venv-properdocs
TECHDOCS_VENV := .venv-techdocs

setup: $(VENV)/.installed $(MERMAID) $(SAMPLE_REPO)/.git

# The demo's code and commit references come from a small generated git repository.
$(SAMPLE_REPO)/.git: scripts/make_sample_repo.py $(VENV)/.installed
	$(PY) scripts/make_sample_repo.py $(SAMPLE_REPO)

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test,site]"
	touch $@

# Diagrams are drawn by mermaid served from the site itself, installed here, never from a CDN.
$(MERMAID): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: setup
	$(VENV)/bin/lore serve

build: setup
	$(MKDOCS) build --strict

check: setup
	$(VENV)/bin/lore check

# ProperDocs, the maintained fork of MkDocs 1.6, in a venv of its own: the demo must build there too.
$(PROPERDOCS_VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet -c constraints.txt -e ".[properdocs,site]"
	touch $@

# Backstage TechDocs' mkdocs-techdocs-core pins its own Material and pymdown-extensions: a venv of its own too.
$(TECHDOCS_VENV)/.installed: pyproject.toml constraints-techdocs.txt
	python3 -m venv $(TECHDOCS_VENV)
	$(TECHDOCS_VENV)/bin/python -m pip install --quiet -c constraints-techdocs.txt -e ".[site]" mkdocs-techdocs-core
	touch $@

test: setup $(PROPERDOCS_VENV)/.installed $(TECHDOCS_VENV)/.installed
	$(PY) -m pytest

clean:
	rm -rf $(VENV) $(PROPERDOCS_VENV) $(TECHDOCS_VENV) node_modules site .lore
