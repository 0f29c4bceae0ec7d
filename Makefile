# The two commands a newcomer needs: `make run` and `make test`.
# Both create .venv/ in the checkout and install what they need into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INPUT  ?= input
OUTPUT ?= output
BASE_URL ?= http://localhost:8000/

.PHONY: run test test-quick check clean

run: $(VENV)/.installed
	$(BIN)/audio-edition build $(INPUT) --out $(OUTPUT) --base-url $(BASE_URL)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# Hear the episodes in $(OUTPUT) back and flag what went wrong (the [check] extra).
check: $(VENV)/.installed-check
	$(BIN)/audio-edition check $(OUTPUT)

# The tests not marked slow: under two minutes, for the edit-test loop.
test-quick: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not slow"

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-check: $(VENV)/.created pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[check]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-test: $(VENV)/.created pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,check]'
	touch $@ $(VENV)/.installed $(VENV)/.installed-check

clean:
	rm -rf $(OUTPUT) $(VENV)
