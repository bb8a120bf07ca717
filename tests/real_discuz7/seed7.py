"""The scenario of tests/fixtures/discuz-7.2 and discuz-6.0, posted through the forum's own
pages (``front_end7``);
what only the admin panel or a moderator's menu does is stored as they store it, with SQL
(each step says so).

Board 2 (默认版块): thread A (admin, 9 posts: three pages of 3) with a quote of admin's reply
by 小明同学 and his quote quoted back by 李雷, signatures, an edit by 小明同学 made after the
edit notice's minute, a reply of 韩梅梅 (then banned) and a reply of 李雷 a moderator hid
(屏蔽); thread B with a picture attachment; threads C and E so the list has two pages; thread
D deleted. Board 3 (会员专区, members only): thread H. Datelines spread over ten days, so
pages show absolute dates, 昨天/前天, N 天前 and N 小时前/分钟前.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.real_discuz.servers import MariaDB
from tests.real_discuz7.front_end7 import Member
from tests.real_discuz7.install7 import ADMIN, DB_NAME, FORUM_ID, MEMBERS_FORUM_ID

XIAOMING = ("小明同学", "Xiaoming-72", "xiaoming@example.test")
LILEI = ("李雷", "Lilei-72", "lilei@example.test")
HANMEIMEI = ("韩梅梅", "Hanmeimei-72", "hanmeimei@example.test")
SIGNATURES = {ADMIN[0]: "admin 的签名：[b]Discuz![/b] 测试",
              XIAOMING[0]: "小明的签名 —— 好好学习，天天向上"}
EDITED = "小明同学的回复，已经编辑过了。\n第二行：编辑之后的正文。"
DAY = 86400
# Thread A's posts, seconds before the capture: 10, 9, 5, 3 days; 前天, 昨天; hours; minutes.
THREAD_A_AGES = (10 * DAY, 9 * DAY, 5 * DAY, 3 * DAY, 2 * DAY + 3600, DAY + 7200, 5 * 3600,
                 40 * 60, 10 * 60)
# The other threads (one post each), oldest first: list order is by last post.
OTHER_AGES = {"B": 12 * DAY, "C": 11 * DAY, "D": 11 * DAY - 600, "E": 4 * DAY + 300,
              "H": 6 * DAY}


@dataclass
class Forum:
    admin: Member
    members: dict[str, Member]
    local: Callable[[str], str] = str  # edition.localizer: what this edition's members type
    threads: dict[str, int] = field(default_factory=dict)
    attachment: int | None = None


def png(width: int = 24, height: int = 16) -> bytes:
    """A small red PNG (the picture attachment)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\0" + b"\xcc\x22\x22" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def members(base: str, charset: str = "utf-8", local: Callable[[str], str] = str) -> Forum:
    admin = Member(base, ADMIN[0], ADMIN[1], charset, local)
    admin.log_in()
    forum = Forum(admin, {}, local)
    for name, password, email in (XIAOMING, LILEI, HANMEIMEI):
        member = Member(base, name, password, charset, local)
        member.register(email)
        member.log_in()
        forum.members[name] = member
    for name, text in SIGNATURES.items():
        (admin if name == ADMIN[0] else forum.members[name]).sign(text)
    return forum


def newest(db: MariaDB, what: str) -> int:
    return int(db.sql(f"SELECT IFNULL(MAX({what}), 0) FROM cdb_{'threads' if what == 'tid' else 'posts'};",
                      DB_NAME).strip() or 0)


def seed(forum: Forum, db: MariaDB) -> None:
    admin, xiaoming, lilei, hanmeimei = (forum.admin, *forum.members.values())
    # Attachments are for admins here: new members' group (新手上路) may not upload.
    values, files, forum.attachment = admin.picture(FORUM_ID, "红色图片.png", png())
    inline = f"[attach]{forum.attachment}[/attach]\n" if forum.attachment else ""
    post(db, "thread B", lambda: admin.new_thread(
        FORUM_ID, "带图片附件的主题", f"下面是一张图片附件：\n{inline}图片之后的文字。", values,
        files), "tid")
    forum.threads["B"] = newest(db, "tid")
    for key, author, subject, message in (
            ("C", lilei, "李雷的主题", "普通主题，第二页的列表里。"),
            ("D", xiaoming, "将被删除的主题", "这个主题会被删除。"),
            ("E", admin, "另一个普通主题", "又一个主题，含英文 words 和数字 123。")):
        post(db, f"thread {key}", lambda: author.new_thread(FORUM_ID, subject, message), "tid")
        forum.threads[key] = newest(db, "tid")
    post(db, "thread H", lambda: admin.new_thread(MEMBERS_FORUM_ID, "会员专区的主题",
                                                    "只有会员能看到。"), "tid")
    forum.threads["H"] = newest(db, "tid")
    post(db, "thread A", lambda: admin.new_thread(
        FORUM_ID, "Discuz! 测试主题", "这是主题的第一帖。\n[b]粗体[/b]和[i]斜体[/i]，"
        "还有一个链接 [url=http://example.com/]example[/url]。"), "tid")
    tid = forum.threads["A"] = newest(db, "tid")
    post(db, "reply 1", lambda: xiaoming.reply(FORUM_ID, tid, "小明同学的第一个回复。"), "pid")
    post(db, "reply 2", lambda: admin.reply(FORUM_ID, tid, "管理员的回复，会被引用。"), "pid")
    quoted = newest(db, "pid")
    post(db, "quote", lambda: xiaoming.reply(FORUM_ID, tid, "我引用了管理员的话。", quoted), "pid")
    quoted = newest(db, "pid")
    post(db, "quote of quote", lambda: lilei.reply(FORUM_ID, tid, "再引用小明同学。", quoted), "pid")
    post(db, "reply 5", lambda: hanmeimei.reply(FORUM_ID, tid, "韩梅梅的回复，她之后被禁止发言。"), "pid")
    post(db, "reply 6", lambda: lilei.reply(FORUM_ID, tid, "这个回复会被版主屏蔽。"), "pid")
    post(db, "reply 7", lambda: xiaoming.reply(FORUM_ID, tid, "小明同学的回复，稍后编辑。"), "pid")
    post(db, "reply 8", lambda: admin.reply(FORUM_ID, tid, "最后一个回复：第三页。"), "pid")


