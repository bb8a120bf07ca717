"""``python -m tests.real_mybb.link_forums --source DIR --capture DIR [--keep]``: the harness's
board (category 1, My Forum 2, its Sub Board 3) with two **link forums** (MyBB's ``linkto``: a
forum that only redirects), one in the category and one inside My Forum, and one thread by the
admin; saves the index, every list page, the thread and each link forum's redirect. With
``$MYBB_GOOGLE_SEO_SOURCE`` and ``$MYBB_PLUGINLIBRARY_SOURCE`` the Google SEO form is saved
beside the plain one (as ``python -m tests.real_mybb`` does)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.real_discuz.servers import capture_main, harness_workdir, mariadb_instance, php_server
from tests.real_mybb import google_seo, install, seed
from tests.real_mybb.capture import Capture, capture_board, plain_form, seo_form
from tests.real_mybb.front_end import Member
from tests.real_mybb.install import ADMIN, FORUM_ID, SUBFORUM_ID

# Copies of forum 2's row (install.add_forum, as the sub-forum is made), fids 4 and 5, each
# shown after the forum listed before it (``disporder`` 2).
LINK_FORUMS = {
    SUBFORUM_ID + 1: {"name": "'Elsewhere'", "description": "'A link forum in the category'",
                      "pid": "1", "parentlist": f"'1,{SUBFORUM_ID + 1}'", "disporder": "2",
                      "linkto": "'https://example.org/elsewhere'"},
    SUBFORUM_ID + 2: {"name": "'Sub Link'", "description": "'A link forum inside My Forum'",
                      "pid": str(FORUM_ID), "parentlist": f"'1,{FORUM_ID},{SUBFORUM_ID + 2}'",
                      "disporder": "2", "linkto": "'https://example.org/sub-link'"},
}


def run(source: Path, directory: Path, keep: bool) -> None:
    with harness_workdir("fh-real-mybb-links-", keep) as work:
        docroot = work / "www"
        version = install.copy_tree(source, docroot)
        with mariadb_instance(work / "db") as db, \
                php_server(docroot, work / "php.log") as plain, \
                php_server(docroot, work / "php-seo.log",
                           router=docroot / "harness_seo_router.php") as seo:
            install.run_installer(plain, db)
            install.configure(docroot, db)
            for overrides in LINK_FORUMS.values():
                install.add_forum(db, overrides)
            install.rebuild_caches(docroot)
            admin = Member(plain, *ADMIN[:2])
            admin.login()
            board = seed.Board(plain, {ADMIN[0]: admin})
            board.start("L", FORUM_ID, ADMIN[0], "A thread beside the link forums",
                        "My Forum's one thread; its list shows the link forum Sub Link.")
            install.apply_settings(docroot, db, {"delayedthreadviews": "1"})
            plugin = google_seo.sources()
            if plugin:
                plugin_version = google_seo.install(docroot, *plugin)
                forms = [plain_form(plain), google_seo.url_form(seo, db)]
            else:
                forms = [plain_form(plain), seo_form(seo)]
            truth = seed.truth(db)
            links = {f["fid"] for f in truth["forums"] if f["linkto"]}
            if links != set(LINK_FORUMS):
                raise RuntimeError(f"link forums made: {sorted(links)}, not {sorted(LINK_FORUMS)}")
            boards = {f["fid"]: 1 for f in truth["forums"] if f["type"] == "f" and f["fid"] not in links}
            capture = Capture(directory)
            capture_board(capture, forms, board.threads, {board.threads["L"]: 1}, boards, [], {})
            for fid in sorted(links):  # forumdisplay.php answers a link forum with its Location
                capture.page(plain, forms[0].forum(fid, 1), f"link-forum-{fid}-plain", "plain")
            if plugin:
                truth["google_seo"] = {"version": plugin_version, **{
                    kind: google_seo.slugs(db, idtype) for kind, idtype in
                    (("forums", google_seo.FORUM), ("threads", google_seo.THREAD))}}
            capture.write_index()
            mariadb = db.sql("SELECT VERSION();").strip()
        facts = {"engine": "MyBB", "version": version, "mariadb": mariadb,
                 "threads": board.threads, "truth": truth}
        (directory / "expected.json").write_text(
            json.dumps(facts, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"MyBB {version}: {len(capture.written)} pages saved in {directory}")


if __name__ == "__main__":
    sys.exit(capture_main("python -m tests.real_mybb.link_forums", __doc__, "MyBB 1.8 source tree", run))
