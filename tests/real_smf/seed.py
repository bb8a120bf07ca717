"""The forum's content, posted through the front end, and its truth read from the tables.

``backdate`` (the harness's one direct write to the message tables) spreads ``poster_time``
over ten days, so pages show each time shape SMF prints (absolute dates, ``Yesterday at``,
``Today at``). The installer's own welcome topic (topic 1) stays as SMF made it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial

from tests.real_discuz.servers import MariaDB
from tests.real_smf import legacy
from tests.real_smf.front_end import Member, Posted
from tests.real_smf.front_end_11 import LegacyMember
from tests.real_smf.install import ADMIN, BOARD, CHILD_BOARD, DB_NAME, P, Series

MEMBERS = (("alice", "Kx7-harvest-1"), ("bob", "Qm4-harvest-2"), ("Zoë", "Wv9-harvest-3"))
BOB_SIGNATURE = "[i]Bob's signature[/i] — [url=https://example.org/bob]my page[/url]"
NOTES = ("notes.txt", "Bob's notes for topic C.\n" * 40)  # an attached file (txt: an allowed extension)
REGISTRATION_GATE_SECONDS = 10.5  # SMF's $_SESSION['register']['limit'] is 10


@dataclass
class Forum:
    people: dict[str, Member]
    topics: dict[str, int] = field(default_factory=dict)
    posts: dict[str, list[Posted]] = field(default_factory=dict)

    def start(self, name: str, board: int, author: str, subject: str, message: str) -> Posted:
        posted = self.people[author].new_topic(board, subject, message)
        self.topics[name], self.posts[name] = posted.topic, [posted]
        return posted

    def reply(self, name: str, author: str, message: str, attachment: tuple[str, bytes] | None = None) -> Posted:
        posted = self.people[author].reply(self.topics[name], message, attachment)
        self.posts[name].append(posted)
        return posted

    def quote(self, name: str, by: str, posted: Posted) -> str:
        return self.people[by].quote_source(self.topics[name], posted.msg)


def members(base: str, release: Series, browser_charset: str = "utf-8") -> Forum:
    """``browser_charset``: the codec the members' browsers read and send the forum's pages in."""
    def member(name: str, password: str) -> Member:
        return LegacyMember(base, name, password, browser_charset) if legacy.is_legacy(release.version) \
            else Member(base, name, password, release.registration_action)

    admin = member(*ADMIN[:2])
    admin.login()
    people = {name: member(name, password) for name, password in MEMBERS}
    for member in people.values():
        member.open_registration()
    time.sleep(REGISTRATION_GATE_SECONDS)  # the form's time gate, once for all of them
    for name, member in people.items():
        member.finish_registration(f"{name.encode('ascii', 'ignore').decode().lower()}@example.test")
    people["bob"].signature(BOB_SIGNATURE)
    return Forum({ADMIN[0]: admin, **people})


def seed(forum: Forum) -> None:
    """Topic A: 8 posts (3 pages) with every kind of markup; B: 4, made sticky by the admin; C: 2
    (the second with a file attached); D (child board): 2.
    Board 1 then has 4 topics (with the welcome topic) at 2 a page."""
    forum.start("A", BOARD, "alice", "Topic A: three pages",
                "[b]Bold opening[/b] of topic A.\nA second line with "
                "[url=https://example.org/a]a link[/url].")
    second = forum.reply("A", "bob", "Bob answers in Chinese: 中文内容，你好世界。\n第二行。")
    forum.reply("A", "admin", "Latin-1 letters: café, Straße, © 2024, naïve résumé, ½ ¿?")
    fourth = forum.reply("A", "alice", forum.quote("A", "alice", second)
                         + "\nI agree with bob, and say it [b]twice[/b].")
    forum.reply("A", "bob", "Some code:\n[code]def f():\n    return 1 < 2[/code]\nand a picture "
                "[img]https://example.org/picture.png[/img] by URL.")
    forum.reply("A", "admin", forum.quote("A", "admin", fourth)
                + "\nThe admin quotes alice quoting bob.")
    forum.reply("A", "Zoë", "[i]Italic[/i], [u]underlined[/u] and [color=red]red[/color] words "
                "by Zoë.")
    forum.reply("A", "bob", "The last post of A, a list:\n[list]\n[li]one[/li]\n[li]two[/li]\n[/list]")

    forum.start("B", BOARD, "bob", "Topic B — two pages, ünïcödé",
                "Topic B opens here. Ελληνικά and русский текст.")
    forum.reply("B", "alice", "A reply on page 1 of B.")
    forum.reply("B", "admin", "Another reply on page 1 of B.")
    forum.reply("B", "alice", "Page 2 of B, one post alone.")

    forum.start("C", BOARD, "admin", "Topic C, short", "C has two posts only.")
    forum.reply("C", "bob", "The second post of C, with a file attached.", (NOTES[0], NOTES[1].encode()))

    forum.start("D", CHILD_BOARD, "Zoë", "Topic D in the child board", "D lives in Sub Board.")
    forum.reply("D", "alice", "A reply inside the child board.")
    forum.people[ADMIN[0]].make_sticky(forum.topics["B"])


def seed_members_board(forum: Forum) -> None:
    """Topic E, in the board guests may not read (1.1's capture)."""
    forum.start("E", legacy.MEMBERS_BOARD, "alice", "Topic E, for members", "Guests are asked to log in here.")


def seed_deleted_topic(forum: Forum) -> None:
    """Topic F, started by bob and removed by the admin with the topic page's "Remove Topic"
    (no recycle board: gone from the tables). Its id stays in ``forum.topics``."""
    forum.start("F", BOARD, "bob", "Topic F, to be removed", "The admin removes this topic.")
    forum.people[ADMIN[0]].remove_topic(forum.topics["F"])


def seed_western(forum: Forum) -> None:
    """A reply in topic C with Western letters, windows-1252's own characters (€, curly quotes,
    Œ: in an ISO-8859-1 page's form a browser sends them as windows-1252 bytes) and characters
    neither has (sent as ``&#N;`` references) (1.1's ISO-8859-1 capture)."""
    forum.reply("C", "Zoë", "Western letters: £ 12, « guillemets », Grüße aus Köln, Ærø, ¡olé!\n"
                "windows-1252's own: € 5, ‘single’ and “double” quotes, Œuvre — dash\n"
                "Beyond both: 中文, Ελληνικά, ☃ and 😀.")


def edit_after_backdate(forum: Forum) -> None:
    """Zoë edits her post (A #7): SMF prints "Last Edit: TIME by Zoë" under it."""
    posted = forum.posts["A"][6]
    forum.people["Zoë"].edit(posted.topic, posted.msg,
                             "[i]Italic[/i], [u]underlined[/u] and [color=red]red[/color] words "
                             "by Zoë (edited: one more sentence).")


def backdate(db: MariaDB, release: Series, span_seconds: int = 10 * 86400) -> None:
    """Spread the seeded messages (not the welcome topic's) over ``span_seconds`` before now,
    oldest first, the newest minutes apart."""
    names = legacy.sql_names if legacy.is_legacy(release.version) else str
    ids = [int(i) for i in db.sql(
        f"SELECT id_msg FROM {P}messages WHERE id_topic > 1 ORDER BY id_msg;", DB_NAME).split()]
    now, last = int(time.time()), len(ids) - 1
    db.sql(names("".join(
        f"UPDATE {P}messages SET poster_time="
        f"{now - int(span_seconds * ((last - i) / last) ** 2) - 300 * (last - i) - 7 * i} "
        f"WHERE id_msg={msg};" for i, msg in enumerate(ids))), DB_NAME)


def truth(db: MariaDB, release: Series) -> dict:
    """Every message, topic, board and member row the pages show. ``floor``: the message's
    place in its topic (1 = the topic's first post; SMF prints ``Reply #N`` = floor - 1).
    ``member_groups`` of a board: the groups that may read it (-1: guests)."""
    old = legacy.is_legacy(release.version)
    rows = partial(legacy.json_rows, db) if old else db.json_rows
    messages = rows(
        "m.id_msg, m.id_topic, m.id_board, m.id_member, m.poster_name, m.poster_time, m.subject, "
        "m.body, m.modified_time, m.modified_name" + (", m.modified_reason" if release.edit_reasons else "")
        + ("" if old else ", m.approved"),  # 1.1 has no approval
        f"{P}messages m ORDER BY m.id_topic, m.id_msg", DB_NAME)
    floors: dict[int, int] = {}
    for message in messages:
        floors[message["id_topic"]] = floors.get(message["id_topic"], 0) + 1
        message["floor"] = floors[message["id_topic"]]
        message["posted_at_utc"] = _utc(message["poster_time"])
        message["modified_at_utc"] = _utc(message["modified_time"]) if message["modified_time"] else None
    return {
        "settings": {row["variable"]: row["value"] for row in db.json_rows(
            "variable, value", f"{P}settings WHERE variable IN ('defaultMaxMessages',"
            "'defaultMaxTopics','default_timezone','time_format','queryless_urls','todayMod')",
            DB_NAME)},
        "boards": rows("b.id_board, b.id_cat, c.name AS category, b.id_parent, "
                       "b.child_level, b.name, b.num_topics, b.num_posts, b.member_groups"
                       + ("" if old else ", b.redirect"),  # 1.1 has no redirect boards
                       f"{P}boards b JOIN {P}categories c ON c.id_cat=b.id_cat "
                       "ORDER BY b.board_order", DB_NAME),
        "topics": rows(
            "t.id_topic, t.id_board, t.id_first_msg, t.id_last_msg, t.num_replies, t.num_views, "
            "t.is_sticky, f.subject, f.poster_name AS starter, l.poster_name AS last_poster, "
            "l.poster_time AS last_post_time",
            f"{P}topics t JOIN {P}messages f ON f.id_msg=t.id_first_msg JOIN {P}messages l "
            "ON l.id_msg=t.id_last_msg ORDER BY t.id_topic", DB_NAME),
        "messages": messages,
        "members": rows("id_member, member_name, real_name, id_group, signature",
                        f"{P}members ORDER BY id_member", DB_NAME),
        "attachments": rows("id_attach, id_msg, filename, size, downloads",
                            f"{P}attachments WHERE attachment_type = 0 ORDER BY id_attach", DB_NAME),
    }


def _utc(epoch: int) -> str:
    return datetime.fromtimestamp(int(epoch), UTC).isoformat()
