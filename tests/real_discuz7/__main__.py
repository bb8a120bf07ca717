"""``python -m tests.real_discuz7 [--source DIR] --capture DIR [--charset utf-8|gbk|big5]
[--rewrite] [--keep]``: install Discuz! 7.2 (github.com/vulhub/discuz7's ``upload/``) or 6.0
(github.com/Edmunddz/discuz_6.0) from its source (default: $DISCUZ7_SOURCE) on
loopback, made to run on PHP 8.2 by ``port7`` (mechanical rewrites of a copy, never of its
templates), seed it through its front end, save its pages and ``expected.json``; with
``--rewrite``, URL rewriting on and served by its rules, pages at their rewritten URLs
(``rewrite7``). Needs PHP (mysqli, gd, mbstring) and MariaDB."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.real_discuz import rewrite
from tests.real_discuz.servers import capture_main, harness_workdir, mariadb_instance, php_server
from tests.real_discuz7 import capture7, edition, install7, port7, rewrite7, seed7
from tests.real_mybb.capture import Capture

SOURCE_ENV = "DISCUZ7_SOURCE"


def run(source: Path, directory: Path, keep: bool, charset: str = "utf-8", rewrite_urls: bool = False) -> None:
    with harness_workdir("fh-real-discuz7-", keep) as work:
        docroot = work / "www"
        report = install7.copy_tree(source, docroot, charset)
        router = rewrite.write_router(docroot, rewrite7.RULES) if rewrite_urls else None
        with mariadb_instance(work / "db") as db, \
                php_server(docroot, work / "php.log", ini=port7.PHP_INI, router=router) as base:
            install7.run_installer(docroot, base, db, charset)
            local = edition.localizer(docroot, charset)
            install7.configure(docroot, db, base, local,
                               {**install7.SETTINGS, **(rewrite7.SETTINGS if rewrite_urls else {})})
            forum = seed7.members(base, charset, local)
            seed7.seed(forum, db)
            seed7.moderate(forum, db)
            seed7.backdate(forum, db)
            seed7.edit_after_backdate(forum, db)
            install7.rebuild_caches(docroot, base)
            facts = capture7.truth(db)
            capture = Capture(directory)
            capture7.capture_forum(capture, base, facts, forum.threads["D"], rewrite_urls)
            capture.write_index()
            mariadb = db.sql("SELECT VERSION();").strip()
        expected = {"engine": "discuz", "version": port7.version(docroot), "charset": charset,
                    "mariadb": mariadb, "threads": forum.threads, "port": report, "truth": facts,
                    "posts": capture7.posts(facts)}
        (directory / "expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"Discuz! {expected['version']}: {len(capture.written)} pages saved in {directory}")


if __name__ == "__main__":
    sys.exit(capture_main("python -m tests.real_discuz7", __doc__,
                          "a Discuz! 7.2 or 6.0 source tree (its upload/ or the checkout)", run,
                          charsets=("utf-8", "gbk", "big5"), source_env=SOURCE_ENV, rewrite=True))
