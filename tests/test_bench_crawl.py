"""The crawl bench's quick mode on a tiny site, served by Python's file server (no nginx)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def test_bench_compares_bare_scrapy_and_our_crawl(tmp_path):
    out = tmp_path / "latest.json"
    result = subprocess.run(
        [sys.executable, "bench/crawl.py", "--pages", "40", "--server", "python", "--page-kb", "20", "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "ratio (ours / bare)" in result.stdout
    [run] = json.loads(out.read_text())["runs"]
    assert run["ours"]["posts"] == run["site"]["posts"]
    assert run["bare"]["pages"] >= run["site"]["pages"] and run["ours"]["pages"] >= run["site"]["pages"]
    assert run["ratio"] > 0 and run["ours"]["peak_rss_mb"] > 0 and run["bare"]["pages_per_second"] > 0
