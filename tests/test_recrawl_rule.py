"""The incremental rule's reading of a thread-list row (``scraper.recrawl.Listed``): a list
that shows times to the minute (phpBB before 3.2.9, 2.0) cannot tell a reply by the last poster
in the minute of the last post, another post deleted; the last-post link's post id can. Seen on a
real phpBB 3.2.2 (``tests/test_real_phpbb.py``'s reply, edit and delete, all in one minute).
Only a post newer than every stored one counts: a thread whose last post is not its highest
id (posts merged in) is not read again each time for it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db.crawl_state import KnownThread
from scraper.recrawl import Listed, RecrawlPlan

AT = datetime(2026, 12, 7, 11, 38, tzinfo=UTC)
STORED = KnownThread(2, 7, 3, "ok", 8, 8, last_post_at=AT, last_poster="alice", last_post_id=10)


@pytest.mark.parametrize("listed, changed", [
    (Listed(7, AT, "minute", "alice", last_post_id=10), False),
    (Listed(7, AT, "minute", "alice", last_post_id=15), True),  # a new last post, the same minute
    (Listed(7, AT, "minute", "alice", last_post_id=9), False),  # an older id last: posts merged in
    (Listed(7, AT, "minute", "alice"), False),  # a list that links no post says nothing more
    (Listed(8, AT, "minute", "alice", last_post_id=10), True),
])
def test_the_last_post_s_id_tells_a_change_a_minute_cannot(listed, changed):
    assert listed.differs_from(STORED) is changed


def test_a_thread_stored_without_posts_is_judged_by_the_rest():
    assert not Listed(7, AT, "minute", "alice", last_post_id=15).differs_from(
        KnownThread(2, 7, 3, "ok", 0, 0, last_post_at=AT, last_poster="alice"))


@pytest.mark.parametrize("posts_per_page, first", [(None, 3), (3, 3), (5, 2), (10, 1)])
def test_a_grown_thread_resumes_at_the_page_its_newest_stored_post_is_on(posts_per_page, first):
    """Stored on 3 pages (at 3 posts a page); at the site's posts a page where the crawl knows
    it (the admin may have changed it since), else at the stored page count."""
    plan = RecrawlPlan({7: STORED})
    assert plan.first_page(7, Listed(9, AT, "minute", "bob"), posts_per_page) == first
