"""``python -m tests.real_phpwind --source DIR --capture DIR [--charset gbk] [--keep]``: install
phpwind 8.7 from a checkout of github.com/yuwenlan/phpwind (its history is read for the
deployed ``data/``), the UTF-8 edition it holds or the GBK edition made of it (``edition``), on
loopback, made to run on PHP 8.2 by ``port8`` (mechanical rewrites of a copy,
never of the markup it prints), seed it through its front end, save its pages and
``expected.json``. Needs PHP (php-mysql, php-mbstring, php-gd) and MariaDB.

Given a checkout of github.com/0ui0/phpwind9ForPhp8 (phpwind 9.1.0 ported to PHP 8.2) it
does the same for 9.1.0 (``install9``, ``seed9``; ``capture``). tests/fixtures/phpwind-9.1
was captured from a hand-made install with ``python -m tests.real_phpwind.capture``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.real_discuz.servers import MariaDB, capture_main, harness_workdir, mariadb_instance, php_server
from tests.real_mybb.capture import Capture
from tests.real_phpwind import capture, capture8, install8, install9, port8, seed8, seed9
from tests.real_phpwind.edition import EDITIONS


@contextmanager
def _site(prefix: str, keep: bool, copy: Callable[[Path], dict], ini: dict[str, str]
          ) -> Iterator[tuple[Path, dict, MariaDB, str]]:
    """A run's copy of the tree (``copy(docroot)`` makes it, returns the files it re-encoded),
    served by PHP with ``ini``, a MariaDB beside it: (docroot, re-encoded, database, URL)."""
    with harness_workdir(prefix, keep) as work:
        docroot = work / "www"
        recoded = copy(docroot)
        with mariadb_instance(work / "db") as db, php_server(docroot, work / "php.log", ini=ini) as base:
            yield docroot, recoded, db, base


def _write_expected(directory: Path, expected: dict, pages: Capture) -> None:
    (directory / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"phpwind {expected['version']} ({expected['charset']}): {len(pages.written)} pages saved in {directory}")


def run(source: Path, directory: Path, keep: bool, charset: str = "utf-8") -> None:
    """``charset``: the edition (``edition.EDITIONS``); ``source``: 8.7's tree or the 9.1 port's."""
    if (source / "src" / "wekit.php").is_file():
        run_9(source, directory, keep, charset)
        return
    made = EDITIONS[charset]
    with _site("fh-real-phpwind8-", keep, lambda docroot: install8.copy_tree(source, docroot, made),
               port8.PHP_INI) as (docroot, recoded, db, base):
        install8.install(docroot, db, base, made)
        forum = seed8.members(base, made.codec)
        seed8.seed(forum, db)
        seed8.moderate(forum, db)
        seed8.backdate(forum, db)
        seed8.edit_after_backdate(forum, db)
        install8.rebuild_caches(docroot)
        facts = capture8.truth(db)
        pages = Capture(directory)
        capture8.capture_forum(pages, base, facts, forum.threads["D"])
        pages.write_index()
        mariadb = db.sql("SELECT VERSION();").strip()
        report = json.loads((docroot / "port_report.json").read_text("utf-8"))
    _write_expected(directory, {
        "engine": "phpwind", "version": "8.7,20111111", "charset": made.name, "recoded_files": recoded,
        "mariadb": mariadb, "threads": forum.threads, "deleted_reply": forum.deleted_pid, "port": report,
        "truth": facts}, pages)


def run_9(source: Path, directory: Path, keep: bool, charset: str) -> None:
    """phpwind 9.1.0 from a checkout of github.com/0ui0/phpwind9ForPhp8 (``install9``)."""
    made = EDITIONS[charset]
    with _site("fh-real-phpwind9-", keep, lambda docroot: install9.copy_tree(source, docroot, made),
               install9.PHP_INI) as (_, recoded, db, base):
        install9.install(base, db, made.codec)
        seed9.configure(db)
        forum = seed9.members(base, db, made.codec)
        seed9.seed(forum, db)
        seed9.moderate(forum, db)
        seed9.backdate(forum, db)
        seed9.edit_after_backdate(forum, db)
        pages, facts = capture.capture_forum(db, base, directory)
        mariadb = db.sql("SELECT VERSION();").strip()
    _write_expected(directory, {
        "engine": "phpwind", "version": "9.1.0", "port_commit": install9.PORT_COMMIT, "charset": made.name,
        "recoded_files": recoded, "mariadb": mariadb, "threads": forum.threads,
        "deleted_reply": forum.deleted_pid, "truth": facts}, pages)


if __name__ == "__main__":
    sys.exit(capture_main("python -m tests.real_phpwind", __doc__, "a git checkout of github.com/yuwenlan/phpwind (8.7) or github.com/0ui0/phpwind9ForPhp8 (9.1.0)", run,
                          charsets=tuple(EDITIONS)))
