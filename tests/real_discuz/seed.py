"""The forum's content: members, threads and replies posted through the front end.

Everything is posted in a few seconds, so all posts would share one minute; the only direct
table write of the harness besides settings (``backdate``) then spreads the seeded posts'
``dateline`` over ten days, so pages show every time shape Discuz renders (absolute dates,
``前天``, ``昨天``, ``N 小时前``, ``N 分钟前``) and a post mixed up with another one shows up
as a wrong time too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.real_discuz.front_end import Member, Posted
from tests.real_discuz.install import ADMIN, DB_NAME, FORUM_ID, TABLE_PREFIX
from tests.real_discuz.servers import MariaDB

MEMBERS = (("alice", "alice-pw-1"), ("bob", "bob-pw-1"), ("carol", "carol-pw-1"))
# Thread F (``quote_signature_picture_ban``).
SUBJECT_F = "Thread F 引用、签名和图片"
SIGNATURE = "[b]管理员[/b]的签名：欢迎光临 Signature of admin"
PICTURE = "static/image/common/logo.png"  # a picture every Discuz tree has
P = TABLE_PREFIX


@dataclass
class Forum:
    """Who can act on the forum, and the threads the scenario made (name -> tid)."""

    base: str
    admin: Member
    members: dict[str, Member]
    threads: dict[str, int] = field(default_factory=dict)
    posts: dict[str, list[Posted]] = field(default_factory=dict)

    def by(self, name: str) -> Member:
        return self.admin if name == ADMIN[0] else self.members[name]

    def reply(self, thread: str, author: str, message: str) -> Posted:
        posted = self.by(author).reply(FORUM_ID, self.threads[thread], message)
        self.posts[thread].append(posted)
        return posted


def members(base: str, charset: str = "utf-8", write: Callable[[str], str] = str) -> Forum:
    """``charset``: the forum's (Python's codec name), which members' browsers send forms in;
    ``write``: how they write the texts (``Member``)."""
    admin = Member(base, ADMIN[0], ADMIN[1], charset, write)
    admin.login()
    people = {}
    for name, password in MEMBERS:
        member = Member(base, name, password, charset, write)
        member.register(f"{name}@example.test")
        people[name] = member
    return Forum(base, admin, people)


def message(thread: str, number: int, author: str) -> str:
    """A distinct body per post, with the BBCode a real post has (bold, a link, colour,
    line breaks) and Chinese and English words."""
    styles = (
        "[b]{t} 第 {n} 楼[/b]，{a} 写道：今天天气不错，我们来讨论这个问题。\nSecond line of {t}/{n}.",
        "{a} replies to {t} (post {n}): see [url=https://example.org/{t}/{n}]the notes[/url] "
        "for details.\n\n新的段落 {n}。",
        "[color=Red]{t}-{n}[/color] 回复内容：{a} 认为应该先测试再发布。[i]Italic words {n}[/i]",
    )
    return styles[number % len(styles)].format(t=thread, n=number, a=author)


def post_thread(forum: Forum, name: str, subject: str, authors: list[str]) -> None:
    """A thread of ``len(authors)`` posts: the first author opens it, the others reply."""
    first = forum.by(authors[0]).new_thread(FORUM_ID, subject, message(name, 1, authors[0]))
    forum.threads[name] = first.tid
    forum.posts[name] = [first]
    for number, author in enumerate(authors[1:], start=2):
        forum.reply(name, author, message(name, number, author))


def quote_signature_picture_ban(forum: Forum, db: MariaDB) -> None:
    """Thread F: a picture in its first post; a reply quoting it (the 引用 button); a reply by
    carol, whom the moderator then bans from posting (Discuz then prints 作者被禁止或删除 内容自动屏蔽
    instead of her posts); a reply of the admin, who signed his profile first (every post of
    his then shows the signature)."""
    forum.admin.sign(SIGNATURE)
    first = forum.by("alice").new_thread(
        FORUM_ID, SUBJECT_F, f"图片在下面：\n[img]{PICTURE}[/img]\n看到了吗？The picture is above.")
    forum.threads["F"] = first.tid
    forum.posts["F"] = [first, forum.by("bob").reply(
        FORUM_ID, first.tid, "我同意楼主的看法。I agree with the quoted post.", quote=first.pid)]
    forum.reply("F", "carol", "carol 的回复：这一条会被屏蔽。This reply will be hidden.")
    forum.reply("F", ADMIN[0], "管理员的回复，下面是签名。A reply with a signature below.")
    forum.admin.ban("carol", "测试禁言")
    group = db.sql(f"SELECT groupid FROM {P}common_member WHERE username='carol';", DB_NAME).strip()
    if group != "4":
        raise RuntimeError(f"the moderator panel's ban left carol in group {group or 'none'}, not 4")


def backdate(db: MariaDB, tids: list[int], span_seconds: int = 10 * 86400) -> None:
    """Spread the posts of ``tids`` over ``span_seconds`` before now, oldest pid first, then
    make the threads' ``dateline``/``lastpost``/``lastposter`` agree as Discuz keeps them."""
    ids = ",".join(map(str, tids))
    pids = [int(pid) for pid in db.sql(
        f"SELECT pid FROM {P}forum_post WHERE tid IN ({ids}) ORDER BY pid;", DB_NAME).split()]
    now, last = int(time.time()), len(pids) - 1
    statements = []
    for index, pid in enumerate(pids):
        share = (last - index) / last if last else 0.0
        # Quadratic: old posts days apart, the newest minutes apart; +7 s per post keeps
        # every dateline distinct and the seconds non-zero.
        dateline = now - int(span_seconds * share * share) - 120 * (last - index) - 7 * index
        statements.append(f"UPDATE {P}forum_post SET dateline={dateline} WHERE pid={pid};")
    statements.append(f"""UPDATE {P}forum_thread t SET
        dateline=(SELECT MIN(dateline) FROM {P}forum_post p WHERE p.tid=t.tid AND p.first=1),
        lastpost=(SELECT MAX(dateline) FROM {P}forum_post p WHERE p.tid=t.tid AND p.invisible=0),
        lastposter=(SELECT author FROM {P}forum_post p WHERE p.tid=t.tid AND p.invisible=0
                    ORDER BY dateline DESC LIMIT 1)
        WHERE t.tid IN ({ids});""")
    db.sql("".join(statements), DB_NAME)
