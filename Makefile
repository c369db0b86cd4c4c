# The two commands in README.md: `make serve` and `make test`. Both set everything up first.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
VENV := .venv/bin

.PHONY: setup serve build test validate translations terms bench lock clean wheel

setup:
	./scripts/setup.sh

serve: setup
	$(VENV)/mkdocs serve --dev-addr 127.0.0.1:8000

# Strict build into a temporary folder, moved into site/ only when it succeeded: a failed build leaves no
# half-written site that could be published.
# The second build is the copy for reading from the file system (hooks/offline.py), zipped into the first.
# CONFIG and SITE can be changed for a test of this very rule (tests/test_build.py).
CONFIG ?= mkdocs.yml
SITE ?= site
build: setup
	rm -rf $(SITE).tmp $(SITE).offline.tmp
	$(VENV)/mkdocs build --strict -f $(CONFIG) --site-dir $(abspath $(SITE).tmp) || { rm -rf $(SITE).tmp; exit 1; }
	OFFLINE_COPY=$(abspath $(SITE).tmp)/download/police-harm-reduction-offline.zip $(VENV)/mkdocs build --strict -f $(CONFIG) \
	  --site-dir $(abspath $(SITE).offline.tmp) || { rm -rf $(SITE).tmp $(SITE).offline.tmp; exit 1; }
	rm -rf $(SITE).offline.tmp $(SITE) && mv $(SITE).tmp $(SITE)

validate: setup
	$(VENV)/python -m quiz_plugin validate docs

# The quiz plugin as a package (quiz_plugin/README.md): $(DIST)/mkdocs_quiz_banks-<version>-py3-none-any.whl. Built from
# a copy of its files, so that setuptools writes nothing into the tree; tests/test_package.py builds it this way too.
DIST ?= dist
wheel: setup
	rm -rf $(DIST)/wheel-source && mkdir -p $(DIST)/wheel-source
	cp -r pyproject.toml quiz_plugin $(DIST)/wheel-source/
	$(VENV)/python -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
	  -w $(abspath $(DIST)) $(DIST)/wheel-source
	rm -rf $(DIST)/wheel-source
	@ls $(DIST)/*.whl

# Which Georgian and Russian pages and banks are missing, up to date or outdated (AUTHORING.md, Translations).
translations: setup
	$(VENV)/python -m tools.translations status

# Avoided forms and terms translated another way, with file and line (AUTHORING.md, Terminology).
terms: setup
	$(VENV)/python -m tools.terminology check

test:
	./scripts/setup.sh --browser
	$(VENV)/python -m pytest $(PYTEST_ARGS)

bench: setup
	$(VENV)/python bench/run.py

lock:
	$(VENV)/python -m pip freeze --all --exclude-editable | grep -v "^pip==" > requirements.txt

clean:
	rm -rf site site.tmp site.offline.tmp build dist .pytest_cache
