"""The recrawl's stored threads (``db.compact_known.KnownThreads``): every field comes back as it
went in, absent values included, and a thread costs a fraction of a ``KnownThread`` in a dict."""

from __future__ import annotations

import tracemalloc
from datetime import UTC, datetime, timedelta

import pytest

from db.compact_known import KnownThread, KnownThreads

AT = datetime(2026, 12, 7, 14, 5, 33, 250_001, tzinfo=UTC)
THREADS = {
    3: KnownThread(2, 7, 3, "ok", 8, 8, last_post_at=AT, last_poster="alice", last_post_id=10),
    17: KnownThread(None, None, None, "forbidden", 0, 0),
    40: KnownThread(5, 0, 1, "ok", 1, 1, last_post_at=datetime(1969, 7, 20, 20, 17, tzinfo=UTC),
                    last_poster="赵钱孙", last_post_id=0, garbled=True),
    41: KnownThread(5, 2, 1, "deleted", 3, 3, last_poster="alice"),
}


def test_every_thread_comes_back_as_it_was_stored():
    known = KnownThreads(THREADS.items())
    assert dict(known.items()) == THREADS
    assert list(known) == [3, 17, 40, 41]
    assert len(known) == 4


@pytest.mark.parametrize("thread_id", [0, 4, 42, -1])
def test_a_thread_not_stored_is_not_there(thread_id):
    known = KnownThreads(THREADS.items())
    assert thread_id not in known
    assert known.get(thread_id) is None
    with pytest.raises(KeyError):
        known[thread_id]


def test_rows_out_of_order_are_refused():
    with pytest.raises(ValueError, match="thread 3 comes after thread 17"):
        KnownThreads([(17, THREADS[17]), (3, THREADS[3])])


def bytes_held(build):
    tracemalloc.start()
    try:
        held = build()
        size, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del held
    return size


def test_a_thread_costs_a_fraction_of_an_object_in_a_dict():
    count = 20_000

    def rows():
        for thread_id in range(1, count + 1):
            yield thread_id, KnownThread(thread_id % 40, thread_id % 90, thread_id % 5 + 1, "ok", 12, 12,
                                         last_post_at=AT + timedelta(minutes=thread_id),
                                         last_poster=f"member{thread_id % 700}", last_post_id=thread_id * 11)

    as_dict = bytes_held(lambda: dict(rows())) / count
    compact = bytes_held(lambda: KnownThreads(rows())) / count
    assert compact < 90, f"{compact:.0f} bytes a thread"
    assert compact < as_dict / 3, f"{compact:.0f} against {as_dict:.0f} bytes a thread in a dict"
