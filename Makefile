# The two commands of the README: `make run` and `make test`. Each creates .venv from the pinned requirements.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench stress lab lint lock clean corpus-readme

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/scoreatlas build corpus/texts --store build/atlas
	$(BIN)/scoreatlas audit --store build/atlas
	$(BIN)/scoreatlas report --store build/atlas -o build/report.html

# The suite, then the end-to-end check: the shipped corpus built into build/atlas must audit clean.
test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n 2 tests
	$(BIN)/scoreatlas build corpus/texts --store build/atlas --quiet
	$(BIN)/scoreatlas audit --store build/atlas

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# The long robustness runs (about an hour on 2 cores): kills, concurrent builds, full-size hostile files, fuzzing,
# 10,000 canaries. Figures in benchmarks/RESULTS-stress.md.
stress: $(STAMP)
	$(BIN)/python benchmarks/stress.py

corpus-readme: $(STAMP)
	$(BIN)/scoreatlas build corpus/texts --store build/atlas --quiet
	$(BIN)/scoreatlas corpus-table --store build/atlas --readme corpus/README.md

# JupyterLab on the notebooks; they build build/atlas themselves when it is missing.
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

lock: $(STAMP)
	{ echo "# Every dependency, pinned (direct ones are listed in pyproject.toml). Regenerate with: make lock"; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > requirements.txt

clean:
	rm -rf build .pytest_cache
