"""The scheduler against the sample forum on loopback, with real crawl subprocesses.

Waits are on APScheduler's events or on the scheduler's log lines (threading.Event with
generous timeouts), never on sleeps guessed to be long enough."""

from __future__ import annotations

import os
import sys
import threading
from collections import Counter

import pytest
import sqlalchemy as sa
from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MAX_INSTANCES

from forum_harvest.config import HarvestConfig
from forum_harvest.runs.lock import DatabaseLock
from forum_harvest.schedule.service import SchedulerService
from tests import cli_process
from tests.conftest import REPO, run_cli
from tests.held_server import HeldServer
from tests.logging_process import LoggingProcess

WAIT = 90  # seconds: generous, only reached when something is broken
FAST = {"AUTOTHROTTLE_ENABLED": False}
JOB_TIMEOUT = 20  # seconds: a crawl's start-up on a loaded machine fits in it many times


def thread_url(server) -> str:
    return server.url + "forum.php?mod=viewthread&tid=1"


def crawl_runs(db_url: str) -> list[dict]:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = [dict(row) for row in conn.execute(sa.text("SELECT * FROM crawl_runs ORDER BY id")).mappings()]
    engine.dispose()
    return rows


class ServiceThread:
    """The service running in a thread, with waits on APScheduler's job events."""

    def __init__(self, config: dict, db_url: str) -> None:
        self.service = SchedulerService(HarvestConfig.model_validate(config), db_url)
        self.events: Counter[tuple[int, str]] = Counter()
        self.changed = threading.Condition()
        self.service.scheduler.add_listener(self.count, EVENT_JOB_EXECUTED | EVENT_JOB_MAX_INSTANCES)
        self.thread = threading.Thread(target=self.service.run)

    def count(self, event) -> None:
        with self.changed:
            self.events[event.code, event.job_id] += 1
            self.changed.notify_all()

    def wait_for(self, code: int, job: str, times: int = 1) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: self.events[code, job] >= times, WAIT), self.events

    def __enter__(self) -> ServiceThread:
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.service.stop()
        self.thread.join(WAIT)
        assert not self.thread.is_alive()


def test_interval_jobs_fire_and_land_in_crawl_runs(sample_site, tmp_path):
    _, server = sample_site
    db_url = f"sqlite:///{tmp_path}/forum.db"
    config = {"jobs": {"thread": {"url": thread_url(server), "interval": 1, "settings": FAST}}}
    with ServiceThread(config, db_url) as running:
        running.wait_for(EVENT_JOB_EXECUTED, "thread", times=2)
    runs = crawl_runs(db_url)
    assert len(runs) >= 2
    assert {(run["status"], run["start_url"]) for run in runs} == {("finished", thread_url(server))}


def test_a_slow_crawl_is_not_started_twice_and_its_timeout_is_recorded(sample_site, tmp_path):
    """The server holds the crawl after a few thread pages, so it ends by its timeout however
    fast or loaded the machine is, with pages read (the timeout leaves room for a slow start).
    The timeout counts from the crawl's start, which came before the hold: released
    JOB_TIMEOUT + 2 s after the hold began, the crawl has surely been told to stop, and it
    stops cleanly with what it read."""
    forum, _ = sample_site
    held = HeldServer(forum, answered_first=3)
    db_url = f"sqlite:///{tmp_path}/forum.db"
    slow = {"url": held.url + "forum.php", "interval": 1, "timeout": JOB_TIMEOUT,
            "settings": FAST | {"FORUM_SHUTDOWN_TIMEOUT": WAIT}}
    release = threading.Timer(JOB_TIMEOUT + 2, held.release.set)
    try:
        with ServiceThread({"jobs": {"slow": slow}, "scheduler": {"stop_timeout": WAIT}}, db_url) as running:
            running.wait_for(EVENT_JOB_MAX_INSTANCES, "slow")  # due again while still crawling
            assert held.held.wait(WAIT), "the crawl never reached the held page"
            release.start()
            running.wait_for(EVENT_JOB_EXECUTED, "slow")
    finally:
        release.cancel()
        held.stop()
    runs = crawl_runs(db_url)
    first = runs[0]
    assert first["status"] == "interrupted" and f"timed out after {JOB_TIMEOUT} s" in first["message"], first
    assert 0 < first["pages"] < 59
    for earlier, later in zip(runs, runs[1:]):
        assert earlier["finished_at"] <= later["started_at"], "two runs of one job overlapped"


