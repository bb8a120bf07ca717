"""The comparison's own rules, on a hand-made database (no forum needed)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.real_discuz.compare import compare, has_deleted_column, stored_posts
from tests.real_discuz.forum_truth import ForumPost

def _forum_post(pid: int, tid: int, position: int, message: str, invisible: int = 0,
                dateline: int = 1796500000) -> ForumPost:
    return ForumPost(pid, tid, position == 1, position, f"user{pid}", dateline, message,
                     invisible, 0)


def _our_db(tmp_path: Path, rows: list[tuple], deleted_column: bool) -> Path:
    path = tmp_path / "ours.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE posts (id INTEGER PRIMARY KEY, thread_id INT, floor INT, "
                     "post_id INT, author TEXT, posted_at TEXT, posted_at_precision TEXT, "
                     "body TEXT" + (", deleted_at TEXT)" if deleted_column else ")"))
        for row in rows:
            conn.execute(f"INSERT INTO posts VALUES ({', '.join('?' * len(row))})", row)
    return path


def test_the_comparison_finds_duplicates_extras_mixups_and_unmarked_deletes(tmp_path):
    truth = [_forum_post(1, 1, 1, "[b]Hello[/b] world"),
             _forum_post(2, 1, 2, "[i=s] 本帖最后由 a 于 2026-12-6 编辑 [/i]\nsecond one"),
             _forum_post(3, 1, 3, "gone", invisible=-5),
             _forum_post(4, 2, 1, "moved here")]
    minute = "2026-12-05T19:46:00+00:00"  # dateline 1796500000 is 19:46:40 UTC
    ours = [(1, 1, 1, 1, "user1", minute, "minute", "Hello  world", None),
            (2, 1, 2, 2, "user2", minute, "minute", "second one", None),
            (3, 1, 3, 3, "user3", minute, "minute", "gone", None),       # deleted, unmarked
            (4, 1, 4, 4, "user4", minute, "minute", "moved here", None),  # stale copy
            (5, 2, 1, 4, "user4", "2026-12-05T19:47:00+00:00", "minute", "moved here", None)]
    result = compare("unit", truth, stored_posts(_our_db(tmp_path, ours, True)), True)
    assert (result.forum_visible, result.matched, result.missing, result.duplicated,
            result.extra, result.deleted_unmarked) == (3, 3, [], [4], [3], [3])
    # pid 4's second copy is a minute late: "mixed" shows as a time mismatch. BBCode, the
    # edit notice and whitespace do not count.
    assert {name: len(wrong) for name, wrong in result.mismatches.items()} == {
        "thread": 0, "author": 0, "time": 1, "body": 0}
    assert not result.ok


def test_the_comparison_says_when_deleted_at_is_missing(tmp_path):
    truth = [_forum_post(1, 1, 1, "only post")]
    ours = [(1, 1, 1, 1, "user1", "2026-12-05T19:46:40+00:00", "second", "only post")]
    path = _our_db(tmp_path, ours, deleted_column=False)
    result = compare("unit", truth, stored_posts(path), has_deleted_column(path))
    assert (result.matched, result.deleted_column, result.ok) == (1, False, False)
