"""Run ``forum-harvest crawl`` as a user would: default settings, default User-Agent.

Only test-speed settings are changed (no politeness delay against our own loopback server).
The PHP server's access log tells which answers the crawl received, e.g. the one-time 302
Discuz sends after a delete.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

# This checkout's CLI; REAL_DISCUZ_FORUM_HARVEST=/other/checkout/.venv/bin/forum-harvest runs
# the same scenario against another branch's crawler without merging it.
FORUM_HARVEST = Path(os.environ.get("REAL_DISCUZ_FORUM_HARVEST")
                     or Path(sys.executable).with_name("forum-harvest"))
SPEED_ONLY = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")
CRAWL_TIMEOUT = 600


@dataclass
class CrawlResult:
    label: str
    exit_code: int
    stderr_tail: str  # the crawl's own last words (Scrapy's log lines left out)
    errors: list[str]  # ERROR log lines and the exceptions of tracebacks
    statuses: dict[int, int] = field(default_factory=dict)  # HTTP status -> responses
    redirects: list[str] = field(default_factory=list)  # "302 GET /forum.php?..."
    gaps: list[dict] = field(default_factory=list)
    run: dict = field(default_factory=dict)


def crawl(label: str, base_url: str, database: str, workdir: Path, php_log: Path,
          full: bool = False, user_agent: str | None = None) -> CrawlResult:
    """``user_agent``: a diagnostic only (``--browser-ua``); the harness's verdict is about
    the default User-Agent."""
    # -v: Scrapy's log on stderr (kept in the work dir), where a crash the exit code hides
    # shows; it changes what is logged, nothing of the crawl.
    command = [str(FORUM_HARVEST), "crawl", f"{base_url}/forum.php", "--db", database, "-v",
               *SPEED_ONLY, *(["--full"] if full else []),
               *(["-s", f"USER_AGENT={user_agent}"] if user_agent else [])]
    log_start = php_log.stat().st_size if php_log.exists() else 0
    done = subprocess.run(command, cwd=workdir, capture_output=True, text=True,
                          timeout=CRAWL_TIMEOUT)
    log_name = re.sub(r"\W+", "-", label).strip("-") + ".log"
    (workdir / log_name).write_text(done.stdout + done.stderr, "utf-8")
    result = CrawlResult(label, done.returncode,
                         _last_message(done.stdout + "\n" + done.stderr), _errors(done.stderr))
    _read_access_log(php_log, log_start, result)
    result.gaps, result.run = _gaps_and_last_run(database, workdir)
    return result


def _errors(log: str) -> list[str]:
    found = []
    for line in log.splitlines():
        if re.search(r"\] ERROR: ", line) or re.match(r"^[A-Za-z_.]*(Error|Exception): ", line):
            found.append(re.sub(r"^\d{4}-\d\d-\d\d \S+ ", "", line.strip())[:240])
    return list(dict.fromkeys(found))


def _last_message(log: str) -> str:
    """The CLI's lines: those not from Scrapy's logger (which start with a timestamp)."""
    own = [line for line in log.splitlines() if line.strip() and not re.match(
        r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|^\s|^[\[{'}]|^Traceback|^\w+Error", line)]
    return "\n".join(own[-4:])


def _read_access_log(php_log: Path, start: int, result: CrawlResult) -> None:
    """PHP's built-in server logs ``[status]: METHOD /path`` per request."""
    with php_log.open("rb") as log:
        log.seek(start)
        lines = log.read().decode("utf-8", errors="replace").splitlines()
    for line in lines:
        found = re.search(r"\[(\d{3})\]: (GET|POST|HEAD) (\S+)", line)
        if not found:
            continue
        status = int(found.group(1))
        result.statuses[status] = result.statuses.get(status, 0) + 1
        if 300 <= status < 400:
            result.redirects.append(f"{status} {found.group(2)} {found.group(3)}")


def _gaps_and_last_run(database: str, workdir: Path) -> tuple[list[dict], dict]:
    done = subprocess.run([str(FORUM_HARVEST), "runs", "--gaps", "--format", "jsonl",
                           "--db", database, "--limit", "1"],
                          cwd=workdir, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        return [{"error": f"forum-harvest runs --gaps failed: {done.stderr.strip()[-300:]}"}], {}
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    gaps = [record for record in records if record.get("gap")]
    runs = [record for record in records if not record.get("gap")]
    return gaps, (runs[0] if runs else {})
