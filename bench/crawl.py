"""Our crawl against two bare Scrapy spiders on the same synthetic site, in the same run.

    .venv/bin/python bench/crawl.py [--pages 2500,25000] [--server nginx|python] [--profile N]

For each size: the synthetic site (``bench/synthetic_site.py``, ~60 KB pages) is rendered once
to static files and served on loopback (nginx by default); then, one after the other against
the same server (``--repeats`` times, alternating; the best run of each counts), three crawls
run in their own processes with the same concurrency: the limit (``bench/bare_limit.py``:
fetch every page and read every post with parsel, emit nothing), the bare spider
(``bench/bare_spider.py``: the same, yielding one item per post) and ``forum-harvest crawl``
(crawl + clean + store into SQLite + WARC capture: the defaults). Printed and written to
``bench/results/latest.json``: pages/s and CPU seconds of each, the ratios ours / limit and
ours / bare (of pages/s, and of pages per CPU second: the steadier figure on a shared
machine), the peak RSS of each process, and for several sizes the growth of our peak RSS from
the smallest to the largest. ``--profile`` also runs our crawl under cProfile and prints the
top entries (written to ``bench/results/profile.txt``).
"""

from __future__ import annotations

import argparse
import cProfile  # noqa: F401 (run as ``-m cProfile`` in the child; imported so a missing module fails here)
import json
import os
import pstats
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.peak_memory import PeakRss  # noqa: E402
from bench.static_server import free_port, serving  # noqa: E402
from bench.synthetic_site import INDEX_FILE, RenderedSite, build_forum, render_site  # noqa: E402

RESULTS = REPO / "bench" / "results"
SHARED_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS": "16", "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "ROBOTSTXT_OBEY": "True", "LOG_LEVEL": "WARNING",
}


@dataclass
class Run:
    pages: int
    seconds: float
    cpu_seconds: float  # user + system: the steadier figure on a busy machine
    peak_rss_mb: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


