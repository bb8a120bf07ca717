"""``python -m tests.real_smf.link_boards --source DIR --capture DIR [--keep]``: SMF 2.1 or 2.0
installed as ``python -m tests.real_smf`` installs it (category 1, General Discussion 1 with the
installer's welcome topic, its child Sub Board 2), with two **redirect boards** (the boards'
``redirect`` column, 2.0 and later: 1.1 has none), one in the category and one a child of board
1; saves each redirect board's answer (which counts a redirect), then the index, every list
page and the topic, in the plain and queryless forms."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.real_discuz.servers import capture_main, harness_workdir, mariadb_instance, php_server
from tests.real_mybb.capture import Capture
from tests.real_smf import install, legacy, seed
from tests.real_smf.capture import capture_forum, list_paths
from tests.real_smf.install import BOARD, CHILD_BOARD

# (board, parent, board_order, name, description, redirect)
REDIRECT_BOARDS = (
    (CHILD_BOARD + 1, BOARD, 3, "Sub Link", "A redirect board inside General Discussion",
     "https://example.org/sub-link"),
    (CHILD_BOARD + 2, 0, 4, "Elsewhere", "A redirect board in the category", "https://example.org/elsewhere"),
)


def run(source: Path, directory: Path, keep: bool) -> None:
    with harness_workdir("fh-real-smf-links-", keep) as work:
        docroot = work / "www"
        release = install.copy_tree(source, docroot)
        if legacy.is_legacy(release.version):
            raise SystemExit(f"SMF {release.version} has no redirect boards (they came with 2.0)")
        with mariadb_instance(work / "db") as db:
            ini = install.php_ini(db)
            with php_server(docroot, work / "php.log", ini=ini) as plain, \
                    php_server(docroot, work / "php-apache.log", router=docroot / "harness_apache_router.php",
                               ini=ini) as queryless:
                install.run_installer(plain, db, release)
                install.configure(docroot, db, release)
                for board in REDIRECT_BOARDS:
                    install.add_board(db, release, *board)
                capture = Capture(directory)
                for board, *_ in REDIRECT_BOARDS:  # SMF answers with its Location, counting the visit
                    capture.page(plain, list_paths("plain", board, 0), f"redirect-board-{board}-plain", "plain")
                truth = seed.truth(db, release)
                links = {b["id_board"] for b in truth["boards"] if b["redirect"]}
                boards = {b["id_board"]: 1 for b in truth["boards"] if not b["redirect"]}
                topics = {t["id_topic"]: 1 for t in truth["topics"]}
                per_list, per_page = (int(truth["settings"][key]) for key in ("defaultMaxTopics", "defaultMaxMessages"))
                capture_forum(capture, {"plain": plain, "queryless": queryless}, boards, topics, per_list,
                              per_page, [])
                capture.write_index()
                facts = {"engine": "SMF", "version": release.version, "mariadb": db.sql("SELECT VERSION();").strip(),
                         "redirect_boards": sorted(links), "truth": truth}
        (directory / "expected.json").write_text(json.dumps(facts, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"SMF {release.version}: {len(capture.written)} pages saved in {directory}")


if __name__ == "__main__":
    sys.exit(capture_main("python -m tests.real_smf.link_boards", __doc__, "SMF 2.1 source tree or 2.0 release package",
                          run))
