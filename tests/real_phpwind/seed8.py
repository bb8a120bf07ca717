"""The scenario of tests/fixtures/phpwind-8.7, posted through 8.7's own pages
(``front_end8``); what only the admin panel or a moderator's menu does is done as they store
it, with SQL (each step says so).

Board 2 (默认版块): thread A (admin, 10 posts: three pages of 4), with a quote of admin's
reply by 小明同学 and his quote quoted back, admin's signature, an edit by 小明同学 made
after the edit-notice time, a reply of 禁言会员 (banned afterwards: his posts are shielded)
and one of 小明同学 deleted by a moderator; thread B with an attachment; thread C topped
(置顶); thread D deleted; threads E and F so the list has two pages, E three days old and F
400 days (lists and posts then print a date, not a relative time). Board 3 (子版块, in 2): thread G. Board 4
(会员专区, members only): thread H.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.real_discuz.servers import MariaDB
from tests.real_phpwind.front_end8 import Member
from tests.real_phpwind.install8 import ADMIN, DB_NAME, MEMBERS_BOARD, SUB_BOARD

MEMBER = ("小明同学", "Xiaoming-87", "xiaoming@example.test")
BANNED = ("禁言会员", "Banned-87", "banned@example.test")
SIGNATURE = "admin 的签名：[b]phpwind 8.7[/b] 测试"
# A 1x1 PNG and a text file, uploaded as attachment_1 and attachment_2.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
NOTES = "发布说明\nphpwind 8.7 附件测试\n".encode()


@dataclass
class Forum:
    admin: Member
    member: Member
    banned: Member
    threads: dict[str, int] = field(default_factory=dict)  # letter -> tid
    deleted_pid: int = 0


def expect(said: str, action: str) -> None:
    """A form phpwind answered with a success message (操作完成, 成功…)."""
    if said and not any(word in said for word in ("成功", "完毕", "完成", "跳转")):
        raise RuntimeError(f"{action}: phpwind said {said!r}")


class Posting:
    """Checks each post landed: 8.7 answers its ajax post form with a line of script either
    way, so the count of threads and replies is what tells."""

    def __init__(self, db: MariaDB) -> None:
        self.db = db

    def count(self) -> int:
        return int(self.db.sql("SELECT (SELECT COUNT(*) FROM pw_threads) + "
                               "(SELECT COUNT(*) FROM pw_posts);", DB_NAME).strip())

    def __call__(self, said_by, action: str) -> None:
        before = self.count()
        said = said_by()
        if self.count() != before + 1:
            raise RuntimeError(f"{action}: nothing was posted; phpwind said {said[:300]!r}")


def members(base: str, charset: str = "utf-8") -> Forum:
    """``charset``: the edition's (``front_end8.Member``)."""
    admin = Member(base, ADMIN[0], ADMIN[1], charset)
    registered = []
    for name, password, email in (MEMBER, BANNED):
        said = Member(base, name, password, charset).register(email)
        if "成功" not in said and "完成" not in said and said:
            raise RuntimeError(f"registration of {name}: {said!r}")
        registered.append(Member(base, name, password, charset))  # a fresh visit, as after registering
    for member in (admin, *registered):
        member.log_in()
    return Forum(admin, *registered)


def newest_tid(db: MariaDB) -> int:
    return int(db.sql("SELECT MAX(tid) FROM pw_threads;", DB_NAME).strip())


def pids(db: MariaDB, tid: int) -> list[int]:
    return [int(x) for x in db.sql(f"SELECT pid FROM pw_posts WHERE tid={tid} ORDER BY pid;",
                                   DB_NAME).split()]


def seed(forum: Forum, db: MariaDB) -> None:
    admin, member = forum.admin, forum.member
    expect(admin.sign(SIGNATURE), "signature")
    seed_threads(forum, db)


def seed_threads(forum: Forum, db: MariaDB) -> None:
    admin, member = forum.admin, forum.member
    post = Posting(db)
    post(lambda: admin.new_thread(2, "phpwind 8.7 测试主题", "这是主题的第一帖。\n第二行，含有 [b]粗体[/b] 和 [i]斜体[/i]。"), "thread A")
    tid = forum.threads["A"] = newest_tid(db)
    for n in range(1, 5):
        post(lambda: admin.reply(2, tid, f"管理员的第 {n} 个回复。"), f"reply {n}")
    # 小明同学 quotes admin's 4th reply (floor 5, lou 4); admin quotes him back (lou 5).
    post(lambda: member.reply(2, tid, "我同意楼上的看法。", quote=(pids(db, tid)[3], 4)), "quote")
    post(lambda: admin.reply(2, tid, "谢谢你的回复！", quote=(pids(db, tid)[4], 5)), "quote back")
    post(lambda: member.reply(2, tid, "这是一个带链接的回复：[url=http://example.com/]例子[/url]"), "link")
    post(lambda: forum.banned.reply(2, tid, "禁言会员的回复，他随后被禁言。"), "banned member's reply")
    post(lambda: member.reply(2, tid, "小明同学的回复，稍后会被编辑。"), "to edit")
    post(lambda: member.reply(2, tid, "这条回复会被版主删除。"), "to delete")
    forum.deleted_pid = pids(db, tid)[-1]
    post(lambda: admin.reply(2, tid, "第三页的最后一个回复。"), "last")
    post(lambda: admin.new_thread(2, "带附件的主题", "附件在下面：图片和一个文本文件。",
                            files=[("attachment_1", "pixel.png", PNG),
                                   ("attachment_2", "notes.txt", NOTES)]), "thread B")
    forum.threads["B"] = newest_tid(db)
    post(lambda: admin.new_thread(2, "置顶的公告主题", "这个主题被置顶。"), "thread C")
    forum.threads["C"] = newest_tid(db)
    post(lambda: member.new_thread(2, "将被删除的主题", "这个主题会被删除。"), "thread D")
    forum.threads["D"] = newest_tid(db)
    post(lambda: member.new_thread(2, "小明同学的主题", "普通主题，列表第二页。"), "thread E")
    forum.threads["E"] = newest_tid(db)
    post(lambda: admin.new_thread(2, "另一个普通主题", "又一个主题。"), "thread F")
    forum.threads["F"] = newest_tid(db)
    post(lambda: admin.new_thread(SUB_BOARD, "子版块里的主题", "子版块的第一帖。"), "thread G")
    forum.threads["G"] = newest_tid(db)
    post(lambda: admin.new_thread(MEMBERS_BOARD, "会员专区的主题", "只有会员能看到。"), "thread H")
    forum.threads["H"] = newest_tid(db)


