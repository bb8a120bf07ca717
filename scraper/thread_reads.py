"""Which threads a crawl read whole, and what their pages showed.

A stored post that a thread no longer shows is marked deleted only when every page of the
thread was read in this crawl and none of them failed: a thread read from its last stored
page on (an incremental recrawl) or with a lost page says nothing about the posts it did not
show. The spider says which threads it means to read whole (``expect``), reports each page
read or lost, and gets the posts shown once the last missing page is in (``WholeRead``).

A thread re-read from its last stored page on (``expect_from``) is checked when those pages
are in: the stored posts plus the newer ones read cannot outnumber the posts the list
announces (replies + 1). If they do, posts were deleted on pages not read (Discuz, paging
by position, may not renumber the later pages), and the spider reads the earlier pages too
(``ReadEarlierPages``), which makes it a whole read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Shown = list[tuple[int | None, int]]  # (post id, floor) of each post a page showed


@dataclass(frozen=True, slots=True)
class WholeRead:
    """Every page of the thread is read: the posts it showed."""

    shown: Shown


@dataclass(frozen=True, slots=True)
class ReadEarlierPages:
    """The pages read from ``first`` on show more posts than the thread has: pages 1 to
    ``first - 1`` are to be read too."""

    first: int


@dataclass(slots=True)
class _Reading:
    page_count: int = 1
    pages: set[int] = field(default_factory=set)
    shown: Shown = field(default_factory=list)
    first: int = 1
    # A re-read from ``first`` on: the posts stored, the newest stored post id, the posts announced.
    stored: int = 0
    newest: int = 0
    announced: int | None = None

    def has_pages_from(self, first: int) -> bool:
        return self.pages.issuperset(range(first, self.page_count + 1))

    def surplus(self) -> bool:
        newer = {post_id for post_id, _ in self.shown if post_id is not None and post_id > self.newest}
        return self.announced is not None and self.stored + len(newer) > self.announced


class ThreadReads:
    """Threads being read whole; memory only for those still in progress."""

    def __init__(self) -> None:
        self._reading: dict[int, _Reading] = {}

    def expect(self, thread_id: int) -> None:
        """The crawl reads every page of this thread from now on."""
        self._reading.setdefault(thread_id, _Reading())

    def expect_from(self, thread_id: int, first: int, stored: int, newest: int, announced: int | None) -> None:
        """The crawl re-reads this thread from page ``first`` on; ``stored`` posts of it are
        stored, the newest with id ``newest``; its list row announces ``announced`` posts."""
        self._reading.setdefault(thread_id, _Reading(first=first, stored=stored, newest=newest, announced=announced))

    def page_read(self, thread_id: int, page: int, page_count: int,
                  shown: Shown) -> WholeRead | ReadEarlierPages | None:
        """A page of the thread was read; what follows once the pages expected are all in.
        The page count is the largest any page gave (a reply may open a page mid-crawl)."""
        reading = self._reading.get(thread_id)
        if reading is None:
            return None
        reading.pages.add(page)
        reading.shown.extend(shown)
        reading.page_count = max(reading.page_count, page_count)
        if not reading.has_pages_from(reading.first):
            return None
        if reading.first == 1:
            del self._reading[thread_id]
            return WholeRead(reading.shown)
        if reading.surplus():
            first, reading.first = reading.first, 1
            return ReadEarlierPages(first)
        del self._reading[thread_id]
        return None

    def page_lost(self, thread_id: int) -> None:
        """A page of the thread failed, or showed posts that could not be read: the thread
        is not judged in this crawl."""
        self._reading.pop(thread_id, None)
