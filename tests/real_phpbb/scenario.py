"""One run: install a phpBB on loopback, seed it through its front end, optionally capture
its pages, and hand back what a test needs (the base URL while the server runs, the truth)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.real_discuz.servers import harness_workdir, php_server
from tests.real_phpbb.capture import Capture, capture_board, capture_closed, capture_relative
from tests.real_phpbb.forum_truth import truth
from tests.real_phpbb.install import FORUM_ID, RELATIVE_DATE_FORMAT, close_to_guests, console, install
from tests.real_phpbb.seed import Seeded, seed


@dataclass
class Board:
    base_url: str
    version: str
    seeded: Seeded
    truth: dict
    database: Path  # the board's SQLite file: ``forum_truth.truth(board.database)`` reads it again


@contextmanager
def running_board(source: Path, capture_dir: Path | None = None, keep: bool = False) -> Iterator[Board]:
    with harness_workdir("fh-real-phpbb-", keep) as workdir:
        installed = install(source, workdir)
        with php_server(installed.docroot, workdir / "php-server.log") as base:
            seeded = seed(base)
            board = Board(base, installed.version, seeded, truth(installed.database), installed.database)
            if capture_dir:
                capture = Capture(capture_dir, base)
                capture_board(capture, seeded.topics, seeded.posts, FORUM_ID)
                # The relative date format phpBB offers ("Today, …", "N minutes ago"), as the
                # board's default: what a guest sees on a board that chose it.
                console(installed.docroot, "config:set", "default_dateformat", RELATIVE_DATE_FORMAT)
                console(installed.docroot, "cache:purge")
                capture_relative(capture, seeded.topics, FORUM_ID)
                close_to_guests(installed, FORUM_ID)
                capture_closed(capture, seeded.topics, FORUM_ID)
                board.truth = truth(installed.database)  # views counted by the capture
                capture.write_index(dict(board.truth, version=installed.version,
                                         topics_by_role=seeded.topics, posts_by_role=seeded.posts))
            yield board
