"""One run: install a phpBB on loopback, seed it through its front end, optionally capture
its pages, and hand back what a test needs (the base URL while the server runs, the truth)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.real_discuz.servers import harness_workdir, php_server
from tests.real_phpbb import seo_urls
from tests.real_phpbb.capture import (Capture, capture_board, capture_closed, capture_relative, capture_rewritten,
                                      capture_zone)
from tests.real_phpbb.forum_truth import truth
from tests.real_phpbb.install import (BOARD_ZONE, FORUM_ID, RELATIVE_DATE_FORMAT, Installed, board_copy,
                                      close_to_guests, console, install)
from tests.real_phpbb.seed import Seeded, seed


@dataclass
class Board:
    base_url: str
    version: str
    seeded: Seeded
    truth: dict
    database: Path  # the board's SQLite file: ``forum_truth.truth(board.database)`` reads it again


@contextmanager
def running_board(source: Path, capture_dir: Path | None = None, keep: bool = False,
                  seo: tuple[Path, str] | None = None) -> Iterator[Board]:
    """``seo``: phpBB SEO's extension (its source tree) and the mode (``seo_urls.MODES``) it is
    set up in once the board is seeded; the capture is then the board as its links lead."""
    with harness_workdir("fh-real-phpbb-", keep) as workdir:
        docroot, database = board_copy(source, workdir)
        router = seo_urls.add_router(docroot) if seo else None
        with php_server(docroot, workdir / "php-server.log", router=router) as base:
            installed = install(docroot, database, base)
            seeded = seed(base)
            if seo:
                seo_urls.enable(docroot, base, *seo)
            board = Board(base, installed.version, seeded, truth(installed.database), installed.database)
            if capture_dir:
                capture = capture_rewritten_board if seo else capture_all
                board.truth = capture(installed, base, seeded, capture_dir)
            yield board


def capture_all(installed: Installed, base: str, seeded: Seeded, capture_dir: Path) -> dict:
    """Every page the fixtures keep, the board's settings changed between them as each needs;
    writes ``pages.json`` and ``expected.json`` and returns the board's tables after it (views
    counted by the capture)."""
    capture = Capture(capture_dir, base)
    capture_board(capture, seeded.topics, seeded.posts, FORUM_ID)
    _set(installed.docroot, board_timezone=BOARD_ZONE)  # guests see the board's zone
    capture_zone(capture, seeded.topics)
    _set(installed.docroot, board_timezone="UTC")
    # The relative date format phpBB offers ("Today, …", "N minutes ago"), as the board's
    # default: what a guest sees on a board that chose it.
    _set(installed.docroot, default_dateformat=RELATIVE_DATE_FORMAT)
    capture_relative(capture, seeded.topics, FORUM_ID)
    close_to_guests(installed, FORUM_ID)
    capture_closed(capture, seeded.topics, FORUM_ID)
    tables = truth(installed.database)
    capture.write_index(dict(tables, version=installed.version,
                             topics_by_role=seeded.topics, posts_by_role=seeded.posts))
    return tables


def capture_rewritten_board(installed: Installed, base: str, seeded: Seeded, capture_dir: Path) -> dict:
    """The pages a crawl asks in phpBB's own URLs (which the extension still answers, its links
    rewritten) and the board as its rewritten links lead; ``pages.json``, ``expected.json``."""
    capture = Capture(capture_dir, base)
    capture_board(capture, seeded.topics, seeded.posts, FORUM_ID, missing=None, own=None)  # 301s with "zero duplicate"
    capture_rewritten(capture)
    tables = truth(installed.database)
    capture.write_index(dict(tables, version=installed.version,
                             topics_by_role=seeded.topics, posts_by_role=seeded.posts))
    return tables


def _set(docroot: Path, **settings: str) -> None:
    """phpBB's ``config:set`` for each setting, then its caches purged (pages are built from them)."""
    for key, value in settings.items():
        console(docroot, "config:set", key, value)
    console(docroot, "cache:purge")
