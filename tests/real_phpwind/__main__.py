"""``python -m tests.real_phpwind --source DIR --capture DIR [--charset gbk] [--keep]``: install
phpwind 8.7 from a checkout of github.com/yuwenlan/phpwind (its history is read for the
deployed ``data/``), the UTF-8 edition it holds or the GBK edition made of it (``edition``), on
loopback, made to run on PHP 8.2 by ``port8`` (mechanical rewrites of a copy,
never of the markup it prints), seed it through its front end, save its pages and
``expected.json``. Needs PHP (php-mysql, php-mbstring, php-gd) and MariaDB.

phpwind 9.1's pages were captured from a running 9.1 with ``tests.real_phpwind.capture``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.real_discuz.servers import capture_main, harness_workdir, mariadb_instance, php_server
from tests.real_mybb.capture import Capture
from tests.real_phpwind import capture, capture8, install8, install9, port8, seed8, seed9
from tests.real_phpwind.edition import EDITIONS


def run(source: Path, directory: Path, keep: bool, charset: str = "utf-8") -> None:
    """``charset``: the edition (``edition.EDITIONS``); ``source``: 8.7's tree or the 9.1 port's."""
    if (source / "src" / "wekit.php").is_file():
        run_9(source, directory, keep, charset)
        return
    edition = EDITIONS[charset]
    with harness_workdir("fh-real-phpwind8-", keep) as work:
        docroot = work / "www"
        recoded = install8.copy_tree(source, docroot, edition)
        with mariadb_instance(work / "db") as db, \
                php_server(docroot, work / "php.log", ini=port8.PHP_INI) as base:
            install8.install(docroot, db, base, edition)
            forum = seed8.members(base, edition.codec)
            seed8.seed(forum, db)
            seed8.moderate(forum, db)
            seed8.backdate(forum, db)
            seed8.edit_after_backdate(forum, db)
            install8.rebuild_caches(docroot)
            facts = capture8.truth(db)
            capture = Capture(directory)
            capture8.capture_forum(capture, base, facts, forum.threads["D"])
            capture.write_index()
            mariadb = db.sql("SELECT VERSION();").strip()
        report = json.loads((docroot / "port_report.json").read_text("utf-8"))
        expected = {"engine": "phpwind", "version": "8.7,20111111", "charset": edition.name,
                    "recoded_files": recoded, "mariadb": mariadb, "threads": forum.threads,
                    "deleted_reply": forum.deleted_pid, "port": report, "truth": facts}
        (directory / "expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"phpwind 8.7 ({edition.name}): {len(capture.written)} pages saved in {directory}")


def run_9(source: Path, directory: Path, keep: bool, charset: str) -> None:
    """phpwind 9.1.0 from a checkout of github.com/0ui0/phpwind9ForPhp8 (``install9``)."""
    made = EDITIONS[charset]
    with harness_workdir("fh-real-phpwind9-", keep) as work:
        docroot = work / "www"
        recoded = install9.copy_tree(source, docroot, made)
        with mariadb_instance(work / "db") as db, \
                php_server(docroot, work / "php.log", ini=install9.PHP_INI) as base:
            install9.install(base, db, made.codec)
            seed9.configure(db)
            forum = seed9.members(base, db, made.codec)
            seed9.seed(forum, db)
            seed9.moderate(forum, db)
            seed9.backdate(forum, db)
            seed9.edit_after_backdate(forum, db)
            pages, facts = capture.capture_forum(db, base, directory)
            mariadb = db.sql("SELECT VERSION();").strip()
        expected = {"engine": "phpwind", "version": "9.1.0", "port_commit": install9.PORT_COMMIT,
                    "charset": made.name, "recoded_files": recoded, "mariadb": mariadb,
                    "threads": forum.threads, "deleted_reply": forum.deleted_pid, "truth": facts}
        (directory / "expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"phpwind 9.1.0 ({made.name}): {len(pages.written)} pages saved in {directory}")


if __name__ == "__main__":
    sys.exit(capture_main("python -m tests.real_phpwind", __doc__, "a git checkout of github.com/yuwenlan/phpwind (8.7) or github.com/0ui0/phpwind9ForPhp8 (9.1.0)", run,
                          charsets=tuple(EDITIONS)))
