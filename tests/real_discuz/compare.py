"""Our database against the forum's tables: every visible post stored once, right, in place.

Posts are matched by Discuz's own id (``pid``, our ``posts.post_id``): floors are what a page
shows and Discuz renumbers them after a delete, a pid never changes. A stored post with no
pid cannot be matched and is counted as such. Read with ``sqlite3`` and ``PRAGMA table_info``,
so the comparison works on any schema version (``deleted_at`` may or may not exist yet).
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pipeline.clean import IMAGE_PLACEHOLDER
from tests.real_discuz.forum_truth import ForumPost

FIELDS = ("thread", "author", "time", "body")
TRUNCATE = {"second": "%Y-%m-%dT%H:%M:%S", "minute": "%Y-%m-%dT%H:%M", "hour": "%Y-%m-%dT%H",
            "day": "%Y-%m-%d"}
# Discuz appends "[i=s] 本帖最后由 X 于 T 编辑 [/i]" to an edited message; we keep it apart.
EDIT_NOTICE = re.compile(r"\[i=s\].*?\[/i\]", re.S)
# What our body never holds: quotes (kept apart) and pictures (a placeholder each).
QUOTE = re.compile(r"\[quote\].*?\[/quote\]", re.S | re.I)
PICTURE = re.compile(r"\[img[^\]]*\].*?\[/img\]", re.S | re.I)
BBCODE = re.compile(r"\[/?(?:b|i|u|s|color|size|font|url|email|align|p|indent|backcolor|hr|"
                    r"list|\*|img|media|code|free|hide|quote)(?:=[^\]]*)?\]", re.I)


@dataclass
class Stored:
    row_id: int
    thread_id: int
    floor: int | None
    post_id: int | None
    author: str | None
    posted_at: str | None
    precision: str | None
    body: str | None
    deleted: bool | None  # None: the schema has no deleted_at column


@dataclass
class Comparison:
    label: str
    forum_visible: int = 0
    forum_hidden: int = 0
    stored_rows: int = 0
    stored_current: int = 0
    matched: int = 0
    missing: list[int] = field(default_factory=list)  # pids
    without_pid: int = 0
    duplicated: list[int] = field(default_factory=list)  # pids stored as current > once
    extra: list[int] = field(default_factory=list)  # current rows whose pid is not visible
    deleted_marked: int = 0
    deleted_unmarked: list[int] = field(default_factory=list)
    deleted_never_stored: list[int] = field(default_factory=list)
    deleted_column: bool | None = True  # None: no database at all
    # Bodies equal to the message before an edit on a page an incremental crawl does not
    # re-read: by design only --full sees those (README), so reported, not failed.
    stale_edits: list[int] = field(default_factory=list)
    mismatches: dict[str, list[str]] = field(default_factory=lambda: {f: [] for f in FIELDS})

    @property
    def ok(self) -> bool:
        return (self.matched == self.forum_visible and not self.missing and not self.duplicated
                and not self.extra and not self.without_pid and self.deleted_column
                and not self.deleted_unmarked and not self.deleted_never_stored
                and not any(self.mismatches.values()))


def has_deleted_column(db_file: Path) -> bool | None:
    """None: there is no database (the crawl failed before creating it)."""
    if not db_file.exists():
        return None
    with sqlite3.connect(f"file:{db_file}?mode=ro", uri=True) as conn:
        return "deleted_at" in {row[1] for row in conn.execute("PRAGMA table_info(posts)")}


def stored_posts(db_file: Path) -> list[Stored]:
    if not db_file.exists():
        return []
    with sqlite3.connect(f"file:{db_file}?mode=ro", uri=True) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(posts)")}
        deleted = "deleted_at IS NOT NULL" if "deleted_at" in columns else "NULL"
        rows = conn.execute(
            f"SELECT id, thread_id, floor, post_id, author, posted_at, posted_at_precision, "
            f"body, {deleted} FROM posts ORDER BY thread_id, floor").fetchall()
    return [Stored(*row[:8], None if row[8] is None else bool(row[8])) for row in rows]


def compare(label: str, truth: list[ForumPost], stored: list[Stored],
            deleted_column: bool | None,
            messages_before: dict[int, str] | None = None) -> Comparison:
    """``deleted_column``: whether ``posts.deleted_at`` exists (see ``has_deleted_column``).
    ``messages_before``: pid -> message at the previous crawl, for an incremental crawl (a
    stored body equal to it is a stale edit, not a mismatch)."""
    result = Comparison(label, deleted_column=deleted_column)
    messages_before = messages_before or {}
    visible = {post.pid: post for post in truth if post.visible}
    hidden = {post.pid: post for post in truth if not post.visible}
    result.forum_visible, result.forum_hidden = len(visible), len(hidden)
    result.stored_rows = len(stored)
    current = [row for row in stored if not row.deleted]
    result.stored_current = len(current)
    result.without_pid = sum(1 for row in current if row.post_id is None)
    counts = Counter(row.post_id for row in current if row.post_id is not None)
    result.duplicated = sorted(pid for pid, count in counts.items() if count > 1)
    by_pid = {row.post_id: row for row in current if row.post_id is not None}
    result.extra = sorted(pid for pid in by_pid if pid not in visible)
    for pid, post in visible.items():
        row = by_pid.get(pid)
        if row is None:
            result.missing.append(pid)
            continue
        result.matched += 1
        problems = _field_checks(post, row)
        before = messages_before.get(pid)
        if "body" in problems and before is not None and before != post.message and \
                _loose(row.body or "") == _loose(_bbcode_text(before)):
            del problems["body"]
            result.stale_edits.append(pid)
        for name, wrong in problems.items():
            if wrong:
                result.mismatches[name].append(f"pid {pid}: {wrong}")
    for pid in hidden:
        rows = [row for row in stored if row.post_id == pid]
        if any(row.deleted for row in rows):
            result.deleted_marked += 1
        elif rows:
            result.deleted_unmarked.append(pid)
        else:
            result.deleted_never_stored.append(pid)
    return result


def _field_checks(post: ForumPost, row: Stored) -> dict[str, str]:
    problems = {}
    if row.thread_id != post.tid:
        problems["thread"] = f"stored in thread {row.thread_id}, forum has it in {post.tid}"
    if (row.author or "") != post.author:
        problems["author"] = f"{row.author!r} != {post.author!r}"
    problems["time"] = _time_problem(post, row)
    # A banned author's post shows a notice instead of its message: nothing to store.
    expected = "" if post.author_banned else _bbcode_text(post.message)
    if _loose(row.body or "") != _loose(expected):
        problems["body"] = f"{_short(row.body)!r} != {_short(expected)!r}"
    return {name: wrong for name, wrong in problems.items() if wrong}


def _time_problem(post: ForumPost, row: Stored) -> str:
    if not row.posted_at:
        return f"no time stored (forum: {post.posted_at})"
    shape = TRUNCATE.get(row.precision or "second", TRUNCATE["second"])
    stored = datetime.fromisoformat(row.posted_at)
    stored = stored.replace(tzinfo=UTC) if stored.tzinfo is None else stored.astimezone(UTC)
    forum = datetime.fromtimestamp(post.dateline, UTC)
    if stored.strftime(shape) != forum.strftime(shape):
        return f"{stored.isoformat()} ({row.precision}) != {forum.isoformat()}"
    return ""


def _bbcode_text(message: str) -> str:
    return BBCODE.sub("", PICTURE.sub("", QUOTE.sub("", EDIT_NOTICE.sub("", message))))


def _loose(text: str) -> str:
    """Bodies compared without any whitespace (paragraph breaks are the cleaner's choice) or
    picture placeholders."""
    return re.sub(r"\s+", "", text.replace(IMAGE_PLACEHOLDER, ""))


def _short(text: str | None, size: int = 60) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text if len(text) <= size else text[:size] + "…"


def summary(result: Comparison) -> str:
    """Lines that can be quoted in a closing note."""
    lines = [
        f"[{result.label}] forum: {result.forum_visible} visible posts "
        f"(+{result.forum_hidden} deleted: invisible != 0); ours: {result.stored_rows} rows, "
        f"{result.stored_current} current; matched by pid: {result.matched}",
        f"  missing: {len(result.missing)}  duplicated: {len(result.duplicated)}  "
        f"extra: {len(result.extra)}  without pid: {result.without_pid}  "
        f"stale edits (incremental, by design): {len(result.stale_edits)}",
        "  mismatches: " + "  ".join(f"{name} {len(wrong)}" for name, wrong in
                                     result.mismatches.items()),
    ]
    if result.deleted_column is None:
        lines.append("  deleted posts: NOT CHECKED - the crawl left no database")
    elif result.deleted_column:
        lines.append(f"  deleted in forum: {result.forum_hidden}; marked deleted here: "
                     f"{result.deleted_marked}; stored but not marked: "
                     f"{len(result.deleted_unmarked)}; never stored: "
                     f"{len(result.deleted_never_stored)}")
    else:
        lines.append("  deleted posts: NOT CHECKED - posts has no deleted_at column on this "
                     "branch")
    for name, wrong in result.mismatches.items():
        lines.extend(f"    {name}: {item}" for item in wrong[:3])
    if result.missing:
        lines.append(f"    missing pids: {result.missing[:20]}")
    if result.duplicated:
        lines.append(f"    duplicated pids: {result.duplicated[:20]}")
    if result.extra:
        lines.append(f"    extra pids: {result.extra[:20]}")
    lines.append(f"  => {'OK' if result.ok else 'FAIL'}")
    return "\n".join(lines)
