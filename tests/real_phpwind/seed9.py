"""The scenario of tests/fixtures/phpwind-9.1-gbk, posted through 9.1's own forms
(``front_end``); what only the admin panel or a moderator's menu does is done as they store
it, with SQL (each step says so).

Board 2 (新版块): thread A (admin, 12 posts, three pages of 5 after one is deleted) with a
quote of admin's 5th reply by 小明同学 and his quote quoted back, admin's signature, an edit
by 小明同学 after the edit line's time, a reply of 禁言会员 (banned afterwards) and one of
小明同学 deleted by a moderator; thread B with an uploaded picture; threads C, D (3 days
old) and E (400 days old, with a reply of 小明同学's), so the list (2 a page) has three pages.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field

from tests.real_discuz.servers import MariaDB
from tests.real_phpwind.front_end import FORMS, Member
from tests.real_phpwind.install9 import ADMIN, DB_NAME
from tests.real_phpwind.seed8 import BANNED, MEMBER, OLDER

# Without UBB: 9.x converts a signature's UBB only for a member who ticked 签名使用UBB
# (``PwThreadDisplay::_bulidBbsSign``: ``STATUS_SIGN_USEUBB``), and prints it as typed otherwise.
SIGNATURE = "admin 的签名：phpwind 9.1 测试论坛"
FORUM = 2
# Older threads, as seed8's (a list and a post then print a date): letter -> days.
OLDER_9 = {"D": OLDER["E"], "E": OLDER["F"]}


@dataclass
class Forum:
    admin: Member
    member: Member
    banned: Member
    threads: dict[str, int] = field(default_factory=dict)
    deleted_pid: int = 0


def picture(width: int = 8, height: int = 8) -> bytes:
    """A PNG GD decodes (9.x's ``PwImage`` opens an uploaded picture: seed8's 1x1 PNG has a bad
    IDAT checksum, which 8.7 never notices), one orange colour."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\xff\x80\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def members(base: str, db: MariaDB, charset: str) -> Forum:
    admin = Member(base, ADMIN[0], ADMIN[1], charset)
    registered = []
    for name, password, email in (MEMBER, BANNED):
        said = Member(base, name, password, charset).register(email)
        if db.sql(f"SELECT COUNT(*) FROM pw_user WHERE username = '{name}';", DB_NAME).strip() != "1":
            raise RuntimeError(f"registration of {name}: {said!r}")
        registered.append(Member(base, name, password, charset))
    for member in (admin, *registered):
        member.log_in()
    return Forum(admin, *registered)


def configure(db: MariaDB) -> None:
    """What the admin panel stores: board 2 shows 5 posts and 2 threads a page
    (``pw_bbs_forum_extra.settings_basic``), every group's ``post_modify_time`` 1 (an edit
    made a minute after posting prints its line) and ``post_pertime`` 0 (no wait between two
    posts of a member), the site's name; the caches of groups
    dropped (``pw_cache``)."""
    db.sql("""
        UPDATE pw_bbs_forum_extra SET settings_basic = REPLACE(REPLACE(settings_basic,
            's:13:"threadperpage";i:20;', 's:13:"threadperpage";i:2;'),
            's:11:"readperpage";i:15;', 's:11:"readperpage";i:5;') WHERE fid = 2;
        UPDATE pw_user_permission_groups SET rvalue = '1' WHERE rkey = 'post_modify_time';
        UPDATE pw_user_permission_groups SET rvalue = '0' WHERE rkey = 'post_pertime';
        UPDATE pw_common_config SET value = 'phpwind 测试论坛' WHERE name = 'info.name';
        DELETE FROM pw_cache WHERE cache_key LIKE 'group%';
        """, DB_NAME)


def _send(member: Member, action: str, *args: str, files=None) -> str:
    path, form = FORMS[action](*args)
    member.browser.get(f"{member.base}/index.php")  # a page first: the csrf_token cookie
    return member.post(path, files, **form)


class Posting:
    """Checks each post landed (threads and replies counted before and after)."""

    def __init__(self, db: MariaDB) -> None:
        self.db = db

    def count(self) -> int:
        return int(self.db.sql("SELECT (SELECT COUNT(*) FROM pw_bbs_threads) + "
                               "(SELECT COUNT(*) FROM pw_bbs_posts);", DB_NAME).strip())

    def __call__(self, member: Member, action: str, *args: str, files=None) -> None:
        before = self.count()
        said = _send(member, action, *args, files=files)
        if self.count() != before + 1:
            raise RuntimeError(f"{action} {args[:1]}: nothing was posted; phpwind said {said[:300]!r}")


def _newest_tid(db: MariaDB) -> int:
    return int(db.sql("SELECT MAX(tid) FROM pw_bbs_threads;", DB_NAME).strip())


def _pids(db: MariaDB, tid: int) -> list[int]:
    return [int(x) for x in db.sql(f"SELECT pid FROM pw_bbs_posts WHERE tid={tid} ORDER BY pid;", DB_NAME).split()]


