"""``python -m tests.real_mybb --source DIR --capture DIR [--keep]``: install MyBB from a
source tree on loopback, seed it through its front end, save its pages and ``expected.json``.
With ``$MYBB_GOOGLE_SEO_SOURCE`` and ``$MYBB_PLUGINLIBRARY_SOURCE`` the Google SEO plugin is
installed after the seeding and its URL form is saved beside the plain one (instead of MyBB's).
Needs PHP (php-mysql, php-xml, php-mbstring, php-gd) and MariaDB from Debian's packages."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from tests.real_discuz.servers import capture_main, harness_workdir
from tests.real_mybb import google_seo, install, seed
from tests.real_mybb.capture import Capture, capture_board, clock_past


def run(source: Path, directory: Path, keep: bool) -> None:
    with harness_workdir("fh-real-mybb-", keep) as work:
        with install.installed(source, work) as site:
            docroot, version, db, plain, seo = site.docroot, site.version, site.db, site.plain, site.seo
            board = seed.members(plain)
            seed.seed(board)
            seeded_at = datetime.now(UTC)  # the quotes' datelines are before it
            seed.backdate(db)
            seed.edit_after_backdate(board)
            # Views counted from now on wait in threadviews for a task: the pages captured
            # then all show the views the seeding made, which the truth records.
            install.apply_settings(docroot, db, {"delayedthreadviews": "1"})
            forms, plugin_version = google_seo.url_forms(docroot, plain, seo, db)
            truth = seed.truth(db)
            pages, forums = seed.page_counts(truth)
            thread_a = board.posts["A"]
            links = [thread_a[4].pid, thread_a[7].pid]
            clock_past(plain, seeded_at)
            capture = Capture(directory)
            capture_board(capture, forms, board.threads, pages, forums, links,
                          {p.pid: p.tid for p in thread_a})
            if plugin_version:
                capture.page(seo, "Thread-No-such-thread", "missing-thread-googleseo",
                             "googleseo", expected=(200, 404))
                google_seo.drop_row_ids(db)
                capture.page(seo, "index.php", "index-rowids-dropped-googleseo", "rowids-dropped")
                truth["google_seo"] = google_seo.truth(db, plugin_version)
            capture.write_index()
            mariadb = db.sql("SELECT VERSION();").strip()
        seed.write_expected(directory, version, mariadb, board.threads, truth)
        print(f"MyBB {version}: {len(capture.written)} pages saved in {directory}")


if __name__ == "__main__":
    sys.exit(capture_main("python -m tests.real_mybb", __doc__, "MyBB 1.8 source tree", run))
