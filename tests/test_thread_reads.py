"""scraper.thread_reads: when a crawl has read a thread whole, and when a re-read from the
last stored page must read the earlier pages too."""

from __future__ import annotations

from scraper.thread_reads import ReadEarlierPages, ThreadReads, WholeRead


def posts(*ids: int) -> list[tuple[int | None, int]]:
    return [(post_id, floor) for floor, post_id in enumerate(ids, start=1)]


def test_a_thread_is_whole_once_every_page_is_in_in_any_order() -> None:
    reads = ThreadReads()
    reads.expect(7)
    assert reads.page_read(7, 3, 3, posts(7)) is None
    assert reads.page_read(7, 1, 3, posts(1, 2, 3)) is None
    assert reads.page_read(7, 2, 3, posts(4, 5, 6)) == WholeRead(posts(7) + posts(1, 2, 3) + posts(4, 5, 6))
    assert reads.page_read(7, 2, 3, posts(4, 5, 6)) is None  # judged once


def test_a_page_that_opens_mid_crawl_is_waited_for() -> None:
    reads = ThreadReads()
    reads.expect(7)
    assert reads.page_read(7, 1, 1, posts(1)) == WholeRead(posts(1))
    reads.expect(8)
    assert reads.page_read(8, 2, 2, posts(4)) is None
    assert reads.page_read(8, 1, 3, posts(1, 2, 3)) is None  # a reply opened page 3
    assert isinstance(reads.page_read(8, 3, 3, posts(5)), WholeRead)


def test_a_lost_page_or_an_unexpected_thread_is_never_judged() -> None:
    reads = ThreadReads()
    reads.expect(7)
    reads.page_read(7, 1, 2, posts(1, 2, 3))
    reads.page_lost(7)
    assert reads.page_read(7, 2, 2, posts(4)) is None
    assert reads.page_read(9, 1, 1, posts(1)) is None


def test_a_re_read_that_adds_up_is_no_whole_read() -> None:
    """9 posts stored (newest id 9), 2 replies since: the list announces 11."""
    reads = ThreadReads()
    reads.expect_from(7, 3, stored=9, newest=9, announced=11)
    assert reads.page_read(7, 4, 4, [(10, 10), (11, 11)]) is None
    assert reads.page_read(7, 3, 4, [(7, 7), (8, 8), (9, 9)]) is None


def test_a_re_read_with_more_posts_than_announced_reads_the_earlier_pages() -> None:
    """A reply deleted on page 2 and two added: 9 stored + 2 new > 10 announced. Discuz paging
    by position left page 3's floors as they were."""
    reads = ThreadReads()
    reads.expect_from(7, 3, stored=9, newest=9, announced=10)
    reads.page_read(7, 4, 4, [(10, 10), (11, 11)])
    assert reads.page_read(7, 3, 4, [(7, 7), (8, 8), (9, 9)]) == ReadEarlierPages(3)
    assert reads.page_read(7, 1, 4, posts(1, 2, 3)) is None
    outcome = reads.page_read(7, 2, 4, [(4, 4), (6, 6)])
    assert isinstance(outcome, WholeRead) and {post_id for post_id, _ in outcome.shown} == set(range(1, 12)) - {5}
