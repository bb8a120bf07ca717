"""Save what a running phpwind 8.7 serves a guest, and its truth from the tables.

The truth is read before any page is fetched: a thread view adds one to its ``hits``."""

from __future__ import annotations

from tests.real_discuz.servers import MariaDB
from tests.real_mybb.capture import Capture
from tests.real_phpwind.install8 import DB_NAME, MEMBERS_BOARD


def truth(db: MariaDB) -> dict:
    def rows(columns: str, source: str) -> list[dict]:
        return db.json_rows(columns, source, DB_NAME)

    return {
        "settings": {row["db_name"]: row["db_value"] for row in rows(
            "db_name, db_value", "pw_config WHERE db_name IN ('db_readperpage', 'db_perpage', "
            "'db_timedf', 'db_bbsname', 'db_postedittime', 'db_charset')")},
        "forums": rows("f.fid, f.fup, f.type, f.name, f.allowvisit, d.topic, d.article",
                       "pw_forums f JOIN pw_forumdata d USING (fid) ORDER BY f.fid"),
        "threads": rows("t.tid, t.fid, t.subject, t.author, t.postdate, t.replies, t.hits, "
                        "t.topped, t.specialsort, t.lastpost, t.lastposter, m.content, m.ifsign, m.alterinfo, "
                        "m.aid", "pw_threads t JOIN pw_tmsgs m USING (tid) ORDER BY t.tid"),
        "posts": rows("pid, tid, author, postdate, subject, content, ifsign, alterinfo, aid",
                      "pw_posts ORDER BY pid"),
        "attachments": rows("aid, tid, pid, name, type, size, attachurl, uploadtime",
                            "pw_attachs ORDER BY aid"),
        "signatures": rows("username, signature, groupid", "pw_members ORDER BY uid"),
        "recycled": rows("pid, tid, fid, admin", "pw_recycle ORDER BY pid"),
        "banned": rows("b.uid, m.username, b.fid, b.type", "pw_banuser b JOIN pw_members m USING (uid)"),
    }


def capture_forum(capture: Capture, base: str, facts: dict, deleted_tid: int) -> None:
    """The index, every list page and thread page a guest may read, the members-only board
    and its thread (refused), the deleted thread and one that never was."""
    per_page = int(facts["settings"]["db_readperpage"])
    per_list = int(facts["settings"]["db_perpage"])
    capture.page(base, "index.php", "index", "plain")
    for forum in facts["forums"]:
        if forum["type"] == "category":
            continue
        pages = 1 if forum["fid"] == MEMBERS_BOARD else max(1, -(-forum["topic"] // per_list))
        for page in range(1, pages + 1):
            suffix = f"&page={page}" if page > 1 else ""
            capture.page(base, f"thread.php?fid={forum['fid']}{suffix}",
                         f"thread-{forum['fid']}-page{page}", "plain")
    for thread in facts["threads"]:
        pages = -(-(thread["replies"] + 1) // per_page)
        for page in range(1, pages + 1):
            suffix = f"&page={page}" if page > 1 else ""
            capture.page(base, f"read.php?tid={thread['tid']}{suffix}",
                         f"read-{thread['tid']}-page{page}", "plain")
    capture.page(base, f"read.php?tid={deleted_tid}", f"deleted-read-{deleted_tid}", "plain")
    capture.page(base, "read.php?tid=999", "missing-read-999", "plain")
