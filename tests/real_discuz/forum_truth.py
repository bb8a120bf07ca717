"""The forum's own truth, read from its tables: what every crawl is compared with."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from tests.real_discuz.install import DB_NAME, TABLE_PREFIX
from tests.real_discuz.servers import MariaDB

P = TABLE_PREFIX


@dataclass(frozen=True)
class ForumPost:
    pid: int
    tid: int
    first: bool
    position: int
    author: str
    dateline: int
    message: str
    invisible: int  # 0 visible; -1 recycle bin, -5 deleted to the recycle bin, -2 awaiting review
    status: int
    # The author's group is 4 (banned from posting) or 5 (from visiting): Discuz prints a
    # notice instead of the message (setting ``bannedmessages``).
    author_banned: bool = False

    @property
    def visible(self) -> bool:
        return self.invisible == 0

    @property
    def posted_at(self) -> str:
        return datetime.fromtimestamp(self.dateline, UTC).isoformat()

    def record(self) -> dict:
        """The ``expected.json`` shape: the table's columns plus the UTC time."""
        return asdict(self) | {"posted_at_utc": self.posted_at, "visible": self.visible}


@dataclass(frozen=True)
class ForumThread:
    tid: int
    fid: int
    subject: str
    replies: int
    lastpost: int
    lastposter: str
    maxposition: int
    displayorder: int


def _text(column: str) -> str:
    """A text column as UTF-8: MariaDB's JSON_ARRAYAGG passes a GBK or Big5 forum's bytes
    through unconverted."""
    return f"CONVERT({column} USING utf8mb4)"


def _rows(db: MariaDB, sql: str) -> list[dict]:
    out = db.sql(sql, DB_NAME).strip()
    return json.loads(out) if out and out != "NULL" else []


def posts(db: MariaDB) -> list[ForumPost]:
    """Every row of ``pre_forum_post`` (visible or not), in (tid, position) order."""
    rows = _rows(db, f"""SELECT JSON_ARRAYAGG(JSON_OBJECT(
        'pid', pid, 'tid', tid, 'first', first, 'position', position, 'author', {_text('author')},
        'dateline', dateline, 'message', {_text('message')}, 'invisible', invisible, 'status', status,
        'author_banned', (SELECT groupid IN (4, 5) FROM {P}common_member m WHERE m.uid=authorid)))
        FROM {P}forum_post;""")
    found = [ForumPost(**{**row, "first": bool(row["first"]), "author_banned": bool(row["author_banned"])})
             for row in rows]
    return sorted(found, key=lambda post: (post.tid, post.position, post.pid))


def threads(db: MariaDB) -> list[ForumThread]:
    rows = _rows(db, f"""SELECT JSON_ARRAYAGG(JSON_OBJECT(
        'tid', tid, 'fid', fid, 'subject', {_text('subject')}, 'replies', replies, 'lastpost', lastpost,
        'lastposter', {_text('lastposter')}, 'maxposition', maxposition, 'displayorder', displayorder))
        FROM {P}forum_thread;""")
    return sorted((ForumThread(**row) for row in rows), key=lambda thread: thread.tid)


def members(db: MariaDB) -> list[dict]:
    """Every member's name, group (4, 5: banned) and signature as Discuz stores it (HTML)."""
    rows = _rows(db, f"""SELECT JSON_ARRAYAGG(JSON_OBJECT(
        'uid', m.uid, 'username', {_text('m.username')}, 'groupid', m.groupid,
        'sightml', {_text('f.sightml')}))
        FROM {P}common_member m LEFT JOIN {P}common_member_field_forum f ON f.uid=m.uid;""")
    return sorted(rows, key=lambda row: row["uid"])


def snapshot(db: MariaDB, step: str, note: str) -> dict:
    """One step of ``expected.json``: posts and threads as the forum's tables hold them."""
    return {
        "step": step,
        "note": note,
        "taken_at_utc": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "threads": [asdict(thread) | {"lastpost_utc": datetime.fromtimestamp(
            thread.lastpost, UTC).isoformat()} for thread in threads(db)],
        "posts": [post.record() for post in posts(db)],
        "members": members(db),
    }
