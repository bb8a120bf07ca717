"""``python -m tests.real_phpwind.capture BASE_URL MARIADB_PORT SOCKET DIR``: save what a
running phpwind 9 serves a guest (our User-Agent and a browser's) and write ``pages.json`` and
``expected.json`` (truth read from its tables before any thread page is viewed: a view adds one
to the thread's hits)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.real_discuz.servers import MariaDB
from tests.real_mybb.capture import Capture

DATABASE = "phpwind"


def truth(db: MariaDB) -> dict:
    """Boards, threads (first post in ``pw_bbs_threads_content``), replies and signatures."""
    def rows(columns: str, source: str) -> list[dict]:
        return db.json_rows(columns, source, DATABASE)

    return {
        "settings": {row["name"]: row["value"] for row in rows(
            "namespace, name, value",
            "pw_common_config WHERE name IN ('read.perpage', 'thread.perpage', "
            "'time.timezone', 'info.name')")},
        "forums": rows("f.fid, f.parentid, f.type, f.name, s.threads, s.posts, s.lastpost_time",
                       "pw_bbs_forum f JOIN pw_bbs_forum_statistics s USING (fid) ORDER BY f.fid"),
        "forum_settings": rows("fid, settings_basic", "pw_bbs_forum_extra ORDER BY fid"),
        "threads": rows(
            "t.tid, t.fid, t.subject, t.replies, t.hits, t.created_username, t.created_time, "
            "t.modified_time, t.modified_username, t.lastpost_time, t.lastpost_username, "
            "c.content", "pw_bbs_threads t JOIN pw_bbs_threads_content c USING (tid) "
            "ORDER BY t.tid"),
        "posts": rows("pid, tid, rpid, created_username, created_time, modified_time, "
                      "modified_username, content", "pw_bbs_posts ORDER BY pid"),
        "signatures": rows("u.username, i.bbs_sign, u.groupid",
                           "pw_user u JOIN pw_user_info i USING (uid) ORDER BY u.uid"),
        "recycled": rows("pid, tid, fid, operate_username", "pw_recycle_reply ORDER BY pid"),
        "attachments": rows("aid, tid, pid, name, type, size, path", "pw_attachs_thread ORDER BY aid"),
        "banned": rows("b.uid, u.username, b.typeid, b.fid", "pw_user_ban b JOIN pw_user u USING (uid)"),
    }


def capture_site(capture: Capture, base: str, lists: dict[int, int],
                 threads: dict[int, tuple[int, int]]) -> None:
    """``lists``: fid -> pages; ``threads``: tid -> (fid, pages). Lists before threads."""
    capture.page(base, "index.php?m=bbs&c=forumlist", "forumlist", "plain")
    capture.page(base, "index.php", "home", "plain")
    for fid, count in lists.items():
        for page in range(1, count + 1):
            suffix = f"&page={page}" if page > 1 else ""
            capture.page(base, f"index.php?c=thread&fid={fid}{suffix}",
                         f"thread-list-{fid}-page{page}", "plain")
    for tid, (fid, count) in threads.items():
        for page in range(1, count + 1):
            suffix = f"&page={page}" if page > 1 else ""
            capture.page(base, f"read.php?tid={tid}{suffix}", f"read-{tid}-page{page}", "plain")
    # The form 9.x's own links take, and the front controller's: the same page.
    capture.page(base, "read.php?tid=1&fid=2&page=2", "read-1-page2-fid", "linked")
    capture.page(base, "index.php?m=bbs&c=read&tid=1&page=2", "read-1-page2-mvc", "mvc")
    capture.page(base, "read.php?tid=999", "missing-read-999", "plain")


def capture_forum(db: MariaDB, base: str, directory: Path) -> tuple[Capture, dict]:
    """Every list and thread page the truth (read first) counts; the capture and the truth."""
    facts = truth(db)
    settings = {row["fid"]: row["settings_basic"] for row in facts["forum_settings"]}
    per_page = {fid: int(text.split('"readperpage";i:')[1].split(";")[0])
                for fid, text in settings.items()}
    per_list = {fid: int(text.split('"threadperpage";i:')[1].split(";")[0])
                for fid, text in settings.items()}
    lists = {f["fid"]: max(1, -(-f["threads"] // per_list[f["fid"]]))
             for f in facts["forums"] if f["type"] == "forum"}
    threads = {t["tid"]: (t["fid"], -(-(t["replies"] + 1) // per_page[t["fid"]]))
               for t in facts["threads"]}
    capture = Capture(directory)
    capture_site(capture, base, lists, threads)
    capture.write_index()
    return capture, facts


def main() -> int:
    base, port, socket_path, directory = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), \
        Path(sys.argv[4])
    db = MariaDB(port, socket_path)
    capture, facts = capture_forum(db, base, directory)
    version = db.sql("SELECT VERSION();").strip()
    (directory / "expected.json").write_text(json.dumps(
        {"engine": "phpwind", "version": "9.1.0", "mariadb": version, "truth": facts},
        ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(capture.written)} pages saved in {directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
