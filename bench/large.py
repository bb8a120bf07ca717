"""Our crawl on a large synthetic site, measured: a first crawl and an unchanged recrawl.

    .venv/bin/python bench/large.py [--pages 250000] [--compare 25000] [--page-kb 60]

For the comparison size first, then the large one: the synthetic site (``bench/synthetic_site.py``)
is rendered to static files in a temporary directory and served on loopback (nginx by default);
``forum-harvest crawl`` runs with the defaults (WARC on, SQLite) and the crawl bench's
concurrency, then again on the unchanged site (the incremental recrawl, which reads the thread
lists and skips every thread). Printed and written to ``bench/results/large.json`` for each
size: pages/s, CPU seconds and peak RSS of the first crawl, database and WARC sizes, the
recrawl's time; and the growth of peak RSS from the comparison size to the large one (goal:
at most 1.2x). A site of 250,000 pages at 60 KB takes ~15 GB, its WARC and database some more:
the bench stops before rendering when the disk has too little free, and ``--page-kb`` makes
lighter pages.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.crawl import RESULTS, our_run  # noqa: E402
from bench.static_server import free_port, serving  # noqa: E402
from bench.synthetic_site import INDEX_FILE, build_forum, render_site  # noqa: E402

RSS_GROWTH_GOAL = 1.2
# Disk a size needs, in multiples of its rendered pages: the pages themselves, and the WARC
# (gzipped records of the same pages) and database with a margin.
DISK_PER_SITE_BYTE = 2


def bytes_under(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


def check_disk(work_parent: Path, pages: int, page_kb: int) -> None:
    """Stop before rendering when ``work_parent`` has too little free for a site of ``pages``."""
    needed = DISK_PER_SITE_BYTE * pages * page_kb * 1024
    free = shutil.disk_usage(work_parent).free
    if free < needed:
        raise SystemExit(f"{pages} pages at {page_kb} KB need ~{needed / 2**30:.1f} GB free in {work_parent}, "
                         f"it has {free / 2**30:.1f} GB: choose lighter pages with --page-kb, or another "
                         f"--work-dir")


def crawl_twice(pages: int, server: str, work: Path, page_kb: int) -> dict:
    """Render a site of about ``pages`` pages, crawl it, crawl it again unchanged: the figures."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    site = render_site(build_forum(pages), work / "site", base, page_kb)
    render_seconds = time.perf_counter() - started
    print(f"site: {site.pages} pages ({site.thread_pages} thread pages), {site.posts} posts, "
          f"{site.bytes / site.pages / 1024:.1f} KB per page, rendered in {render_seconds:.1f} s "
          f"({1000 * render_seconds / site.pages:.2f} ms/page)", flush=True)
    with serving(server, site.directory, port, work / "server"):
        first, stats = our_run(base + INDEX_FILE, work, "large")
        recrawl, _ = our_run(base + INDEX_FILE, work, "large")
    if first.pages < site.pages or stats["posts"] < site.posts:
        raise SystemExit(f"the crawl missed pages or posts: {first.pages} of {site.pages} pages, "
                         f"{stats['posts']} of {site.posts} posts")
    database_bytes = sum(path.stat().st_size for path in work.glob("large.db*"))
    warc_bytes = bytes_under(work / "warc")
    print(f"  crawl    {first.pages:7d} pages in {first.seconds:7.1f} s ({first.cpu_seconds:7.1f} s CPU)  "
          f"{first.pages_per_second:6.1f} pages/s  peak RSS {first.peak_rss_mb:6.1f} MB\n"
          f"  recrawl  {recrawl.pages:7d} pages in {recrawl.seconds:7.1f} s ({recrawl.cpu_seconds:7.1f} s CPU)  "
          f"unchanged site\n"
          f"  database {database_bytes / 2**20:8.1f} MB   WARC {warc_bytes / 2**20:8.1f} MB "
          f"({100 * warc_bytes / site.bytes:.0f} % of the pages' {site.bytes / 2**20:.1f} MB)", flush=True)
    return {"site": {"pages": site.pages, "thread_pages": site.thread_pages, "posts": site.posts,
                     "bytes": site.bytes, "render_ms_per_page": 1000 * render_seconds / site.pages},
            "server": server, "posts": stats["posts"],
            "pages": first.pages, "seconds": first.seconds, "cpu_seconds": first.cpu_seconds,
            "pages_per_second": first.pages_per_second, "peak_rss_mb": first.peak_rss_mb,
            "database_bytes": database_bytes, "warc_bytes": warc_bytes,
            "recrawl": {"pages": recrawl.pages, "seconds": recrawl.seconds, "cpu_seconds": recrawl.cpu_seconds,
                        "peak_rss_mb": recrawl.peak_rss_mb}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=250_000, help="the large site's size (default 250000)")
    parser.add_argument("--compare", type=int, default=25_000,
                        help="the size whose peak RSS the large crawl's is compared with (default 25000)")
    parser.add_argument("--page-kb", type=int, default=60, help="page weight (default 60 KB)")
    parser.add_argument("--server", choices=("nginx", "python"), default="nginx")
    parser.add_argument("--work-dir", type=Path, default=Path(tempfile.gettempdir()),
                        help="where the sites, databases and WARCs are made, one size at a time")
    parser.add_argument("--out", type=Path, default=RESULTS / "large.json")
    args = parser.parse_args()
    check_disk(args.work_dir, args.pages, args.page_kb)
    runs = {}
    for size in (args.compare, args.pages):
        with tempfile.TemporaryDirectory(prefix="large-bench-", dir=args.work_dir) as work:
            os.chmod(work, 0o755)  # nginx workers run as another user
            print(f"== {size} pages ==", flush=True)
            runs[str(size)] = crawl_twice(size, args.server, Path(work), args.page_kb)
    compared, large = runs[str(args.compare)], runs[str(args.pages)]
    growth = large["peak_rss_mb"] / compared["peak_rss_mb"]
    print(f"peak RSS, {args.pages} pages / {args.compare} pages: {growth:.2f}x "
          f"(goal at most {RSS_GROWTH_GOAL}x: {'met' if growth <= RSS_GROWTH_GOAL else 'missed'})")
    result = {"measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "page_kb": args.page_kb,
              "pages": args.pages, "compare": args.compare, "runs": runs,
              "rss_growth": growth, "rss_growth_goal": RSS_GROWTH_GOAL}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
