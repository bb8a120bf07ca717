"""The board's content, posted through the front end, and its truth read from the tables.

Everything is posted in a few seconds; ``backdate`` (the harness's one direct write to the
post tables) then spreads the posts' ``dateline`` over ten days, so pages show each time
shape MyBB prints (absolute dates, ``Yesterday``, ``Today``, ``N hours ago``).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tests.real_discuz.servers import MariaDB
from tests.real_mybb.front_end import Member, Posted
from tests.real_mybb.install import ADMIN, DB_NAME, FORUM_ID, SUBFORUM_ID, P

MEMBERS = (("alice", "Kx7-harvest-1"), ("bob", "Qm4-harvest-2"), ("Zoë", "Wv9-harvest-3"))
BOB_SIGNATURE = "[i]Bob's signature[/i] — [url=https://example.org/bob]my page[/url]"


@dataclass
class Board:
    base: str
    people: dict[str, Member]
    threads: dict[str, int] = field(default_factory=dict)
    posts: dict[str, list[Posted]] = field(default_factory=dict)

    def start(self, name: str, fid: int, author: str, subject: str, message: str) -> Posted:
        posted = self.people[author].new_thread(fid, subject, message)
        self.threads[name], self.posts[name] = posted.tid, [posted]
        return posted

    def reply(self, name: str, author: str, message: str) -> Posted:
        posted = self.people[author].reply(self.threads[name], message)
        self.posts[name].append(posted)
        return posted


def members(base: str) -> Board:
    admin = Member(base, *ADMIN[:2])
    admin.login()
    people = {ADMIN[0]: admin}
    for name, password in MEMBERS:
        member = Member(base, name, password)
        member.register(f"{name.encode('ascii', 'ignore').decode().lower()}@example.test")
        people[name] = member
    people["bob"].signature(BOB_SIGNATURE)
    return Board(base, people)


def seed(board: Board) -> None:
    """Thread A: 8 posts (3 pages) with every kind of markup; B: 4 posts; C: 2; D (in the
    sub-forum): 2. Forum 2 then has 3 threads at 2 a page: 2 list pages."""
    a = "A"
    board.start(a, FORUM_ID, "alice", "Thread A: three pages",
                "[b]Bold opening[/b] of thread A.\nA second line with "
                "[url=https://example.org/a]a link[/url].")
    second = board.reply(a, "bob", "Bob answers in Chinese: 中文内容，你好世界。\n第二行。")
    board.reply(a, "admin", "Latin-1 letters: café, Straße, © 2024, naïve résumé, ½ ¿?")
    quoted = board.people["alice"].quote_source(second.pid)
    fourth = board.reply(a, "alice", f"{quoted}\nI agree with bob, and say it [b]twice[/b].")
    board.reply(a, "bob", "Some code:\n[code]def f():\n    return 1 < 2[/code]\nand a picture "
                "[img]https://example.org/picture.png[/img] by URL.")
    nested = board.people["admin"].quote_source(fourth.pid)
    board.reply(a, "admin", f"{nested}\nThe admin quotes alice quoting bob.")
    board.reply(a, "Zoë", "[i]Italic[/i], [u]underlined[/u] and [color=red]red[/color] words "
                "by Zoë.")
    board.reply(a, "bob", "The last post of A, a list:\n[list]\n[*]one\n[*]two\n[/list]")

    board.start("B", FORUM_ID, "bob", "Thread B — two pages, ünïcödé",
                "Thread B opens here. Ελληνικά and русский текст.")
    board.reply("B", "alice", "A reply on page 1 of B.")
    board.reply("B", "admin", "Another reply on page 1 of B.")
    board.reply("B", "alice", "Page 2 of B, one post alone.")

    board.start("C", FORUM_ID, "admin", "Thread C, short", "C has two posts only.")
    board.reply("C", "bob", "The second post of C.")

    board.start("D", SUBFORUM_ID, "Zoë", "Thread D in the sub-board", "D lives in Sub Board.")
    board.reply("D", "alice", "A reply inside the sub-board.")


def edit_after_backdate(board: Board) -> int:
    """Zoë edits her post (A #7): MyBB prints its "last modified" line under the post."""
    pid = board.posts["A"][6].pid
    board.people["Zoë"].edit(pid, "[i]Italic[/i], [u]underlined[/u] and [color=red]red[/color] "
                                  "words by Zoë (edited: one more sentence).")
    return pid


def backdate(db: MariaDB, span_seconds: int = 10 * 86400) -> None:
    """Spread every post over ``span_seconds`` before now, oldest pid first (quadratic: old
    posts days apart, the newest minutes apart), then make threads and forums agree."""
    pids = [int(pid) for pid in db.sql(f"SELECT pid FROM {P}posts ORDER BY pid;", DB_NAME).split()]
    now, last = int(time.time()), len(pids) - 1
    statements = []
    for index, pid in enumerate(pids):
        share = (last - index) / last if last else 0.0
        dateline = now - int(span_seconds * share * share) - 300 * (last - index) - 7 * index
        statements.append(f"UPDATE {P}posts SET dateline={dateline} WHERE pid={pid};")
    statements.append(f"""UPDATE {P}threads t SET
        dateline=(SELECT MIN(dateline) FROM {P}posts p WHERE p.tid=t.tid),
        lastpost=(SELECT MAX(dateline) FROM {P}posts p WHERE p.tid=t.tid AND p.visible=1);
        UPDATE {P}forums f SET lastpost=(SELECT MAX(lastpost) FROM {P}threads t
        WHERE t.fid=f.fid) WHERE f.type='f';""")
    db.sql("".join(statements), DB_NAME)


def truth(db: MariaDB) -> dict:
    """Every post, thread, forum and user row the pages show, as the tables hold them.
    ``floor``: the post's place among the thread's visible posts (MyBB's ``#N``)."""
    posts = _rows(db, "p.pid, p.tid, p.fid, p.uid, p.username, p.dateline, p.message, "
                  "p.includesig, p.edituid, p.edittime, e.username AS editor, p.visible",
                  f"{P}posts p LEFT JOIN {P}users e ON e.uid=p.edituid "
                  "ORDER BY p.tid, p.dateline, p.pid")
    floors: dict[int, int] = {}
    for post in posts:
        if post["visible"] == 1:
            floors[post["tid"]] = floors.get(post["tid"], 0) + 1
            post["floor"] = floors[post["tid"]]
        post["posted_at_utc"] = _utc(post["dateline"])
        post["edited_at_utc"] = _utc(post["edittime"]) if post["edittime"] else None
    return {
        "settings": {row["name"]: row["value"] for row in _rows(
            db, "name, value", f"{P}settings WHERE name IN ('postsperpage','threadsperpage',"
            "'timezoneoffset','dateformat','timeformat','datetimesep','seourls','bbname')")},
        "forums": _rows(db, "fid, name, description, type, pid, parentlist, linkto, threads, posts",
                        f"{P}forums ORDER BY fid"),
        "threads": _rows(db, "tid, fid, subject, uid, username, dateline, lastpost, lastposter, "
                         "replies, views, visible", f"{P}threads ORDER BY tid"),
        "posts": posts,
        "users": _rows(db, "uid, username, usergroup, signature", f"{P}users ORDER BY uid"),
    }


def page_counts(truth: dict, skipped: frozenset[int] = frozenset()) -> tuple[dict[int, int], dict[int, int]]:
    """(tid -> its page count, fid -> its list's page count) of ``truth``'s threads and forums
    (not categories, nor the forums ``skipped``), at the board's page sizes."""
    per_page = int(truth["settings"]["postsperpage"])
    per_list = int(truth["settings"]["threadsperpage"])
    pages = {t["tid"]: -(-(t["replies"] + 1) // per_page) for t in truth["threads"]}
    forums = {f["fid"]: max(1, -(-f["threads"] // per_list)) for f in truth["forums"]
              if f["type"] == "f" and f["fid"] not in skipped}
    return pages, forums


def write_expected(directory: Path, version: str, mariadb: str, threads: dict[str, int], truth: dict) -> None:
    facts = {"engine": "MyBB", "version": version, "mariadb": mariadb, "threads": threads, "truth": truth}
    (directory / "expected.json").write_text(json.dumps(facts, ensure_ascii=False, indent=1) + "\n", "utf-8")


def _rows(db: MariaDB, columns: str, source: str) -> list[dict]:
    return db.json_rows(columns, source, DB_NAME)


def _utc(epoch: int) -> str:
    return datetime.fromtimestamp(int(epoch), UTC).isoformat()
