"""Issue 24 on a real Discuz! X3.5: ``make real-discuz-test`` (needs DISCUZ_SOURCE).

One scenario per session (``tests/real_discuz/scenario.py``): install on loopback, seed through
the front end, crawl with default settings, change (replies, an edit, moderator deletes, a
split, a delete plus an add), recrawl incrementally and with ``--full``; every stored post is
compared with ``pre_forum_post`` by pid. Each check below is one test, so a run shows which of
them the crawler passes; the summary printed during the run can be quoted.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

if not os.environ.get("DISCUZ_SOURCE"):
    pytest.skip("real Discuz! harness: DISCUZ_SOURCE is not set (make real-discuz-test "
                "DISCUZ_SOURCE=/path/to/DiscuzX)", allow_module_level=True)

from tests.real_discuz.scenario import Outcome, run  # noqa: E402
from tests.real_discuz.system_packages import missing  # noqa: E402

pytestmark = pytest.mark.real_discuz

CRAWLS = ["crawl 1 (first)", "crawl 2 (incremental)",
          "crawl 3 (--full)", "crawl 4 (--full, unviewed delete)"]


@pytest.fixture(scope="module")
def outcome() -> Outcome:
    lacking = missing()
    if lacking:
        pytest.fail(f"missing {', '.join(lacking)}: `make real-discuz-test` installs them")
    capture = os.environ.get("REAL_DISCUZ_CAPTURE")
    result = Outcome()
    try:
        run(Path(os.environ["DISCUZ_SOURCE"]), Path(capture) if capture else None,
            keep=bool(os.environ.get("REAL_DISCUZ_KEEP")), outcome=result)
    finally:
        print("\n==== real Discuz! summary ====\n" + "\n".join(result.lines))
    return result


def _comparison(outcome: Outcome, label: str):
    found = [c for c in outcome.comparisons if c.label == label]
    assert found, f"{label} did not run"
    return found[0]


def _crawl(outcome: Outcome, label: str):
    return next(c for c in outcome.crawls if c.label == label)


@pytest.mark.parametrize("label", CRAWLS)
def test_every_visible_post_is_stored_once_with_the_forums_author_time_and_body(outcome, label):
    from tests.real_discuz.compare import summary

    comparison = _comparison(outcome, label)
    checked = {name: wrong for name, wrong in comparison.mismatches.items() if wrong}
    assert (comparison.matched, comparison.missing, comparison.duplicated, comparison.extra,
            comparison.without_pid, checked) == (
        comparison.forum_visible, [], [], [], 0, {}), summary(comparison)


@pytest.mark.parametrize("label", CRAWLS[1:])
def test_posts_deleted_or_moved_away_in_the_forum_are_marked_deleted(outcome, label):
    comparison = _comparison(outcome, label)
    assert comparison.deleted_column, "posts has no deleted_at column on this branch"
    # Every one of them was visible when crawl 1 ran, so "never stored" is a failure too.
    assert (comparison.deleted_unmarked, comparison.deleted_never_stored) == ([], []), (
        f"pids deleted in the forum: stored without deleted_at {comparison.deleted_unmarked}, "
        f"never stored {comparison.deleted_never_stored}")


@pytest.mark.parametrize("label", CRAWLS)
def test_the_crawl_finishes_complete_without_gaps(outcome, label):
    crawl = _crawl(outcome, label)
    assert (crawl.exit_code, crawl.gaps, crawl.run.get("status")) == (0, [], "finished"), (
        f"{label}: exit {crawl.exit_code}, run {crawl.run}, gaps {crawl.gaps}, "
        f"stderr: {crawl.stderr_tail}")


def test_the_one_time_302_after_a_delete_is_no_gap(outcome):
    """Crawl 4 (``--full``) is the first visitor of thread E since its delete: Discuz answers
    that page once with a 302 to the same URL; the crawl must follow it, not drop it."""
    crawl = _crawl(outcome, CRAWLS[3])
    assert crawl.redirects, "the crawl met no 302: the scenario did not provoke it"
    assert (crawl.exit_code, crawl.gaps) == (0, []), (
        f"after {crawl.redirects}: exit {crawl.exit_code}, gaps {crawl.gaps}, "
        f"stderr: {crawl.stderr_tail}")
