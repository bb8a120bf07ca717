"""``python -m forum_harvest.sample_forum [--host H] [--port P] [--site-name N] [--charset gbk]
[--skin d7] [--lang en] [--clock 12h] [--real-archiver] [--engine xenforo]``."""

from __future__ import annotations

import argparse

from forum_harvest.sample_forum.engines import ENGINES
from forum_harvest.sample_forum.look import LANGUAGES, SKINS
from forum_harvest.sample_forum.server import serve


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m forum_harvest.sample_forum",
                                     description="Serve the sample forum (Discuz!, or --engine xenforo|vbulletin|phpbb|mybb|smf|invision|phpwind|phpwind8|discourse|discourse-html|nodebb); prints its URL.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--site-name", default=None)
    parser.add_argument("--charset", default=None, choices=["utf-8", "gbk", "big5"],
                        help="default: gbk for d7, big5 for zh_tw, else utf-8")
    parser.add_argument("--skin", default="x35", choices=SKINS)
    parser.add_argument("--lang", default="zh_cn", choices=LANGUAGES)
    parser.add_argument("--clock", default="24h", choices=["24h", "12h"])
    parser.add_argument("--real-archiver", action="store_true")
    parser.add_argument("--engine", default="discuz", choices=list(ENGINES))
    args = parser.parse_args(argv)
    serve(args.host, args.port, args.site_name, args.charset, skin=args.skin, lang=args.lang,
          clock12=args.clock == "12h", real_archiver=args.real_archiver, engine=args.engine)


if __name__ == "__main__":
    main()
