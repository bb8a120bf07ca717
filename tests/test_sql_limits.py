"""``forum-harvest sql`` stops an endless statement: at its --timeout, or on Ctrl-C (SIGINT)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

import db
from db.models import Base
from tests.conftest import REPO, copy_sqlite, run_cli
from tests.test_cli_errors import assert_one_line_error

ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


@pytest.fixture
def existing_db(crawled, tmp_path):
    return copy_sqlite(crawled.db_url, tmp_path)


@pytest.fixture
def postgres_db(postgres_url):
    engine = db.make_engine(postgres_url)
    Base.metadata.drop_all(engine)
    db.create_schema(engine)
    yield postgres_url, engine
    Base.metadata.drop_all(engine)
    engine.dispose()


def test_timeout_stops_an_endless_statement_on_sqlite(existing_db):
    started = time.monotonic()
    result = run_cli("sql", ENDLESS, "--db", existing_db, "--timeout", "1")
    assert_one_line_error(result, "SQL stopped after 1 s (--timeout 1)")
    assert time.monotonic() - started < 30


def test_timeout_stops_an_endless_statement_on_postgres(postgres_db):
    url, _ = postgres_db
    result = run_cli("sql", ENDLESS, "--db", url, "--timeout", "1.5")
    assert_one_line_error(result, "SQL stopped after 1.5 s (--timeout 1.5)")


def test_a_quick_statement_is_untouched_by_the_limit(existing_db):
    result = run_cli("sql", "SELECT count(*) AS n FROM posts", "--db", existing_db, "--timeout", "5",
                     "--format", "csv")
    assert result.returncode == 0 and result.stdout.splitlines()[0] == "n", result.stderr


def wait_for(condition: Callable[[], bool], what: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"sql exited ({process.returncode}) before {what}: {process.stderr.read()}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} within {seconds} s")
        time.sleep(0.05)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def has_open(pid: int, path: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    return any(os.path.realpath(fd) == str(path) for fd in fds.iterdir() if fd.is_symlink())


def start_endless(url: str) -> subprocess.Popen:
    """The endless statement in a new process started with SIGINT ignored, as a shell starts a
    background job (and as the suite's own processes are when ``make test`` runs in one): the
    process must answer Ctrl-C with a handler of its own, Python installs none then."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.Popen([sys.executable, "-m", "forum_harvest", "sql", ENDLESS, "--db", url, "--timeout", "0"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))


def assert_interrupted(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["SQL interrupted (Ctrl-C): the statement was stopped"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to see the query running")
def test_ctrl_c_stops_a_running_statement_on_sqlite(existing_db):
    path = Path(existing_db.removeprefix("sqlite:///")).resolve()
    process = start_endless(existing_db)
    try:
        wait_for(lambda: has_open(process.pid, path), "database opened", process)
        # Once the file is open, the process's only work is the statement: its CPU time grows.
        opened_at = cpu_seconds(process.pid)
        wait_for(lambda: cpu_seconds(process.pid) > opened_at + 0.3, "statement running", process)
        assert_interrupted(process)
    finally:
        process.kill()
        process.wait()


def test_ctrl_c_cancels_a_running_statement_on_postgres(postgres_db):
    url, engine = postgres_db
    running = sa.text("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                      "AND query LIKE 'WITH RECURSIVE n(i)%' AND pid <> pg_backend_pid()")

    def active() -> int:
        with engine.connect() as conn:
            return conn.execute(running).scalar_one()

    process = start_endless(url)
    try:
        wait_for(lambda: active() == 1, "statement running on the server", process)
        assert_interrupted(process)
        deadline = time.monotonic() + 30
        while active() and time.monotonic() < deadline:  # the server stops it, not just the client
            time.sleep(0.05)
        assert active() == 0
    finally:
        process.kill()
        process.wait()
