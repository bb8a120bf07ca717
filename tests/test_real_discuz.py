"""Issue 24 on a real Discuz! X3.5: ``make real-discuz-test`` (needs DISCUZ_SOURCE).

One scenario per module (``tests/real_discuz/scenario.py``): install on loopback, seed through
the front end, crawl with default settings, change (replies, an edit, moderator deletes, a
split, a delete plus an add), recrawl incrementally and with ``--full``; every stored post is
compared with ``pre_forum_post`` by pid. Each check is one test, so a run shows which of them
the crawler passes; the summary table is printed and written to REAL_DISCUZ_SUMMARY.

Without DISCUZ_SOURCE this module is one skip line. What runs anyway:
``tests/real_discuz/test_captured_pages.py`` (facts of ``tests/fixtures/discuz-x35-live``) and
``tests/real_discuz/test_compare.py`` (the comparison's own rules).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

if not os.environ.get("DISCUZ_SOURCE"):
    pytest.skip("real Discuz! harness: DISCUZ_SOURCE is not set (make real-discuz-test "
                "DISCUZ_SOURCE=/path/to/DiscuzX)", allow_module_level=True)

pytestmark = pytest.mark.real_discuz

CRAWLS = ["crawl 1 (first)", "crawl 2 (incremental)",
          "crawl 3 (--full)", "crawl 4 (--full, unviewed delete)"]


@pytest.fixture(scope="module")
def outcome():
    from tests.real_discuz.scenario import Outcome, run
    from tests.real_discuz.system_packages import missing

    lacking = missing()
    if lacking:
        pytest.fail(f"missing {', '.join(lacking)}: `make real-discuz-test` installs them")
    capture = os.environ.get("REAL_DISCUZ_CAPTURE")
    result = Outcome()
    try:
        run(Path(os.environ["DISCUZ_SOURCE"]), Path(capture) if capture else None,
            keep=bool(os.environ.get("REAL_DISCUZ_KEEP")), outcome=result)
    finally:
        text = "\n".join(result.lines)
        print("\n==== real Discuz! summary ====\n" + text)
        if os.environ.get("REAL_DISCUZ_SUMMARY"):
            Path(os.environ["REAL_DISCUZ_SUMMARY"]).write_text(text + "\n", "utf-8")
    return result


def _comparison(outcome, label: str):
    found = [c for c in outcome.comparisons if c.label == label]
    assert found, f"{label} did not run"
    return found[0]


def _crawl(outcome, label: str):
    return next(c for c in outcome.crawls if c.label == label)


# -- live: a real Discuz! ------------------------------------------------------------------

@pytest.mark.parametrize("label", CRAWLS)
def test_every_visible_post_is_stored_once_with_the_forums_author_time_and_body(outcome, label):
    from tests.real_discuz.compare import summary

    comparison = _comparison(outcome, label)
    checked = {name: wrong for name, wrong in comparison.mismatches.items() if wrong}
    assert (comparison.matched, comparison.missing, comparison.duplicated, comparison.extra,
            comparison.without_pid, checked) == (
        comparison.forum_visible, [], [], [], 0, {}), summary(comparison)


@pytest.mark.parametrize("label", CRAWLS[1:])
def test_posts_deleted_in_the_forum_are_marked_deleted(outcome, label):
    comparison = _comparison(outcome, label)
    assert comparison.deleted_column, (
        "the crawl left no database" if comparison.deleted_column is None
        else "posts has no deleted_at column on this branch")
    # Every one of them was visible when crawl 1 ran, so "never stored" is a failure too.
    assert (comparison.deleted_unmarked, comparison.deleted_never_stored) == ([], []), (
        f"pids deleted in the forum: stored without deleted_at {comparison.deleted_unmarked}, "
        f"never stored {comparison.deleted_never_stored}")


@pytest.mark.parametrize("label", CRAWLS)
def test_the_crawl_finishes_complete_without_gaps(outcome, label):
    crawl = _crawl(outcome, label)
    assert (crawl.exit_code, crawl.gaps, crawl.run.get("status"), crawl.errors) == (
        0, [], "finished", []), (
        f"{label}: exit {crawl.exit_code}, run {crawl.run}, gaps {crawl.gaps}, "
        f"errors {crawl.errors[:3]}, says: {crawl.stderr_tail}")


def test_the_one_time_302_after_a_delete_is_no_gap(outcome):
    """Crawl 4 (``--full``) is the first visitor of thread E since its delete: Discuz answers
    that page once with a 302 to the same URL; the crawl must follow it, not drop it."""
    crawl = _crawl(outcome, CRAWLS[3])
    assert crawl.redirects, "the crawl met no 302: the scenario did not provoke it"
    assert (crawl.exit_code, crawl.gaps) == (0, []), (
        f"after {crawl.redirects}: exit {crawl.exit_code}, gaps {crawl.gaps}, "
        f"says: {crawl.stderr_tail}")