def timed(command: list[str], cwd: Path = REPO) -> tuple[float, float, float]:
    """Run ``command`` in ``cwd``; its wall seconds and CPU seconds (the kernel's rusage of
    that process alone) and its own peak RSS in MB (``bench.peak_memory``)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SCRAPY_SETTINGS_MODULE", "DATABASE_URL")}
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        with PeakRss(process.pid) as peak:
            _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            stderr.seek(0)
            raise SystemExit(f"{' '.join(command[:4])}... failed:\n{stderr.read().decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, peak.mb


def setting_args() -> list[str]:
    return [arg for name, value in SHARED_SETTINGS.items() for arg in ("-s", f"{name}={value}")]


def bare_run(url: str, work: Path, spider: str) -> Run:
    """A run of ``bench/<spider>.py`` (``bare_limit`` or ``bare_spider``) with ``scrapy runspider``."""
    stats_file = work / f"{spider}-stats.json"
    command = [sys.executable, "-m", "scrapy", "runspider", str(REPO / "bench" / f"{spider}.py"),
               "-a", f"url={url}", "-a", f"stats_file={stats_file}", *setting_args()]
    timing = timed(command, cwd=work)  # away from scrapy.cfg: none of our settings
    stats = json.loads(stats_file.read_text())
    return Run(stats.get("response_received_count", 0), *timing)


def our_command(url: str, database: Path) -> list[str]:
    return ["-m", "forum_harvest", "crawl", url, "--db", f"sqlite:///{database}", "--quiet", *setting_args()]


def our_run(url: str, work: Path, name: str) -> tuple[Run, dict]:
    database = work / f"{name}.db"
    timing = timed([sys.executable, *our_command(url, database)])
    with sqlite3.connect(database) as conn:
        pages, stats = conn.execute("SELECT pages, stats FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()
        posts = conn.execute("SELECT count(*) FROM posts").fetchone()[0]
    return Run(pages, *timing), {"posts": posts, **json.loads(stats or "{}")}


def profile_run(url: str, work: Path, top: int) -> str:
    profile = work / "ours.prof"
    timed([sys.executable, "-m", "cProfile", "-o", str(profile), *our_command(url, work / "profiled.db")])
    out = RESULTS / "profile.txt"
    with out.open("w") as stream:
        for order in ("tottime", "cumulative"):
            pstats.Stats(str(profile), stream=stream).strip_dirs().sort_stats(order).print_stats(top)
    return out.read_text()


def best(runs: list[Run]) -> Run:
    """The best of repeated runs: the least wall and CPU time (a busy machine only ever adds
    to them) and the highest peak RSS."""
    return Run(min(run.pages for run in runs), min(run.seconds for run in runs),
               min(run.cpu_seconds for run in runs), max(run.peak_rss_mb for run in runs))


def bench_size(pages: int, server: str, work: Path, page_kb: int, profile_top: int, repeats: int) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    site: RenderedSite = render_site(build_forum(pages), work / "site", base, page_kb)
    print(f"site: {site.pages} pages ({site.thread_pages} thread pages), {site.posts} posts, "
          f"{site.bytes / site.pages / 1024:.1f} KB per page, rendered in {time.perf_counter() - started:.1f} s",
          flush=True)
    url = base + INDEX_FILE
    limit_runs, bare_runs, our_runs = [], [], []
    with serving(server, site.directory, port, work / "server"):
        for attempt in range(repeats):  # alternating, so a busy spell of the machine hits all three
            limit_runs.append(bare_run(url, work, "bare_limit"))
            bare_runs.append(bare_run(url, work, "bare_spider"))
            ours, our_stats = our_run(url, work, f"ours-{attempt}")
            our_runs.append(ours)
        profile = profile_run(url, work, profile_top) if profile_top else None
    crawls = {"limit": best(limit_runs), "bare": best(bare_runs), "ours": best(our_runs)}
    if min(run.pages for run in crawls.values()) < site.pages:
        raise SystemExit(f"a crawl missed pages: {', '.join(f'{n} {r.pages}' for n, r in crawls.items())} "
                         f"of {site.pages}")
    ours = crawls["ours"]
    ratios = {name: {"pages_per_second": ours.pages_per_second / crawls[name].pages_per_second,
                     "pages_per_cpu_second": crawls[name].cpu_seconds / ours.cpu_seconds}
              for name in ("limit", "bare")}
    for name, label in (("limit", "bare limit"), ("bare", "bare spider"), ("ours", "forum-harvest")):
        run = crawls[name]
        print(f"  {label:14} {run.pages:6d} pages in {run.seconds:6.1f} s ({run.cpu_seconds:6.1f} s CPU)  "
              f"{run.pages_per_second:7.1f} pages/s  {1000 * run.cpu_seconds / run.pages:5.2f} ms CPU/page  "
              f"peak RSS {run.peak_rss_mb:6.1f} MB")
    for name, label in (("limit", "ours / limit"), ("bare", "ours / bare")):
        print(f"  ratio ({label}): {ratios[name]['pages_per_second']:.2f}x pages/s, "
              f"{ratios[name]['pages_per_cpu_second']:.2f}x pages per CPU second")
    limit_posts = json.loads((work / "bare_limit-stats.json").read_text()).get("bare_limit/posts_read", 0)
    print(f"  posts stored: {our_stats['posts']} of {site.posts}; read by the limit: {limit_posts}", flush=True)
    if profile:
        print(profile[:6000])
    figures = {name: {**asdict(run), "pages_per_second": run.pages_per_second} for name, run in crawls.items()}
    figures["ours"]["posts"] = our_stats["posts"]
    figures["limit"]["posts_read"] = limit_posts
    return {"site": {k: v for k, v in asdict(site).items() if k != "directory"}, "server": server, "repeats": repeats,
            **figures,
            "ratio": ratios["bare"]["pages_per_second"], "cpu_ratio": ratios["bare"]["pages_per_cpu_second"],
            "limit_ratio": ratios["limit"]["pages_per_second"],
            "limit_cpu_ratio": ratios["limit"]["pages_per_cpu_second"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="2500", help="site sizes in pages, comma-separated (default 2500)")
    parser.add_argument("--server", choices=("nginx", "python"), default="nginx")
    parser.add_argument("--page-kb", type=int, default=60, help="page weight (default 60 KB)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="profile our crawl, print N top entries")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each crawler; the best counts (default 1)")
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    sizes = [int(size) for size in args.pages.split(",")]
    runs = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="crawl-bench-") as work:
            os.chmod(work, 0o755)  # nginx workers run as another user
            print(f"== {size} pages ==", flush=True)
            runs.append(bench_size(size, args.server, Path(work), args.page_kb, args.profile, args.repeats))
    result = {"measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "runs": runs,
              "min_ratio": min(run["ratio"] for run in runs),
              "min_limit_ratio": min(run["limit_ratio"] for run in runs)}
    if len(runs) > 1:
        result["our_rss_growth"] = runs[-1]["ours"]["peak_rss_mb"] / runs[0]["ours"]["peak_rss_mb"]
        print(f"our peak RSS, {sizes[-1]} pages / {sizes[0]} pages: {result['our_rss_growth']:.2f}x")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
