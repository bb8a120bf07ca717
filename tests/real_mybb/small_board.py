"""A small MyBB board for one variant a site owner makes (``Variant``): the harness's install
(category 1, My Forum 2, its Sub Board 3, ``install.configure``), the variant's forums and
template edits, the admin's threads in My Forum; saved are the index, every list page, every
thread page and each link forum's redirect, in the plain and SEO forms (with
``$MYBB_GOOGLE_SEO_SOURCE`` and ``$MYBB_PLUGINLIBRARY_SOURCE``: the plain and Google SEO forms,
as ``python -m tests.real_mybb`` does), with the tables' truth in ``expected.json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tests.real_discuz.servers import harness_workdir
from tests.real_mybb import google_seo, install, seed
from tests.real_mybb.capture import Capture, capture_board
from tests.real_mybb.front_end import Member
from tests.real_mybb.install import ADMIN, FORUM_ID


@dataclass(frozen=True)
class Variant:
    """``forums``: rows added as copies of forum 2's (fid -> column -> SQL value, in fid order);
    ``template_edits``: (master templates, text, its replacement); ``threads``: (name, subject,
    message) the admin starts in My Forum."""

    threads: tuple[tuple[str, str, str], ...]
    forums: dict[int, dict[str, str]] = field(default_factory=dict)
    template_edits: tuple[tuple[tuple[str, ...], str, str], ...] = ()


def run(source: Path, directory: Path, keep: bool, variant: Variant) -> None:
    with harness_workdir("fh-real-mybb-small-", keep) as work:
        with install.installed(source, work) as site:
            docroot, version, db, plain, seo = site.docroot, site.version, site.db, site.plain, site.seo
            for overrides in variant.forums.values():
                install.add_forum(db, overrides)
            for titles, old, new in variant.template_edits:
                install.edit_templates(db, titles, old, new)
            install.rebuild_caches(docroot)
            admin = Member(plain, *ADMIN[:2])
            admin.login()
            board = seed.Board(plain, {ADMIN[0]: admin})
            for name, subject, message in variant.threads:
                board.start(name, FORUM_ID, ADMIN[0], subject, message)
            install.apply_settings(docroot, db, {"delayedthreadviews": "1"})
            forms, plugin_version = google_seo.url_forms(docroot, plain, seo, db)
            truth = seed.truth(db)
            links = sorted(f["fid"] for f in truth["forums"] if f["linkto"])
            wanted = sorted(fid for fid, row in variant.forums.items() if "linkto" in row)
            if links != wanted:
                raise RuntimeError(f"link forums made: {links}, not {wanted}")
            pages, boards = seed.page_counts(truth, frozenset(links))
            capture = Capture(directory)
            capture_board(capture, forms, board.threads, pages, boards, [], {})
            for fid in links:  # forumdisplay.php answers a link forum with its Location
                capture.page(plain, forms[0].forum(fid, 1), f"link-forum-{fid}-plain", "plain")
            if plugin_version:
                truth["google_seo"] = google_seo.truth(db, plugin_version)
            capture.write_index()
            mariadb = db.sql("SELECT VERSION();").strip()
        seed.write_expected(directory, version, mariadb, board.threads, truth)
        print(f"MyBB {version}: {len(capture.written)} pages saved in {directory}")
