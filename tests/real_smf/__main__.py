"""``python -m tests.real_smf --source DIR --capture DIR [--charset ISO-8859-1] [--keep]``: install SMF 2.1 from a
source tree (its git layout), or 2.0 or 1.1 from its release package, on loopback, seed it through
its front end, save its pages and ``expected.json``. Needs PHP (php-mysql, php-xml,
php-mbstring, php-gd) and MariaDB."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.real_discuz.servers import capture_main, harness_workdir, mariadb_instance, php_server
from tests.real_mybb.capture import Capture
from tests.real_smf import capture_11, install, legacy, seed
from tests.real_smf.capture import capture_forum, capture_gone_as_member


def run(source: Path, directory: Path, keep: bool, charset: str = "UTF-8") -> None:
    """``charset``: the forum's (1.1's installer asks; 2.x here is UTF-8)."""
    with harness_workdir("fh-real-smf-", keep) as work:
        docroot = work / "www"
        release = install.copy_tree(source, docroot)
        old = legacy.is_legacy(release.version)
        if charset != "UTF-8" and not old:
            raise SystemExit(f"--charset {charset}: only SMF 1.1 is installed in another charset than UTF-8 here")
        if old:
            legacy.make_runnable(docroot, release.sql)
        with mariadb_instance(work / "db") as db:
            ini = legacy.php_ini(work / "sessions") if old else install.php_ini(db)
            with php_server(docroot, work / "php.log", ini=ini) as plain, \
                    php_server(docroot, work / "php-apache.log", router=docroot / "harness_apache_router.php",
                               ini=ini) as queryless:
                if old:
                    legacy.run_installer(plain, db, charset)
                    legacy.configure(docroot, db, release.sql, ini)
                else:
                    install.run_installer(plain, db, release)
                    install.configure(docroot, db, release)
                forum = seed.members(plain, release, legacy.CHARSETS[charset])
                seed.seed(forum)
                if old:
                    seed.seed_members_board(forum)
                seed.seed_deleted_topic(forum)
                if charset != "UTF-8":
                    seed.seed_western(forum)
                seed.backdate(db, release)
                seed.edit_after_backdate(forum)
                facts = {"engine": "SMF", "version": release.version, "charset": charset,
                         "mariadb": db.sql("SELECT VERSION();").strip(),
                         **({"php_timezone": legacy.TIMEZONE} if old else {}), "topics": forum.topics}

                def capture_all(bases: dict[str, str], folder: Path) -> Capture:
                    """Every page of ``_capture`` and its truth, read first."""
                    truth = seed.truth(db, release)
                    capture = _capture(truth, forum, bases, directory / folder)
                    _write_expected(capture.directory, facts | {"truth": truth})
                    return capture

                capture = capture_all({"plain": plain, "queryless": queryless}, Path())
                capture_gone_as_member(capture, plain, forum)
                if old:
                    capture_11.guest_fatal_error(capture, plain, forum)
                    capture_11.themes(docroot, ini, lambda folder: capture_all({"plain": plain}, folder).write_index())
                    capture_11.closed_forum(capture, plain, docroot, ini, forum)
                capture.write_index()
        print(f"SMF {release.version}: {len(capture.written)} pages saved in {directory}")


def _write_expected(directory: Path, facts: dict) -> None:
    (directory / "expected.json").write_text(json.dumps(facts, ensure_ascii=False, indent=1) + "\n", "utf-8")


def _capture(truth: dict, forum: seed.Forum, bases: dict[str, str], directory: Path) -> Capture:
    """Every page a guest may read, in the URL forms of ``bases``; the board and topic guests
    may not read (plain form) under ``refused-``, the removed topic F under ``gone-``."""
    per_page = int(truth["settings"]["defaultMaxMessages"])
    per_list = int(truth["settings"]["defaultMaxTopics"])
    readable = {b["id_board"] for b in truth["boards"] if "-1" in b["member_groups"].split(",")}
    topics = {t["id_topic"]: -(-(t["num_replies"] + 1) // per_page) for t in truth["topics"]
              if t["id_board"] in readable}
    boards = {b["id_board"]: max(1, -(-b["num_topics"] // per_list)) for b in truth["boards"]
              if b["id_board"] in readable}
    refused = {f"refused-board-{b['id_board']}": f"index.php?board={b['id_board']}.0"
               for b in truth["boards"] if b["id_board"] not in readable}
    refused |= {f"refused-topic-{t['id_topic']}": f"index.php?topic={t['id_topic']}.0"
                for t in truth["topics"] if t["id_board"] not in readable}
    refused[f"gone-topic-{forum.topics['F']}"] = f"index.php?topic={forum.topics['F']}.0"  # removed by the admin
    thread_a = forum.posts["A"]
    capture = Capture(directory)
    capture_forum(capture, bases, boards, topics, per_list, per_page,
                  [(p.topic, p.msg) for p in (thread_a[4], thread_a[7])], refused)
    return capture


if __name__ == "__main__":
    sys.exit(capture_main("python -m tests.real_smf", __doc__, "SMF 2.1 source tree or 2.0/1.1 release package", run,
                          charsets=tuple(legacy.CHARSETS)))
