"""``python -m tests.real_smf --source DIR --capture DIR [--keep]``: install SMF 2.1 from a
source tree (its git layout), or 2.0 from its release package, on loopback, seed it through
its front end, save its pages and ``expected.json``. Needs PHP (php-mysql, php-xml,
php-mbstring, php-gd) and MariaDB."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tests.real_discuz.servers import harness_workdir, mariadb_instance, php_server
from tests.real_mybb.capture import Capture
from tests.real_smf import install, seed
from tests.real_smf.capture import capture_forum


def run(source: Path, directory: Path, keep: bool) -> None:
    with harness_workdir("fh-real-smf-", keep) as work:
        docroot = work / "www"
        release = install.copy_tree(source, docroot)
        with mariadb_instance(work / "db") as db, \
                php_server(docroot, work / "php.log", ini=install.php_ini(db)) as plain, \
                php_server(docroot, work / "php-apache.log", router=docroot / "harness_apache_router.php",
                           ini=install.php_ini(db)) as queryless:
            install.run_installer(plain, db, release)
            install.configure(docroot, db, release)
            forum = seed.members(plain, release)
            seed.seed(forum)
            seed.backdate(db)
            seed.edit_after_backdate(forum)
            truth = seed.truth(db, release)
            per_page = int(truth["settings"]["defaultMaxMessages"])
            per_list = int(truth["settings"]["defaultMaxTopics"])
            topics = {t["id_topic"]: -(-(t["num_replies"] + 1) // per_page) for t in truth["topics"]}
            boards = {b["id_board"]: max(1, -(-b["num_topics"] // per_list)) for b in truth["boards"]}
            thread_a = forum.posts["A"]
            capture = Capture(directory)
            capture_forum(capture, {"plain": plain, "queryless": queryless}, boards, topics,
                          per_list, per_page, [(p.topic, p.msg) for p in (thread_a[4], thread_a[7])])
            capture.write_index()
            mariadb = db.sql("SELECT VERSION();").strip()
        facts = {"engine": "SMF", "version": release.version, "mariadb": mariadb,
                 "topics": forum.topics, "truth": truth}
        (directory / "expected.json").write_text(
            json.dumps(facts, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"SMF {release.version}: {len(capture.written)} pages saved in {directory}")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.real_smf", description=__doc__)
    parser.add_argument("--source", type=Path, required=True, help="SMF 2.1 source tree or 2.0 release package")
    parser.add_argument("--capture", type=Path, required=True, metavar="DIR")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (debugging)")
    args = parser.parse_args()
    run(args.source, args.capture, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
