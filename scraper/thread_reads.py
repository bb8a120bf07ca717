"""Which threads a crawl read whole, and what their pages showed.

A stored post that a thread no longer shows is marked deleted only when every page of the
thread was read in this crawl and none of them failed: a thread read from its last stored
page on (an incremental recrawl) or with a lost page says nothing about the posts it did not
show. The spider says which threads it means to read whole (``expect``), reports each page
read or lost, and gets the posts shown once the last missing page is in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Shown = list[tuple[int | None, int]]  # (post id, floor) of each post a page showed


@dataclass(slots=True)
class _Reading:
    page_count: int = 1
    pages: set[int] = field(default_factory=set)
    shown: Shown = field(default_factory=list)


class ThreadReads:
    """Threads being read whole; memory only for those still in progress."""

    def __init__(self) -> None:
        self._reading: dict[int, _Reading] = {}

    def expect(self, thread_id: int) -> None:
        """The crawl reads every page of this thread from now on."""
        self._reading.setdefault(thread_id, _Reading())

    def page_read(self, thread_id: int, page: int, page_count: int, shown: Shown) -> Shown | None:
        """A page of the thread was read; the posts of the whole thread once it is complete.
        The page count is the largest any page gave (a reply may open a page mid-crawl)."""
        reading = self._reading.get(thread_id)
        if reading is None:
            return None
        reading.pages.add(page)
        reading.shown.extend(shown)
        reading.page_count = max(reading.page_count, page_count)
        if len(reading.pages) < reading.page_count or not reading.pages.issuperset(range(1, reading.page_count + 1)):
            return None
        del self._reading[thread_id]
        return reading.shown

    def page_lost(self, thread_id: int) -> None:
        """A page of the thread failed, or showed posts that could not be read: the thread
        is not judged in this crawl."""
        self._reading.pop(thread_id, None)
