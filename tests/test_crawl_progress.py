"""Progress while a crawl runs: a log line every N seconds off a terminal, a live line on one,
nothing with --quiet; the end summary always."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

from scraper.progress import Progress
from tests import cli_process
from tests.conftest import FAST, REPO, run_cli

SHORT = ("--max-threads", "6", *FAST, "-s", "FORUM_PROGRESS_INTERVAL=0.05")


def test_a_progress_line_says_how_far_the_crawl_got():
    stats = {"response_received_count": 30, "forum_harvest/thread_pages_queued": 25,
             "forum_harvest/thread_pages_read": 20, "forum_harvest/posts_read": 70, "storage/posts_new": 50,
             "storage/posts_changed": 2, "log_count/ERROR": 1, "downloader/exception_count": 2}
    assert Progress.from_stats(stats, elapsed=10).line() == (
        "30 pages fetched, 5 thread pages left, 70 posts read (50 new / 2 changed stored), "
        "3 errors, 3.0 pages/s, 10 s")


def test_off_a_terminal_progress_is_a_log_line_now_and_then(sample_site, tmp_path):
    forum, server = sample_site
    result = run_cli("crawl", server.url + "forum.php", "--db", f"sqlite:///{tmp_path / 'a.db'}", *SHORT)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if " progress: " in line]
    assert lines and all("pages fetched" in line and "pages/s" in line for line in lines)
    assert result.stdout.startswith("crawled ")


def test_quiet_prints_no_progress(sample_site, tmp_path):
    forum, server = sample_site
    result = run_cli("crawl", server.url + "forum.php", "--db", f"sqlite:///{tmp_path / 'q.db'}", "--quiet", *SHORT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("crawled ")


def test_on_a_terminal_progress_is_one_live_line(sample_site, tmp_path):
    forum, server = sample_site
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"TERM": "xterm", "COLUMNS": "200"}
    process = cli_process.start(
        [sys.executable, "-m", "forum_harvest", "crawl", server.url + "forum.php", "--db",
         f"sqlite:///{tmp_path / 't.db'}", *SHORT], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    shown = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 1)
        if ready:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the crawl closed its end
                break
            if not chunk:
                break
            shown += chunk
        elif process.poll() is not None:
            break
    stdout, _ = process.communicate(timeout=60)
    os.close(controller)
    assert process.returncode == 0
    text = shown.decode(errors="replace")
    assert "pages fetched" in text and " progress: " not in text
    assert "\x1b[" in text  # redrawn in place with terminal control sequences
    assert stdout.decode().startswith("crawled ")
