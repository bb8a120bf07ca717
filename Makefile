# Two entry points for a fresh machine with Python 3.11+ and make: `make demo`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test clean bench bench-quick bench-all bench-clean bench-search bench-upsert bench-warc bench-workers

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "forum-harvest needs Python 3.11+, $(PYTHON) is " + sys.version.split()[0])'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/forum-harvest demo --db sqlite:///data/forum.db

test: install
	$(BIN)/python -m pytest -q

# Benches. bench/crawl.py: our crawl against bare Scrapy on a synthetic site served by nginx
# (installed with apt-get when missing); figures in bench/results/latest.json. The others
# measure one stage each; `make bench-all` runs every one of them in turn.
bench: install
	$(BIN)/python bench/crawl.py --pages 2500,25000 --profile 25 --repeats 2

bench-quick: install
	$(BIN)/python bench/crawl.py --pages 2500

bench-clean: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	PYTHONPATH=. $(BIN)/python bench/clean.py

bench-search: install
	PYTHONPATH=. $(BIN)/python bench/search.py

bench-upsert: install
	PYTHONPATH=. $(BIN)/python bench/upsert.py

bench-warc: install
	PYTHONPATH=. $(BIN)/python bench/warc.py

bench-workers: install
	PYTHONPATH=. $(BIN)/python bench/workers.py

bench-all: bench bench-clean bench-search bench-upsert bench-warc bench-workers

clean:
	rm -rf $(VENV) data .pytest_cache .hypothesis *.egg-info
