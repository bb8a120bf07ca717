"""A set of integers at ~9 bytes a member, for what a crawl keeps of every page or thread until
it ends (thread ids, request fingerprints).

A Python ``set`` of ints costs 60-150 bytes a member (a 28-36-byte int object and a hash table
kept at most 60 % full, grown 4x at a time below 50,000 members): what a crawl remembered of
each thread and request grew its memory by ~0.38 KB a page. Here the members sit in one sorted
``array`` of unsigned 64-bit integers, found by bisection; the newest wait in a small set and
are merged in, in order, once there are ``MERGE_EVERY`` of them. A member outside 64 bits (a
negative id, or a page's absurd one) stays in a plain set of its own.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable

TYPECODE = "Q"
LIMIT = 2**64  # members in [0, LIMIT) go into the array
# Members kept in the small set (~100 bytes each) before they are merged into the sorted array:
# each merge copies the array once (a 250,000-member set merges ~250 times, 2 MB at most).
MERGE_EVERY = 1024


class IntSet:
    """``in``, ``add`` and ``len`` of a set of ints, ~9 bytes a member."""

    def __init__(self, members: Iterable[int] = ()) -> None:
        self._sorted = array(TYPECODE)
        self._recent: set[int] = set()
        self._outside: set[int] = set()
        for member in members:
            self.add(member)

    def __contains__(self, value: object) -> bool:
        if value in self._recent:
            return True
        if not isinstance(value, int):
            return False
        if not 0 <= value < LIMIT:
            return value in self._outside
        at = bisect_left(self._sorted, value)
        return at < len(self._sorted) and self._sorted[at] == value

    def __len__(self) -> int:
        return len(self._sorted) + len(self._recent) + len(self._outside)

    def add(self, value: int) -> None:
        if value in self:
            return
        if not 0 <= value < LIMIT:
            self._outside.add(value)
            return
        self._recent.add(value)
        if len(self._recent) >= MERGE_EVERY:
            self._merge()

    def _merge(self) -> None:
        """The recent members into the sorted array: the stretches between them copied whole."""
        merged = array(TYPECODE)
        start = 0
        for value in sorted(self._recent):
            end = bisect_left(self._sorted, value, start)
            merged.extend(self._sorted[start:end])
            merged.append(value)
            start = end
        merged.extend(self._sorted[start:])
        self._sorted, self._recent = merged, set()
