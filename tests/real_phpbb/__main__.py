"""``python -m tests.real_phpbb [--capture DIR] [--keep] [--seo MODE]``: install and seed a
phpBB on loopback, optionally save its pages. Needs PHPBB_SOURCE (a phpBB 3.1+ tree with
``vendor/``) and PHP with its ``sqlite3`` module; ``--seo`` (simple, advanced, vfolder: see
``seo_urls``) also USU_SOURCE, a tree of phpBB SEO's ``phpbbseo/usu`` extension."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tests.real_phpbb.scenario import running_board
from tests.real_phpbb.seo_urls import MODES


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.real_phpbb", description=__doc__)
    parser.add_argument("--source", type=Path, default=os.environ.get("PHPBB_SOURCE"))
    parser.add_argument("--capture", type=Path, metavar="DIR")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (debugging)")
    parser.add_argument("--seo", choices=sorted(MODES), help="with phpBB SEO's URLs, in this mode")
    parser.add_argument("--usu", type=Path, default=os.environ.get("USU_SOURCE"))
    args = parser.parse_args()
    if not args.source:
        parser.error("PHPBB_SOURCE is not set (path to a phpBB tree with vendor/)")
    if args.seo and not args.usu:
        parser.error("USU_SOURCE is not set (path to the phpbbseo/usu extension's tree)")
    seo = (args.usu, args.seo) if args.seo else None
    with running_board(args.source, args.capture, args.keep, seo) as board:
        print(f"phpBB {board.version} at {board.base_url}: topics {board.seeded.topics}, "
              f"{len(board.truth['posts'])} posts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
