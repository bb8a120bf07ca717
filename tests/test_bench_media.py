"""The media bench on small pictures, one run of each mode: it compares the crawls it says it
compares, and its figures follow from what it measured."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def test_bench_compares_media_all_with_media_none(tmp_path):
    out = tmp_path / "media.json"
    result = subprocess.run(
        [sys.executable, "bench/media.py", "--pictures", "1", "--picture-kb", "20", "--repeats", "1",
         "--out", str(out)], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "extra per downloaded MB" in result.stdout
    run = json.loads(out.read_text())
    assert run["none"]["pages"] == run["all"]["pages"] > 0
    assert run["files"] > 0 and run["megabytes"] > 0
    assert run["extra_per_mb"]["cpu_s_per_mb"] == (
        (run["all"]["cpu_seconds"] - run["none"]["cpu_seconds"]) / run["megabytes"])
