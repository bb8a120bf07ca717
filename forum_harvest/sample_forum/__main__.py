"""``python -m forum_harvest.sample_forum [--host H] [--port P] [--site-name N] [--charset gbk]``."""

from __future__ import annotations

import argparse

from forum_harvest.sample_forum.server import serve


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m forum_harvest.sample_forum",
                                     description="Serve the sample Discuz! forum; prints its URL.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--site-name", default=None)
    parser.add_argument("--charset", default="utf-8", choices=["utf-8", "gbk"])
    args = parser.parse_args(argv)
    serve(args.host, args.port, args.site_name, args.charset)


if __name__ == "__main__":
    main()
