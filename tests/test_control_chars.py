"""Issue 21: C0 control characters other than tab and newline (``\\x01``, ``\\x0b``, ``\\x1f``,
``&#1;``…) never reach the database: not in bodies, thread titles, forum names or authors.
The fault proxy plants them in every page of the sample forum; the export must equal the
ground truth, which has none."""

from __future__ import annotations

import re

from pipeline.control_chars import without_controls
from tests.fault_proxy import Fault
from tests.test_faults import (  # noqa: F401 (fixtures)
    assert_export_is_the_truth, crawl, forum, proxy, rows,
)

CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f]")


def planted(text: str, controls: bytes) -> tuple[bytes, bytes]:
    """(regex of ``text``, ``text`` with ``controls`` after its first character)."""
    raw = text.encode()
    first = text[0].encode()
    return re.escape(raw), first + controls + raw[len(first):]


def test_control_characters_are_removed_from_stored_text(forum, proxy, tmp_path):
    thread, forum_row = forum.threads[0], forum.forums[0]
    proxy.every_page = Fault("rewrite", rewrite=[
        (rb'(id="postmessage_\d+">)', b"\\1\x01\x0b&#1;&#x1f;"),  # raw bytes and character references
        planted(thread.title, b"\x02\x1f"),
        planted(thread.author, b"\x0b"),
        planted(forum_row.name, b"\x1e"),
    ])
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    result = crawl(proxy, db_url)
    assert result.returncode == 0, result.stderr
    assert_export_is_the_truth(forum, proxy, db_url)
    stored = [(table, row) for table in ("posts", "threads", "forums") for row in rows(db_url, table)]
    dirty = [(table, name, value) for table, row in stored for name, value in row.items()
             if isinstance(value, str) and CONTROLS.search(value)]
    assert dirty == []
    titles = {row["thread_id"]: row["title"] for row in rows(db_url, "threads")}
    assert titles[thread.thread_id] == thread.title


def test_tab_and_newline_stay():
    assert without_controls("a\tb\nc\x01d\x0be\r\n") == "a\tb\ncde\n"