def post(db: MariaDB, what: str, action, counter: str) -> None:
    """Run ``action`` (a form sent) and check that it stored one more thread or post."""
    before = newest(db, counter)
    said = action()
    if newest(db, counter) == before:
        raise RuntimeError(f"{what} was not stored: {said[:300]}")


def moderate(forum: Forum, db: MariaDB) -> None:
    """What the moderators' menus store: 韩梅梅 banned (禁止发言, group 4, as the admin
    panel's 禁止用户 sets it), 李雷's reply on thread A's floor 7 hidden (屏蔽帖子: ``status`` 1, as
    topicadmin.php's banpost does), thread D deleted with its post (topicadmin.php's delete,
    recycle bin off)."""
    a, d, local = forum.threads["A"], forum.threads["D"], forum.local
    db.sql(f"""
        UPDATE cdb_members SET groupid=4, adminid=-1 WHERE username='{local(HANMEIMEI[0])}';
        UPDATE cdb_posts SET status=1 WHERE tid={a} AND author='{local(LILEI[0])}'
            AND message LIKE '{local("这个回复会被版主屏蔽")}%';
        DELETE FROM cdb_threads WHERE tid={d};
        DELETE FROM cdb_posts WHERE tid={d};
        UPDATE cdb_forums SET threads=threads-1, posts=posts-1 WHERE fid={FORUM_ID};
        """, DB_NAME)


def backdate(forum: Forum, db: MariaDB) -> None:
    """Datelines as the ages above (thread A's posts in pid order), last posts with them."""
    now = int(db.sql("SELECT UNIX_TIMESTAMP();").strip())
    pids = [int(p) for p in db.sql(
        f"SELECT pid FROM cdb_posts WHERE tid={forum.threads['A']} ORDER BY pid;",
        DB_NAME).split()]
    statements = [f"UPDATE cdb_posts SET dateline={now - age} WHERE pid={pid};"
                  for pid, age in zip(pids, THREAD_A_AGES, strict=True)]
    statements += [f"UPDATE cdb_posts SET dateline={now - age} WHERE tid={forum.threads[key]};"
                   for key, age in OTHER_AGES.items() if key != "D"]
    statements.append("""
        UPDATE cdb_threads t SET
            dateline=(SELECT MIN(dateline) FROM cdb_posts p WHERE p.tid=t.tid),
            lastpost=(SELECT MAX(dateline) FROM cdb_posts p WHERE p.tid=t.tid);
        UPDATE cdb_attachments a JOIN cdb_posts p USING (pid) SET a.dateline=p.dateline;
        UPDATE cdb_forums f SET lastpost=(SELECT CONCAT_WS('\t', t.tid, t.subject, t.lastpost,
            t.lastposter) FROM cdb_threads t WHERE t.fid=f.fid ORDER BY t.lastpost DESC LIMIT 1)
            WHERE f.type='forum';
        """)
    db.sql("\n".join(statements), DB_NAME)


def edit_after_backdate(forum: Forum, db: MariaDB) -> None:
    """小明同学 edits his last reply of thread A, days after posting it: the edit line
    (``editedby``) goes in front of the message in 7.2 (``[i=s] 本帖最后由 … 编辑 [/i]``), at
    its end in 6.0 (``[[i] 本帖最后由 … 编辑 [/i]]``)."""
    tid = forum.threads["A"]
    pid = int(db.sql(f"SELECT MAX(pid) FROM cdb_posts WHERE tid={tid} "
                     f"AND author='{forum.local(XIAOMING[0])}';", DB_NAME).strip())
    said = forum.members[XIAOMING[0]].edit(FORUM_ID, tid, pid, EDITED)
    message = db.sql(f"SELECT message FROM cdb_posts WHERE pid={pid};", DB_NAME)
    if forum.local("编辑过了") not in message:
        raise RuntimeError(f"the edit was not stored: {said[:300]}")
