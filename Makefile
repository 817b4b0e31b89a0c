# Two commands for a newcomer: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test lint db bench fuzz screenshots dist fresh-check clean eval

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Drug Guide needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || \
		{ echo "Cannot create a virtual environment: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,build,package]"
	@touch $@

run: $(INSTALLED)
	@scripts/system-deps.sh run
	@[ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ -n "$$QT_QPA_PLATFORM" ] || \
		{ echo "No screen found (DISPLAY and WAYLAND_DISPLAY are unset): run this from a desktop session, or try xvfb-run make run."; exit 1; }
	$(BIN)/drug-guide

lint: $(INSTALLED)
	$(BIN)/ruff check desktop db devtools tests benchmarks scripts evaluation
	$(BIN)/lint-imports

test: $(INSTALLED)
	@PYTHON=$(BIN)/python scripts/system-deps.sh test
	$(MAKE) --no-print-directory lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not isolated"
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m isolated

db: $(INSTALLED)
	$(BIN)/python -m db.build

bench: $(INSTALLED)  ## includes bundle size and frozen start-up once `make dist` has run
	$(BIN)/python -m benchmarks

fuzz: $(INSTALLED)
	QT_QPA_PLATFORM=offscreen HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -m "not frozen" -k fuzz --timeout=0

SHOT_SIZES := 1366x768 1024x600
SHOT_ZOOMS := 100 200
SHOT_THEMES := light dark

screenshots: $(INSTALLED)  ## every page at each size, zoom and theme
	@for size in $(SHOT_SIZES); do for zoom in $(SHOT_ZOOMS); do for theme in $(SHOT_THEMES); do \
		QT_QPA_PLATFORM=offscreen $(BIN)/python -m devtools.screenshots screenshots/offscreen \
			--size $$size --zoom $$zoom --theme $$theme || exit 1; \
	done; done; done
	@if command -v xvfb-run >/dev/null; then \
		for size in $(SHOT_SIZES); do for zoom in $(SHOT_ZOOMS); do \
			xvfb-run -a -s "-screen 0 $${size}x24" env QT_QPA_PLATFORM=xcb \
				$(BIN)/python -m devtools.screenshots screenshots/xvfb \
				--size $$size --zoom $$zoom || exit 1; \
		done; done; \
	else echo "For real-X screenshots: sudo apt-get install xvfb libxcb-cursor0"; fi

dist: $(INSTALLED)  ## PUBLISHER_KEY=path/to/key.pub embeds that publisher key in the build
	@PYTHON=$(BIN)/python scripts/system-deps.sh dist
	PUBLISHER_KEY="$(PUBLISHER_KEY)" scripts/make-dist.sh

fresh-check:  ## needs root, debootstrap and the package registries; not part of make test
	scripts/fresh-check.sh

clean:
	rm -rf $(VENV) build dist screenshots .pytest_cache .ruff_cache .hypothesis

eval: $(INSTALLED)  ## the triage evaluation corpus: misses, then one JSON line
	$(BIN)/python -m evaluation
