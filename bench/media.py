"""What downloading the pictures and attachments costs: ``crawl --media all`` against
``--media none`` on the same site, in the same run.

    PYTHONPATH=. .venv/bin/python bench/media.py [--pictures 3] [--picture-kb 200] [--repeats 2]

The sample forum (``forum_harvest.sample_forum``, its own attached files) is served on
loopback with, in the first post of every thread, ``--pictures`` pictures of ``--picture-kb``
each on a second loopback host (Python's file server: distinct bytes per picture, each a
real PNG padded to its size). Both crawls obey no robots.txt (Discuz's forbids its own
attachments) and run without AutoThrottle, alternating ``--repeats`` times; the best run of
each counts (``bench.crawl.best``). Printed and written to ``bench/results/media.json``: pages,
files and MB stored, wall and CPU seconds of each, the cost per page (ms), the extra cost
per downloaded MB (``all`` minus ``none``, over the MB stored) and the ratio of pages/s.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from dataclasses import asdict, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.crawl import RESULTS, Run, best, timed  # noqa: E402
from bench.static_server import free_port, python_server  # noqa: E402
from forum_harvest.sample_forum import SampleForum, start_server  # noqa: E402
from forum_harvest.sample_forum.media import file_bytes  # noqa: E402
from forum_harvest.sample_forum.model import Image, Line  # noqa: E402

MB = 1024 * 1024
SETTINGS = {"AUTOTHROTTLE_ENABLED": "False", "ROBOTSTXT_OBEY": "False", "CONCURRENT_REQUESTS": "16",
            "CONCURRENT_REQUESTS_PER_DOMAIN": "16", "LOG_LEVEL": "WARNING"}


def with_picture_host(forum: SampleForum, host: str, folder: Path, per_thread: int, size: int) -> SampleForum:
    """``forum`` whose first post of each thread also shows ``per_thread`` pictures of
    ``size`` bytes, written into ``folder`` (served as ``host``)."""
    folder.mkdir(parents=True, exist_ok=True)
    posts = []
    for post in forum.posts:
        if post.floor == 1:
            names = [f"t{post.thread_id}-{index}.png" for index in range(per_thread)]
            for name in names:
                (folder / name).write_bytes(file_bytes(name, size))
            post = replace(post, lines=post.lines + (Line(tuple(Image(host + name) for name in names)),))
        posts.append(post)
    return replace(forum, posts=posts, _posts_by_thread={})


def crawl(url: str, database: Path, media: str) -> tuple[Run, dict]:
    """One crawl in its own process: its timing, and its run's media figures."""
    settings = [arg for name, value in SETTINGS.items() for arg in ("-s", f"{name}={value}")]
    timing = timed([sys.executable, "-m", "forum_harvest", "crawl", url, "--db", f"sqlite:///{database}",
                    "--quiet", "--no-warc", "--media", media, *settings])
    with sqlite3.connect(database) as conn:
        pages, stats = conn.execute("SELECT pages, stats FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()
        posts = conn.execute("SELECT count(*) FROM posts").fetchone()[0]
    stats = json.loads(stats or "{}")
    files_asked = stats.get("forum_harvest/media/requested", 0)  # a run's pages count its files' answers too
    return Run(pages - files_asked, *timing), {"posts": posts, "files": stats.get("forum_harvest/media/stored", 0),
                                               "bytes": stats.get("forum_harvest/media/bytes", 0)}


def per_page_ms(run: Run) -> dict[str, float]:
    return {"wall_ms": 1000 * run.seconds / run.pages, "cpu_ms": 1000 * run.cpu_seconds / run.pages}


def bench(work: Path, per_thread: int, picture_kb: int, repeats: int) -> dict:
    port = free_port()
    host = f"http://127.0.0.1:{port}/"
    forum = with_picture_host(SampleForum.build(), host, work / "pictures", per_thread, picture_kb * 1024)
    server = start_server(forum)
    runs: dict[str, list[Run]] = {"none": [], "all": []}
    found: dict[str, dict] = {}
    try:
        with python_server(work / "pictures", port):
            for attempt in range(repeats):  # alternating, so a busy spell of the machine hits both
                for mode in runs:
                    run, found[mode] = crawl(server.url + "forum.php", work / f"{mode}-{attempt}.db", mode)
                    runs[mode].append(run)
    finally:
        server.stop()
    none, full, media = best(runs["none"]), best(runs["all"]), found["all"]
    if (none.pages, found["none"]["posts"]) != (full.pages, media["posts"]) or not media["files"]:
        raise SystemExit(f"the crawls differ: {none.pages} and {full.pages} pages, {found['none']['posts']} and "
                         f"{media['posts']} posts, {media['files']} files stored")
    megabytes = media["bytes"] / MB
    extra = {"wall_s_per_mb": (full.seconds - none.seconds) / megabytes,
             "cpu_s_per_mb": (full.cpu_seconds - none.cpu_seconds) / megabytes}
    for name, run in (("--media none", none), ("--media all", full)):
        costs = per_page_ms(run)
        print(f"  {name:13} {run.pages:4d} pages in {run.seconds:5.2f} s ({run.cpu_seconds:5.2f} s CPU)  "
              f"{costs['wall_ms']:6.1f} ms/page ({costs['cpu_ms']:6.1f} ms CPU)  peak RSS {run.peak_rss_mb:6.1f} MB")
    ratio = full.seconds / none.seconds
    print(f"  stored: {media['files']} files, {megabytes:.1f} MB; extra per downloaded MB: "
          f"{extra['wall_s_per_mb']:.3f} s ({extra['cpu_s_per_mb']:.3f} s CPU); "
          f"time all / none: {ratio:.2f}x", flush=True)
    return {"pictures_per_thread": per_thread, "picture_kb": picture_kb, "repeats": repeats,
            "files": media["files"], "megabytes": megabytes,
            "none": {**asdict(none), **per_page_ms(none)}, "all": {**asdict(full), **per_page_ms(full)},
            "extra_per_mb": extra, "time_ratio": ratio}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pictures", type=int, default=3, help="pictures per thread on the picture host (default 3)")
    parser.add_argument("--picture-kb", type=int, default=200, help="size of each picture (default 200 KB)")
    parser.add_argument("--repeats", type=int, default=2, help="runs of each mode; the best counts (default 2)")
    parser.add_argument("--out", type=Path, default=RESULTS / "media.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="media-bench-") as work:
        result = bench(Path(work), args.pictures, args.picture_kb, args.repeats)
    result["measured_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