def moderate(forum: Forum, db: MariaDB) -> None:
    """What a moderator's menu stores (mawhole.php topped/del): thread C topped in its board
    (``topped`` 1 and ``specialsort`` PW_THREADSPECIALSORT_TOP1, which keeps it out of the
    board's other rows; pw_poststopped, then the topped cache is rebuilt), thread D deleted with its posts; a
    reply of thread A deleted (masingle.php delatc: ``lib/forum/delarticle.class.php``
    with the recycle bin on moves it out of the thread, ``tid`` and ``fid`` 0, into
    pw_recycle, and counts it off); 禁言会员 banned for good, everywhere (the admin panel's
    禁止发言, ``lib/user/banuser.class.php`` ``ban`` with range 1: pw_banuser, group 6
    禁止发言, the status bit ``PW_USERSTATUS_BANUSER``, out of pw_administrators)."""
    c, d, a = forum.threads["C"], forum.threads["D"], forum.threads["A"]
    db.sql(f"""
        UPDATE pw_threads SET topped = 1, specialsort = {TOPPED_SORT} WHERE tid = {c};
        INSERT INTO pw_poststopped (fid, tid, pid, floor, uptime, overtime)
            VALUES (2, {c}, 0, 1, 2, 0);
        DELETE FROM pw_threads WHERE tid = {d};
        DELETE FROM pw_tmsgs WHERE tid = {d};
        DELETE FROM pw_posts WHERE tid = {d};
        UPDATE pw_forumdata SET topic = topic - 1, tpost = tpost - 1, article = article - 1
            WHERE fid = 2;
        UPDATE pw_posts SET tid = 0, fid = 0 WHERE pid = {forum.deleted_pid};
        INSERT INTO pw_recycle (pid, tid, fid, deltime, admin)
            VALUES ({forum.deleted_pid}, {a}, 2, UNIX_TIMESTAMP(), '{ADMIN[0]}');
        UPDATE pw_threads SET replies = replies - 1 WHERE tid = {a};
        UPDATE pw_forumdata SET article = article - 1 WHERE fid = 2;
        INSERT INTO pw_banuser (uid, fid, type, startdate, days, admin, reason)
            SELECT uid, 0, 2, UNIX_TIMESTAMP(), 0, '{ADMIN[0]}', '测试禁言' FROM pw_members
            WHERE username = '{BANNED[0]}';
        UPDATE pw_members SET groupid = 6, `groups` = '', userstatus = userstatus | 1
            WHERE username = '{BANNED[0]}';
        DELETE a FROM pw_administrators a JOIN pw_members m USING (uid)
            WHERE m.username = '{BANNED[0]}';
        """, DB_NAME)


TOPPED_SORT = 101  # require/common.php: define('PW_THREADSPECIALSORT_TOP1', 101)
# Threads put further back (days): a date shown, not "N小时前" (``getLastDate``: ``m-d``
# this year, ``Y-m-d`` before).
OLDER = {"E": 3, "F": 400}


def backdate(forum: Forum, db: MariaDB) -> None:
    """Every post at least two hours older, so an edit now comes after db_postedittime (1
    minute), and each thread (with its replies and attachments) five minutes before the next:
    posted within seconds, threads tie on ``lastpost`` and the list's order (``ORDER BY
    lastpost DESC``) is the database's choice, page by page."""
    db.sql("""
        UPDATE pw_threads t JOIN (SELECT MAX(tid) AS top FROM pw_threads) m
            SET t.postdate = t.postdate - (7200 + (m.top - t.tid) * 300),
                t.lastpost = t.lastpost - (7200 + (m.top - t.tid) * 300);
        UPDATE pw_posts p JOIN (SELECT MAX(tid) AS top FROM pw_threads) m
            SET p.postdate = p.postdate - (7200 + (m.top - p.tid) * 300);
        UPDATE pw_attachs a JOIN (SELECT MAX(tid) AS top FROM pw_threads) m
            SET a.uploadtime = a.uploadtime - (7200 + (m.top - a.tid) * 300);
        """, DB_NAME)
    for letter, days in OLDER.items():
        db.sql(f"""
            UPDATE pw_threads SET postdate = postdate - {days * 86400},
                lastpost = lastpost - {days * 86400} WHERE tid = {forum.threads[letter]};
            UPDATE pw_posts SET postdate = postdate - {days * 86400}
                WHERE tid = {forum.threads[letter]};
            """, DB_NAME)


def edit_after_backdate(forum: Forum, db: MariaDB) -> None:
    tid = forum.threads["A"]
    pid = int(db.sql(f"SELECT MAX(pid) FROM pw_posts WHERE tid={tid} AND author='{MEMBER[0]}';",
                     DB_NAME).strip())
    expect(forum.member.modify(2, tid, str(pid), "小明同学的回复，已经编辑过了。"), "edit")
