# Two entry points for a fresh machine with Python 3.11+ and make: `make demo`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Python caches each module's compiled bytecode in __pycache__ (git ignores it). Some machines
# turn that off (PYTHONDONTWRITEBYTECODE=1, as the ones we develop on do): then every process
# the suite and the demo start compiles all of our modules again (86 s of CPU against 76 s on
# a sample of the suite's crawls, before any cache existed).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install demo test test-durations docs docs-serve real-discuz-test real-phpbb-test clean bench bench-quick bench-large bench-all bench-clean bench-search bench-upsert bench-warc bench-workers bench-media

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "forum-harvest needs Python 3.11+, $(PYTHON) is " + sys.version.split()[0])'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/forum-harvest demo --db sqlite:///data/forum.db

# The suite in parallel, four pytest workers more than the cores (TEST_WORKERS=0: serially).
# Most of the suite's time is end-to-end runs that wait (on a server, a crawl subprocess, a
# kill, a timeout) as much as they compute: with one worker per core and one more, the two
# cores were idle 29% of the run. On 2 cores, the same tree, the same background load: 3
# workers 428.9 s, 4 workers 424.2 s, 6 workers 355.0 s. With 6, the tests handed out longest
# first (tests/durations.json) and each sample-forum engine crawled once per database: a clean
# clone's .ci/run took 303.4 s in all on a quiet machine, install included (6,356 tests in
# 268.6 s, the cores idle 9%, the six workers done within 3.3 s of each other). The tests
# sharing a module fixture run on one worker, so it is built once; any idle worker takes any
# other test (tests/README.md, "Tests under xdist").
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 4 )))
PYTEST_PARALLEL = -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder
test: install
	$(BIN)/python -m pytest -q $(PYTEST_PARALLEL) --durations=15

# The seconds each test takes, which make test hands out longest first (tests/durations.json,
# committed; refresh it when tests were added or got slower or faster).
test-durations: install
	FH_TEST_DURATIONS_OUT=tests/durations.json $(BIN)/python -m pytest -q $(PYTEST_PARALLEL)

# The documentation site (mkdocs.yml, docs/) into site/; --strict: a warning is an error.
# NO_MKDOCS_2_WARNING: Material's end-of-life notice, printed on every build, is no warning
# about our pages.
docs docs-serve: export NO_MKDOCS_2_WARNING = 1
docs: install
	$(BIN)/mkdocs build --strict

docs-serve: install
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

# Issue 24: a real Discuz! X3.5 on loopback (PHP built-in server + a throwaway MariaDB), seeded
# and moderated through its front end, crawled with default settings and compared with its
# tables. DISCUZ_SOURCE: a Discuz! checkout (the v3.5 branch of the DiscuzX mirror) or its
# upload/ directory. PHP and MariaDB are installed with apt-get when missing.
# REAL_DISCUZ_CAPTURE=DIR also saves the pages (tests/fixtures/discuz-x35-live was made so);
# the summary to quote is printed last and kept in data/real-discuz-summary.txt.
real-discuz-test: install
	@test -n "$(DISCUZ_SOURCE)" || { echo "make real-discuz-test needs DISCUZ_SOURCE=/path/to/DiscuzX (a Discuz! X3.5 source tree)"; exit 2; }
	PYTHONPATH=. $(BIN)/python -m tests.real_discuz.system_packages
	@mkdir -p data && rm -f data/real-discuz-summary.txt
	DISCUZ_SOURCE="$(DISCUZ_SOURCE)" REAL_DISCUZ_SUMMARY=data/real-discuz-summary.txt \
	  $(BIN)/python -m pytest -q -s -m real_discuz tests/test_real_discuz.py; status=$$?; \
	  echo; cat data/real-discuz-summary.txt 2>/dev/null; exit $$status

# A real phpBB 3.3 on loopback (PHP's built-in server, SQLite), installed by its own CLI
# installer, seeded through its front end and read with the phpBB engine alone; every post is
# compared with phpbb_posts. PHPBB_SOURCE: a phpBB 3.1+ tree with its composer vendor/ (a
# release package's root, or a checkout's phpBB/ with vendor/ in place). PHP and its sqlite3
# module are installed with apt-get when missing. `python -m tests.real_phpbb --capture DIR`
# saves the pages (tests/fixtures/phpbb-33-live was made so; with `--seo MODE` and USU_SOURCE, a
# tree of phpBB SEO's phpbbseo/usu extension, tests/fixtures/phpbb-33-seo/MODE). With
# USU_SOURCE the target also runs tests/test_real_phpbb_seo.py (the board in each SEO mode).
real-phpbb-test: install
	@test -n "$(PHPBB_SOURCE)" || { echo "make real-phpbb-test needs PHPBB_SOURCE=/path/to/phpBB (a phpBB 3.1+ tree with vendor/)"; exit 2; }
	PYTHONPATH=. $(BIN)/python -m tests.real_phpbb.system_packages
	PHPBB_SOURCE="$(PHPBB_SOURCE)" USU_SOURCE="$(USU_SOURCE)" $(BIN)/python -m pytest -q -m real_phpbb \
	  tests/test_real_phpbb.py tests/test_real_phpbb_seo.py

# Benches. bench/crawl.py: our crawl against the limit (bench/bare_limit.py) and a bare spider
# (bench/bare_spider.py) on a synthetic site served by nginx (installed with apt-get when
# missing); figures in bench/results/latest.json. The others
# measure one stage each (bench-media: what --media all costs); `make bench-all` runs every one of them in turn.
bench: install
	$(BIN)/python bench/crawl.py --pages 2500,25000 --profile 25 --repeats 2

bench-quick: install
	$(BIN)/python bench/crawl.py --pages 2500

# bench/large.py: our crawl (WARC on, SQLite) of a 250,000-page synthetic site and its unchanged
# recrawl, with peak RSS against a 25,000-page crawl in the same run; figures in
# bench/results/large.json. Hours, and ~30 GB free under $(LARGE_WORK_DIR) (it stops first when
# the disk has less; LARGE_ARGS="--page-kb 20" makes lighter pages). Not part of bench-all.
LARGE_WORK_DIR ?= /tmp
bench-large: install
	$(BIN)/python bench/large.py --pages 250000 --compare 25000 --work-dir $(LARGE_WORK_DIR) $(LARGE_ARGS)

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

# bench/media.py: crawl --media all against --media none on the sample forum with a loopback
# picture host; cost per page and per downloaded MB in bench/results/media.json.
bench-media: install
	PYTHONPATH=. $(BIN)/python bench/media.py

bench-all: bench bench-clean bench-search bench-upsert bench-warc bench-workers bench-media

clean:
	rm -rf $(VENV) data site .pytest_cache .hypothesis *.egg-info
