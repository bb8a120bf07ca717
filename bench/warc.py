"""What WARC capture costs, how fast reparse reads it back, and Parquet export at scale.

    PYTHONPATH=. .venv/bin/python bench/warc.py [--posts 300000]

On the sample forum (served on loopback, no politeness delay, as in the tests): a crawl
with WARC, one without (the capture's time cost), then ``reparse`` of the WARC; pages/s as
the CLI reports them (Scrapy's start included, the same for all three). Disk: WARC bytes per
1,000 pages. Then ``--posts`` synthetic posts (bench/upsert.py's) are exported to Parquet and
to JSON Lines by the CLI in a child process each: wall time, peak RSS, file size.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import db
from bench.peak_memory import PeakRss
from bench.upsert import batches, fresh_database, synthetic_posts
from forum_harvest.sample_forum import SampleForum, start_server
from scraper.engines.discuz import ENGINE as DISCUZ
from scraper.warc_archive import WarcArchive
from scraper.warc_files import RotatingWarcFile

CLI = [sys.executable, "-m", "forum_harvest"]
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False"]
SUMMARY = re.compile(r"(\d+) (?:archived )?pages in ([\d.]+) s")


def timed_child(command: list[str]) -> tuple[float, float, str, float]:
    """Run ``command``; its wall time (s), its own peak RSS (MB, ``bench.peak_memory``),
    standard output and CPU time (s: user + system, less sensitive than wall time to a busy
    machine)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.monotonic()
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        with PeakRss(child.pid) as peak:
            _, status, usage = os.wait4(child.pid, 0)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"{' '.join(command)} failed: {err.read().strip()}")
        cpu = usage.ru_utime + usage.ru_stime
        return seconds, peak.mb, " ".join(out.read().split()), cpu


def pages_per_second(summary: str) -> tuple[int, float]:
    match = SUMMARY.search(summary)
    assert match, summary
    pages, seconds = int(match[1]), float(match[2])
    return pages, pages / seconds


def bench_sample_forum(work: Path, rounds: int) -> None:
    """Best of ``rounds`` crawls with and without WARC (alternating), then reparse."""
    server = start_server(SampleForum.build())
    rates: dict[str, list[float]] = {"warc": [], "plain": [], "reparse": []}
    cpu: dict[str, list[float]] = {"warc": [], "plain": [], "reparse": []}
    try:
        for round_number in range(rounds):
            # Alternating, each first in turn: a busy machine skews neither side.
            kinds = (("warc", []), ("plain", ["--no-warc"]))
            for kind, extra in kinds if round_number % 2 == 0 else kinds[::-1]:
                database = f"sqlite:///{work / f'{kind}{round_number}.db'}"
                _, _, summary, seconds = timed_child([*CLI, "crawl", server.url + "forum.php", "--db", database, *FAST, *extra])
                pages, rate = pages_per_second(summary)
                rates[kind].append(rate)
                cpu[kind].append(seconds)
    finally:
        server.stop()
    for _ in range(rounds):
        _, _, summary, seconds = timed_child([*CLI, "reparse", "--db", f"sqlite:///{work / 'warc0.db'}"])
        rates["reparse"].append(pages_per_second(summary)[1])
        cpu["reparse"].append(seconds)
    warc_bytes = sum(path.stat().st_size for path in (work / "warc").rglob("*.warc.gz")) / rounds
    for kind, title in (("warc", "crawl with WARC"), ("plain", "crawl without WARC"), ("reparse", "reparse (offline)")):
        print(f"{title:19}: {pages} pages, best {max(rates[kind]):.1f} pages/s, "
              f"CPU {min(cpu[kind]):.2f} s (process start included)")
    print(f"WARC: {warc_bytes / 1e6:.2f} MB per crawl of {pages} pages = "
          f"{warc_bytes / pages * 1000 / 1e6:.2f} MB per 1,000 pages (database {(work / 'warc0.db').stat().st_size / 1e6:.2f} MB)")


def bench_record_costs(work: Path) -> None:
    """Per page, without Scrapy around: writing a response + request pair (the capture's
    work), and finding + reading one back (the replay's)."""
    files = sorted((work / "warc").rglob("*.warc.gz"))[:1]
    started = time.monotonic()
    archive = WarcArchive.scan(files, DISCUZ.canonicalize)
    scanned = time.monotonic() - started
    captures = list(archive.captures.values())
    started = time.monotonic()
    responses = [WarcArchive.read(capture) for capture in captures]
    read = (time.monotonic() - started) / len(captures)
    builder = WARCWriter(BytesIO(), gzip=True)
    target = RotatingWarcFile(work / "costs", "bench", {"software": "bench"}, 10**9, 100)
    started = time.monotonic()
    for capture, response in zip(captures, responses):
        pair = [builder.create_warc_record(capture.url, kind, payload=BytesIO(body), length=len(body),
                                           http_headers=StatusAndHeaders(status, response.headers, protocol="HTTP/1.1",
                                                                         is_http_request=kind == "request"))
                for kind, status, body in (("response", f"{response.status} OK", response.body),
                                           ("request", f"GET {capture.url}", b""))]
        target.write(pair)
    target.close()
    written = (time.monotonic() - started) / len(captures)
    print(f"per page: capture {written * 1000:.2f} ms, replay read {read * 1000:.2f} ms "
          f"(+ index scan {scanned / len(captures) * 1000:.2f} ms)")


def write_synthetic(path: Path, count: int) -> None:
    site_id = fresh_database(path, search_index=False)
    engine = db.make_engine(f"sqlite:///{path}")
    for chunk in batches(synthetic_posts(count), 5000):
        with engine.begin() as conn:
            db.upsert_posts(conn, site_id, chunk)
    engine.dispose()


def bench_parquet(work: Path, count: int) -> None:
    path = work / "synthetic.db"
    # In a child: the posts held in memory here would count in the exports' peak RSS.
    seconds, _, _, _ = timed_child([sys.executable, __file__, "--write-synthetic", str(path), "--posts", str(count)])
    print(f"{count} synthetic posts written in {seconds:.0f} s ({path.stat().st_size / 1e6:.0f} MB SQLite)")
    for fmt in ("parquet", "jsonl"):
        out = work / f"posts.{fmt}"
        seconds, peak, _, _ = timed_child([*CLI, "export", "--db", f"sqlite:///{path}", "--format", fmt, "--out", str(out)])
        print(f"export {fmt:8}: {seconds:.1f} s ({count / seconds:,.0f} posts/s), peak RSS {peak:.0f} MB, "
              f"{out.stat().st_size / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write-synthetic", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_synthetic:
        write_synthetic(args.write_synthetic, args.posts)
        return
    with tempfile.TemporaryDirectory() as directory:
        bench_sample_forum(Path(directory), args.rounds)
        bench_record_costs(Path(directory))
        bench_parquet(Path(directory), args.posts)


if __name__ == "__main__":
    main()
