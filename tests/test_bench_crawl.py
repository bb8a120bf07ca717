"""The crawl bench's quick mode on a tiny site, served by Python's file server (no nginx): the
limit, the bare spider and our crawl, each reading every page."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def test_bench_compares_our_crawl_with_the_limit_and_the_bare_spider(tmp_path):
    out = tmp_path / "latest.json"
    result = subprocess.run(
        [sys.executable, "bench/crawl.py", "--pages", "40", "--server", "python", "--page-kb", "20", "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "ratio (ours / limit)" in result.stdout and "ratio (ours / bare)" in result.stdout
    figures = json.loads(out.read_text())
    [run] = figures["runs"]
    assert run["ours"]["posts"] == run["limit"]["posts_read"] == run["site"]["posts"]
    for crawl in ("limit", "bare", "ours"):
        assert run[crawl]["pages"] >= run["site"]["pages"], crawl
        assert run[crawl]["cpu_seconds"] > 0 and run[crawl]["peak_rss_mb"] > 0, crawl
    assert run["ratio"] == run["ours"]["pages_per_second"] / run["bare"]["pages_per_second"]
    assert run["limit_ratio"] == run["ours"]["pages_per_second"] / run["limit"]["pages_per_second"]
    assert run["limit_cpu_ratio"] == run["limit"]["cpu_seconds"] / run["ours"]["cpu_seconds"]
    assert figures["min_limit_ratio"] == run["limit_ratio"]
