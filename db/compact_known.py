"""A site's stored threads as a recrawl holds them: one row of machine integers per thread.

A recrawl keeps every stored thread of the site in memory for the whole run. As a dict of
``KnownThread`` objects that cost ~420 bytes a thread (the object, its datetime, its strings,
the dict entry): ~80 MB for a forum of 190,000 threads. Here each field is a column
(``array``), a thread a row found by binary search on the sorted thread ids, and the few
distinct statuses and last posters are kept once: ~70 bytes a thread. A ``KnownThread`` is
made again when a thread is looked up.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

NONE = -(2**63)  # an absent integer: every stored count and id is >= 0
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
INTEGER_FIELDS = ("forum_id", "replies", "page_count", "posts_stored", "last_floor", "last_post_id")


@dataclass(frozen=True, slots=True)
class KnownThread:
    """What is stored of one thread, as the recrawl rule (``scraper/recrawl.py``) reads it."""

    forum_id: int | None
    replies: int | None
    page_count: int | None
    status: str
    posts_stored: int
    last_floor: int
    last_post_at: datetime | None = None  # the thread list's last-post column, as last seen
    last_poster: str | None = None
    # The newest stored post id (Discuz numbers posts in order): a recrawl reading from the
    # last stored page expects it there at ``last_floor``; found elsewhere or gone, earlier
    # floors were deleted (or posts merged in) and the thread is read whole.
    last_post_id: int | None = None
    garbled: bool = False  # title, author, a post's body or author holds U+FFFD

    @property
    def complete(self) -> bool:
        """Every floor up to the last stored one is stored (no gap left by an interrupted
        crawl), and as many posts as the thread list announced."""
        return self.posts_stored == self.last_floor and self.posts_stored >= (self.replies or 0) + 1


class KnownThreads(Mapping[int, KnownThread]):
    """Stored threads by thread id, read-only. ``rows`` must come in ascending thread id."""

    def __init__(self, rows: Iterable[tuple[int, KnownThread]] = ()) -> None:
        self._ids = array("q")
        self._integers = {name: array("q") for name in INTEGER_FIELDS}
        self._last_post_at = array("q")  # microseconds since the epoch, UTC
        self._status = array("B")  # index into _statuses
        self._last_poster = array("i")  # index into _posters, -1 for none
        self._garbled = array("B")
        self._statuses: list[str] = []
        self._posters: list[str] = []
        poster_index: dict[str, int] = {}
        for thread_id, known in rows:
            if self._ids and thread_id <= self._ids[-1]:
                raise ValueError(f"thread {thread_id} comes after thread {self._ids[-1]}: rows must ascend")
            self._ids.append(thread_id)
            for name, column in self._integers.items():
                value = getattr(known, name)
                column.append(NONE if value is None else value)
            at = known.last_post_at
            self._last_post_at.append(NONE if at is None else (at - EPOCH) // timedelta(microseconds=1))
            if known.status not in self._statuses:
                self._statuses.append(known.status)
            self._status.append(self._statuses.index(known.status))
            poster = known.last_poster
            if poster is not None and poster not in poster_index:
                poster_index[poster] = len(self._posters)
                self._posters.append(poster)
            self._last_poster.append(-1 if poster is None else poster_index[poster])
            self._garbled.append(known.garbled)

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __getitem__(self, thread_id: int) -> KnownThread:
        row = bisect_left(self._ids, thread_id)
        if row == len(self._ids) or self._ids[row] != thread_id:
            raise KeyError(thread_id)
        integers = {name: None if (value := column[row]) == NONE else value
                    for name, column in self._integers.items()}
        at = self._last_post_at[row]
        poster = self._last_poster[row]
        return KnownThread(status=self._statuses[self._status[row]],
                           last_post_at=None if at == NONE else EPOCH + timedelta(microseconds=at),
                           last_poster=None if poster < 0 else self._posters[poster],
                           garbled=bool(self._garbled[row]), **integers)
