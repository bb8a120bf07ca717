"""``make bench-large``'s code path on tiny sites, served by Python's file server (no nginx): a
first crawl and an unchanged recrawl of each size, their sizes and the peak RSS growth."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def test_large_bench_crawls_each_size_twice_and_compares_peak_rss(tmp_path):
    out = tmp_path / "large.json"
    result = subprocess.run(
        [sys.executable, "bench/large.py", "--pages", "60", "--compare", "30", "--server", "python",
         "--page-kb", "20", "--work-dir", str(tmp_path), "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    figures = json.loads(out.read_text())
    assert set(figures["runs"]) == {"30", "60"}
    for run in figures["runs"].values():
        assert run["pages"] >= run["site"]["pages"] and run["posts"] == run["site"]["posts"]
        assert run["database_bytes"] > 0 and run["warc_bytes"] > 0
        assert 0 < run["recrawl"]["pages"] < run["pages"]  # the thread lists, no thread read again
    assert figures["rss_growth"] == figures["runs"]["60"]["peak_rss_mb"] / figures["runs"]["30"]["peak_rss_mb"]
    assert "peak RSS, 60 pages / 30 pages" in result.stdout


def test_large_bench_stops_before_rendering_without_the_disk_it_needs(tmp_path):
    result = subprocess.run(
        [sys.executable, "bench/large.py", "--pages", "100000000", "--work-dir", str(tmp_path),
         "--out", str(tmp_path / "large.json")],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0 and "--page-kb" in result.stderr
    assert not (tmp_path / "large.json").exists()