def test_run_once_runs_what_is_due_then_nothing(sample_site, tmp_path):
    _, server = sample_site
    db_url = f"sqlite:///{tmp_path}/forum.db"
    config = tmp_path / "forum-harvest.toml"
    config.write_text(f'database_url = "{db_url}"\n[jobs.thread]\nurl = "{thread_url(server)}"\n'
                      'interval = "1h"\nsettings = { AUTOTHROTTLE_ENABLED = false }\n')
    first = run_cli("schedule", "run", "--once", "--config", str(config))
    assert first.returncode == 0, first.stderr
    assert "job thread: due since" in first.stderr and "crawl run #1 finished" in first.stdout
    second = run_cli("schedule", "run", "--once", "--config", str(config))
    assert second.returncode == 0, second.stderr
    assert "no job is due; next: thread at" in second.stderr
    assert [run["status"] for run in crawl_runs(db_url)] == ["finished"]
    listed = run_cli("schedule", "list", "--config", str(config))
    assert listed.returncode == 0 and "#1 finished" in listed.stdout, listed.stdout


def test_run_now_refuses_while_the_job_runs(tmp_path):
    db_url = f"sqlite:///{tmp_path}/forum.db"
    config = tmp_path / "forum-harvest.toml"
    config.write_text('[jobs.a]\nurl = "http://127.0.0.1:1/forum.php"\ninterval = "1h"\n')
    engine = sa.create_engine(db_url)
    with DatabaseLock(engine, "job:a", "scheduled run", heartbeat_seconds=30):
        result = run_cli("schedule", "run-now", "a", "--config", str(config), "--db", db_url)
        listed = run_cli("schedule", "list", "--config", str(config), "--db", db_url)
    engine.dispose()
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith(
        "Error: job a is already running (scheduled run, pid"), result.stderr
    assert "Traceback" not in result.stderr
    assert f"pid {os.getpid()}" in listed.stdout


class SchedulerProcess(LoggingProcess):
    """``python scheduler.py`` in a child process."""

    def __init__(self, config_file, *extra: str) -> None:
        super().__init__([sys.executable, "scheduler.py", "--config", str(config_file), *extra])


def test_one_scheduler_per_database_and_sigterm_stops_the_crawl_cleanly(sample_site, tmp_path, postgres_url):
    _, server = sample_site
    config = tmp_path / "forum-harvest.toml"
    config.write_text(f'database_url = "{postgres_url}"\n[scheduler]\nstop_timeout = 20\n'
                      f'[jobs.slow]\nurl = "{server.url}forum.php"\ninterval = "1h"\n'
                      'settings = { AUTOTHROTTLE_ENABLED = false, DOWNLOAD_DELAY = 0.5 }\n')
    first = SchedulerProcess(config)
    try:
        first.wait_for_line("job slow: crawling")
        second = cli_process.run([sys.executable, "scheduler.py", "--config", str(config)], cwd=REPO, timeout=WAIT)
        assert second.returncode == 1
        assert second.stderr.strip().splitlines() == [second.stderr.strip()]
        assert "another scheduler is already running on postgresql" in second.stderr
        assert first.stop() == 0, "".join(first.lines)
    finally:
        if first.process.poll() is None:
            first.process.kill()
    assert "scheduler stopped" in first.lines[-1]
    runs = [run for run in crawl_runs(postgres_url) if run["start_url"] == f"{server.url}forum.php"]
    assert [(run["status"], run["message"]) for run in runs[-1:]] == [
        ("interrupted", "stopped: the scheduler was shutting down")], runs
    engine = sa.create_engine(postgres_url)
    with engine.begin() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM scheduler_locks")).scalar_one() == 0
        next_run = conn.execute(sa.text("SELECT next_run_time FROM apscheduler_jobs")).scalar_one()
        conn.execute(sa.text("DROP TABLE apscheduler_jobs, scheduler_locks"))
    engine.dispose()
    assert next_run is not None  # kept for the next start
