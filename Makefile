# The two commands in README.md: `make serve` and `make test`. Both set everything up first.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
VENV := .venv/bin

.PHONY: setup serve build test validate translations bench offline lock clean

setup:
	./scripts/setup.sh

serve: setup
	$(VENV)/mkdocs serve --dev-addr 127.0.0.1:8000

# Strict build into a temporary folder, moved into site/ only when it succeeded: a failed build leaves no
# half-written site that could be published.
# The second build is the copy for reading from the file system (hooks/offline.py), zipped into the first.
build: setup
	rm -rf site.tmp site.offline.tmp
	$(VENV)/mkdocs build --strict --site-dir site.tmp
	OFFLINE_COPY=site.tmp/download/police-harm-reduction-offline.zip $(VENV)/mkdocs build --strict --site-dir site.offline.tmp
	rm -rf site.offline.tmp site && mv site.tmp site

validate: setup
	$(VENV)/python -m quiz_plugin validate docs

# Which Georgian and Russian pages and banks are missing, up to date or outdated (AUTHORING.md, Translations).
translations: setup
	$(VENV)/python -m tools.translations status

test:
	./scripts/setup.sh --browser
	$(VENV)/python -m pytest $(PYTEST_ARGS)

bench: setup
	$(VENV)/python bench/run.py

lock:
	$(VENV)/python -m pip freeze --all --exclude-editable | grep -v "^pip==" > requirements.txt

clean:
	rm -rf site site.tmp site.offline.tmp build .pytest_cache
