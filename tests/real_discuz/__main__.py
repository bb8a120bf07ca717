"""``python -m tests.real_discuz [--capture DIR] [--charset gbk] [--rewrite] [--keep]``: run the scenario once, print the
summary; exit 0 only when every comparison is clean. Needs DISCUZ_SOURCE (a Discuz! checkout
or its ``upload/`` directory), PHP and MariaDB (``make real-discuz-test`` installs them)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tests.real_discuz.edition import EDITIONS
from tests.real_discuz.http_client import BROWSER_UA
from tests.real_discuz.scenario import run


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.real_discuz", description=__doc__)
    parser.add_argument("--source", type=Path, default=os.environ.get("DISCUZ_SOURCE"),
                        help="Discuz! source tree (default: $DISCUZ_SOURCE)")
    parser.add_argument("--capture", type=Path, metavar="DIR",
                        help="also save pages in robot and normal mode and expected.json")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (debugging)")
    parser.add_argument("--charset", choices=EDITIONS, default="utf-8",
                        help="the edition to install: the tree as it is, or converted (edition.py)")
    parser.add_argument("--rewrite", action="store_true",
                        help="URL rewriting on (every rule of SEO settings), its rules served (rewrite.py)")
    parser.add_argument("--browser-ua", action="store_true",
                        help="diagnostic: crawl with a browser's User-Agent, not the default")
    args = parser.parse_args()
    if not args.source:
        parser.error("DISCUZ_SOURCE is not set (path to a Discuz! X3.5 or X3.4 checkout)")
    outcome = run(args.source, args.capture, args.keep,
                  user_agent=BROWSER_UA if args.browser_ua else None, charset=args.charset, rewrite_urls=args.rewrite)
    return 0 if outcome.comparisons and all(c.ok for c in outcome.comparisons) else 1


if __name__ == "__main__":
    sys.exit(main())