def seed(forum: Forum, db: MariaDB) -> None:
    admin, member = forum.admin, forum.member
    _send(admin, "sign", SIGNATURE)
    post = Posting(db)
    post(admin, "thread", "phpwind 9.1 测试主题", "这是主题的第一帖。\n第二行，含有 [b]粗体[/b] 和 [i]斜体[/i]。")
    tid = forum.threads["A"] = _newest_tid(db)
    t = str(tid)
    for n in range(1, 6):
        post(admin, "reply", t, f"管理员的第 {n} 个回复。")
    post(member, "reply", t, "我同意楼上的看法。", str(_pids(db, tid)[4]))
    post(admin, "reply", t, "谢谢你的回复！", str(_pids(db, tid)[5]))
    post(forum.banned, "reply", t, "禁言会员的回复，他随后被禁言。")
    post(member, "reply", t, "这是一个带链接的回复：[url=http://example.com/]例子[/url]")
    post(member, "reply", t, "小明同学的回复，稍后会被编辑。")
    post(member, "reply", t, "这条回复会被版主删除。")
    forum.deleted_pid = _pids(db, tid)[-1]
    post(admin, "reply", t, "第三页的最后一个回复。")
    post(admin, "thread", "带图片的主题", "图片在下面。", files=[("attachment", "orange.png", picture())])
    forum.threads["B"] = _newest_tid(db)
    for letter, who, title, body in (("C", admin, "普通主题", "又一个主题。"),
                                     ("D", member, "小明同学的主题", "三天前的主题。"),
                                     ("E", admin, "去年的主题", "四百天前的主题。")):
        post(who, "thread", title, body)
        forum.threads[letter] = _newest_tid(db)
    # A reply to E, backdated with it: its list row prints the reply's m-d H:i with no year,
    # which falls on that month and day both last year and this (row_times.py).
    post(member, "reply", str(forum.threads["E"]), "去年的回复。")


def moderate(forum: Forum, db: MariaDB) -> None:
    """A reply of thread A deleted to the recycle bin (``PwDeleteReplyDoVirtualDelete``:
    ``disabled`` 2, ``tid`` 0, ``pw_recycle_reply``, the thread's replies counted off);
    禁言会员 banned from posting (``PwUserBanService::banUser`` type 1, ``PwUserBanSpeak``:
    ``pw_user_ban``, group 6)."""
    a, pid = forum.threads["A"], forum.deleted_pid
    db.sql(f"""
        UPDATE pw_bbs_posts SET disabled = 2, tid = 0 WHERE pid = {pid};
        INSERT INTO pw_recycle_reply (pid, tid, fid, operate_time, operate_username, reason)
            VALUES ({pid}, {a}, {FORUM}, UNIX_TIMESTAMP(), '{ADMIN[0]}', '');
        UPDATE pw_bbs_threads SET replies = replies - 1 WHERE tid = {a};
        INSERT INTO pw_user_ban (uid, typeid, fid, end_time, created_userid, created_time, reason)
            SELECT uid, '1', 0, 0, 1, UNIX_TIMESTAMP(), '测试禁言' FROM pw_user WHERE username = '{BANNED[0]}';
        UPDATE pw_user SET groupid = 6, `groups` = '' WHERE username = '{BANNED[0]}';
        """, DB_NAME)


_TIMES = {"pw_bbs_threads": ("created_time", "lastpost_time"), "pw_bbs_threads_index": ("created_time", "lastpost_time"),
          "pw_bbs_threads_cate_index": ("created_time", "lastpost_time"), "pw_bbs_posts": ("created_time",),
          "pw_attachs_thread": ("created_time",)}


def backdate(forum: Forum, db: MariaDB) -> None:
    """Every post two hours older and each thread five minutes before the next (as seed8's),
    threads D and E days more; the board's last post follows."""
    shifts = {tid: 7200 + (max(forum.threads.values()) - tid) * 300 for tid in forum.threads.values()}
    for letter, days in OLDER_9.items():
        shifts[forum.threads[letter]] += days * 86400
    statements = []
    for tid, seconds in shifts.items():
        for table, columns in _TIMES.items():
            sets = ", ".join(f"{c} = {c} - {seconds}" for c in columns)
            statements.append(f"UPDATE {table} SET {sets} WHERE tid = {tid};")
    statements.append(f"UPDATE pw_bbs_forum_statistics SET lastpost_time = (SELECT MAX(lastpost_time) "
                      f"FROM pw_bbs_threads WHERE fid = {FORUM}) WHERE fid = {FORUM};")
    db.sql("\n".join(statements), DB_NAME)


def edit_after_backdate(forum: Forum, db: MariaDB) -> None:
    tid = forum.threads["A"]
    pid = db.sql(f"SELECT MAX(pid) FROM pw_bbs_posts WHERE tid={tid} AND created_username='{MEMBER[0]}';",
                 DB_NAME).strip()
    _send(forum.member, "modify", str(tid), pid, "", "小明同学的回复，已经编辑过了。")
    if not db.sql(f"SELECT modified_time FROM pw_bbs_posts WHERE pid={pid};", DB_NAME).strip().strip("0"):
        raise RuntimeError("the edit was not stored")
