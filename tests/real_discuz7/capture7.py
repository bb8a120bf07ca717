"""Save what a running Discuz! 6/7 serves a guest, and its truth from the tables.

The truth is read before any page is fetched: a thread view adds one to its ``views``.
Every page is fetched twice (``tests.real_mybb.capture.Capture``): with our crawler's
default User-Agent (``-robot``: Discuz 7's ``checkrobot()`` takes it for a robot, it has
``crawl`` in it) and a browser's (``-browser``)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from tests.real_discuz.servers import MariaDB
from tests.real_discuz7 import rewrite7
from tests.real_discuz7.install7 import DB_NAME, MEMBERS_FORUM_ID
from tests.real_mybb.capture import Capture

SETTINGS = ("postperpage", "topicperpage", "dateformat", "timeformat", "timeoffset",
            "dateconvert", "editedby", "bbname", "bannedmessages", "archiverstatus",
            "rewritestatus")


def truth(db: MariaDB) -> dict:
    def rows(columns: str, source: str) -> list[dict]:
        return db.json_rows(columns, source, DB_NAME)

    names = ", ".join(f"'{name}'" for name in SETTINGS)
    return {
        "settings": {row["variable"]: row["value"] for row in rows(
            "variable, value", f"cdb_settings WHERE variable IN ({names})")},
        "forums": rows("f.fid, f.fup, f.type, f.name, f.threads, f.posts, x.viewperm",
                       "cdb_forums f JOIN cdb_forumfields x USING (fid) ORDER BY f.fid"),
        "threads": rows("tid, fid, subject, author, dateline, lastpost, lastposter, replies, "
                        "views, displayorder", "cdb_threads ORDER BY tid"),
        "posts": rows("pid, tid, first, author, authorid, dateline, subject, message, status, "
                      "invisible, attachment, usesig", "cdb_posts ORDER BY pid"),
        "members": rows("m.uid, m.username, m.groupid, f.sightml",
                        "cdb_members m JOIN cdb_memberfields f USING (uid) ORDER BY m.uid"),
        "attachments": rows("aid, tid, pid, filename, filesize, attachment, isimage",
                            "cdb_attachments ORDER BY aid"),
    }


# What 7.2 and 6.0 store in a message: the quote button's block (7.2: the text, then its
# author and time in grey; 6.0: "原帖由 [i]X[/i] 于 T 发表" first; both with a link back:
# include/newreply.inc.php) and the line an edit adds (post_edit of misc.lang.php: 7.2
# "[i=s] 本帖最后由 X 于 T 编辑 [/i]" in front, 6.0 "[[i] 本帖最后由 X 于 T 编辑 [/i]]" last);
# the Big5 edition's in traditional characters.
QUOTE_BLOCKS = (
    re.compile(r"\[quote\](?P<text>.*?)\[size=2\]\[color=#999999\](?P<author>.+?) [发發]表[于於] "
               r"(?P<time>.+?)\[/color\].*?\[/size\]\[/quote\]", re.S),
    re.compile(r"\[quote\]原帖由 \[i\](?P<author>.+?)\[/i\] [于於] (?P<time>.+?) [发發]表 "
               r"\[url=[^\]]*\]\[img\][^\[]*\[/img\]\[/url\](?P<text>.*?)\[/quote\]", re.S),
)
EDIT_NOTICE = re.compile(r"\[?\[i(?:=s)?\]\s*(本帖最[后後]由 (.+?) [于於] (.+?) [编編][辑輯])\s*\[/i\]\]?")
ATTACHMENT = re.compile(r"\[attach\]\d+\[/attach\]")


def posts(facts: dict) -> list[dict]:
    """Each post a guest can read, as the pages should show it: its floor (thread order,
    by dateline), its time as ``Y-n-j H:i`` in the site's zone (7.2 may print it relative:
    ``5 天前``, ``昨天 19:18``, ``10 分钟前``, with this form in its ``title``), the authors it
    quotes, its edit line, what stands in for its text (a banned author's posts and a post
    a moderator hid are replaced by a notice), and ``shown``: what of it a guest's page shows,
    as BBCode (``shown_bbcode``)."""
    settings = facts["settings"]
    zone = timedelta(hours=float(settings["timeoffset"]))
    banned = {m["username"] for m in facts["members"] if m["groupid"] in (4, 5)}
    # A board with a viewperm list that leaves guests (group 7) out is closed to them.
    open_to_guests = {f["fid"] for f in facts["forums"]
                      if not f["viewperm"].strip() or "\t7\t" in f["viewperm"]}
    listed = []
    for thread in (t for t in facts["threads"] if t["fid"] in open_to_guests):
        rows = sorted((p for p in facts["posts"] if p["tid"] == thread["tid"]),
                      key=lambda p: (p["dateline"], p["pid"]))
        for floor, row in enumerate(rows, start=1):
            local = datetime.fromtimestamp(row["dateline"], UTC) + zone
            edit = EDIT_NOTICE.search(row["message"])
            post = {
                "pid": row["pid"], "tid": row["tid"], "floor": floor, "author": row["author"],
                "dateline": row["dateline"],
                "shown": f"{local.year}-{local.month}-{local.day} {local:%H:%M}",
                "message": row["message"],
                "quotes": [found["author"] for block in QUOTE_BLOCKS
                           for found in block.finditer(row["message"])],
                "edit_notice": edit.group(1) if edit else None,
                "status": ("hidden by a moderator" if row["status"] & 1 else
                           "author banned" if row["author"] in banned else "shown")}
            post["shown_bbcode"] = shown_bbcode(post, zone)
            listed.append(post)
    return listed


def shown_bbcode(post: dict, zone: timedelta) -> str:
    """What of a post a guest's page shows, as BBCode: no edit line (the page prints it
    apart), no attachment (for members only here), nothing of a banned author's or a hidden
    post (a notice stands in); each quote as ``[quote=AUTHOR dateline=EPOCH]TEXT[/quote]``,
    its time as the quote printed it (to the minute, in the site's zone)."""
    if post["status"] != "shown":
        return ""

    def quote(found: re.Match) -> str:
        local = datetime.strptime(found["time"], "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
        return (f"[quote={found['author']} dateline={int((local - zone).timestamp())}]"
                f"{found['text'].strip()}[/quote]")

    text = ATTACHMENT.sub("", EDIT_NOTICE.sub("", post["message"]))
    for block in QUOTE_BLOCKS:
        text = block.sub(quote, text)
    return text


def _forum_path(fid: int, page: int) -> str:
    return f"forumdisplay.php?fid={fid}" + (f"&page={page}" if page > 1 else "")


def _thread_path(tid: int, page: int) -> str:
    return f"viewthread.php?tid={tid}" + (f"&page={page}" if page > 1 else "")


def _archiver_path(kind: str, item: int, page: int) -> str:
    return f"archiver/?{kind}-{item}" + (f"-page-{page}" if page > 1 else "") + ".html"


def capture_forum(capture: Capture, base: str, facts: dict, deleted_tid: int, rewritten: bool = False) -> None:
    """The index, every list page and thread page a guest may read, a post's ``findpost``
    redirect, the archiver's pages (twice as many posts and threads a page:
    archiver/include/*.inc.php), the members-only board and its thread (refused), the
    deleted thread and one that never was. ``rewritten``: lists, threads and the archiver at
    their rewritten URLs (``rewrite7``; form ``rewritten``)."""
    per_page = int(facts["settings"]["postperpage"])
    per_list = int(facts["settings"]["topicperpage"])
    forum_path, thread_path, archiver_path = ((rewrite7.forum_path, rewrite7.thread_path, rewrite7.archiver_path)
                                              if rewritten else (_forum_path, _thread_path, _archiver_path))
    form = "rewritten" if rewritten else "plain"
    capture.page(base, "index.php", "index", "plain")
    for forum in (f for f in facts["forums"] if f["type"] != "group"):
        fid, threads = forum["fid"], forum["threads"]
        pages = 1 if fid == MEMBERS_FORUM_ID else max(1, -(-threads // per_list))
        capture.pages(base, pages, lambda p: forum_path(fid, p), f"forumdisplay-{fid}", form)
        capture.pages(base, max(1, -(-threads // (2 * per_list))), lambda p: archiver_path("fid", fid, p),
                      f"archiver-fid-{fid}", "archiver")
    capture.page(base, "archiver/", "archiver-index", "archiver")
    for thread in facts["threads"]:
        tid, posts = thread["tid"], thread["replies"] + 1
        capture.pages(base, -(-posts // per_page), lambda p: thread_path(tid, p), f"viewthread-{tid}", form)
        capture.pages(base, -(-posts // (2 * per_page)), lambda p: archiver_path("tid", tid, p),
                      f"archiver-tid-{tid}", "archiver")
    last = max(facts["posts"], key=lambda post: post["pid"])
    capture.page(base, f"redirect.php?goto=findpost&ptid={last['tid']}&pid={last['pid']}",
                 f"findpost-{last['pid']}", "redirect")
    # A thread that is not there: showmessage('thread_nonexistence'), with HTTP 404 in 7.2
    # (viewthread.php), 200 in 6.0.
    for path, name in ((thread_path(deleted_tid, 1), f"deleted-viewthread-{deleted_tid}"),
                       (thread_path(999, 1), "missing-viewthread-999")):
        capture.page(base, path, name, form, expected=(200, 404))
