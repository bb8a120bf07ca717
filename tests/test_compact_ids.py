"""scraper.compact_ids.IntSet: a set of ints that a whole crawl keeps, in ~9 bytes a member."""

from __future__ import annotations

import random
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.compact_ids import MERGE_EVERY, IntSet

MEMBERS = st.integers(min_value=-(2**70), max_value=2**70) | st.integers(min_value=0, max_value=300)


@settings(max_examples=60, deadline=None)
@given(st.lists(MEMBERS, max_size=3 * MERGE_EVERY), st.lists(MEMBERS, max_size=50))
def test_it_answers_as_a_python_set(added: list[int], asked: list[int]) -> None:
    ids, expected = IntSet(), set()
    for value in added:
        assert (value in ids) == (value in expected)
        ids.add(value)
        expected.add(value)
    assert len(ids) == len(expected)
    assert all(value in ids for value in expected)
    assert all((value in ids) == (value in expected) for value in asked)


def test_members_merged_into_the_array_are_still_found() -> None:
    numbers = random.Random(5).sample(range(10**9), 3 * MERGE_EVERY + 7)
    ids = IntSet(numbers)
    assert len(ids) == len(numbers)
    assert all(number in ids for number in numbers)
    assert not any(number + 10**9 in ids for number in numbers)
    assert "1" not in ids and None not in ids


def test_a_member_costs_about_nine_bytes() -> None:
    """A Python set of 64-bit ints costs 70-150 bytes a member."""
    rng = random.Random(3)
    numbers = [rng.getrandbits(64) for _ in range(50_000)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        ids = IntSet(numbers)
        per_member = (tracemalloc.get_traced_memory()[0] - before) / len(numbers)
    finally:
        tracemalloc.stop()
    assert len(ids) == len(numbers)
    assert per_member < 16
