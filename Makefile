# The two commands in README.md: `make serve` and `make test`. Both set everything up first.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
VENV := .venv/bin

.PHONY: setup serve build test validate bench offline lock clean

setup:
	./scripts/setup.sh

serve: setup
	$(VENV)/mkdocs serve --dev-addr 127.0.0.1:8000

# Strict build into a temporary folder, moved into site/ only when it succeeded: a failed build leaves no
# half-written site that could be published.
build: setup
	rm -rf site.tmp
	$(VENV)/mkdocs build --strict --site-dir site.tmp
	rm -rf site && mv site.tmp site

validate: setup
	$(VENV)/python -m quiz_plugin validate docs

test:
	./scripts/setup.sh --browser
	$(VENV)/python -m pytest $(PYTEST_ARGS)

bench: setup
	$(VENV)/python bench/run.py

lock:
	$(VENV)/python -m pip freeze --all --exclude-editable | grep -v "^pip==" > requirements.txt

clean:
	rm -rf site site.tmp build .pytest_cache
