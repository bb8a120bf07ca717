"""Distributed mode end to end: a real redis-server, a real PostgreSQL, real worker processes
(``forum-harvest worker``) and real crawls of sample forums on loopback.

Every wait polls the database or the processes' log lines with a deadline."""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

import db
from db.abandoned_runs import process_is_alive
from forum_harvest.distributed.shared_database import open_shared_database
from forum_harvest.sample_forum import start_server
from tests.conftest import run_cli
from tests.postgres import new_database
from tests.exports import export, lines
from tests.held_server import HeldServer
from tests.logging_process import WAIT, LoggingProcess

# Redis hands a dead worker's job to another after this long; it must exceed the job's
# timeout plus its stop timeout (the config below).
REDELIVERY_TIMEOUT = 20  # the killed-worker test waits this long for the job to come back
JOB_TIMEOUT = 15  # a sample-forum crawl takes 2-5 s, even with the suite's other workers busy
STOP_TIMEOUT = 3
FAST = ("-s", "AUTOTHROTTLE_ENABLED=False")


def wait_until(condition: Callable[[], object], what: str, timeout: float = WAIT,
               explain: Callable[[], str] = str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what}\n{explain()}")


def rows(db_url: str, table: str) -> list[dict]:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        found = [dict(row) for row in conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY 1")).mappings()]
    engine.dispose()
    return found


def all_done(db_url: str, entries: int) -> bool:
    queue = rows(db_url, "crawl_queue")
    return len(queue) == entries and all(entry["status"] == "done" for entry in queue)


@pytest.fixture(scope="module")
def config_file(tmp_path_factory, redis_url) -> str:
    path = tmp_path_factory.mktemp("distributed") / "forum-harvest.toml"
    path.write_text(f'[scheduler]\nbroker_url = "{redis_url}"\nredelivery_timeout = {REDELIVERY_TIMEOUT}\n'
                    f'stop_timeout = {STOP_TIMEOUT}\nlock_heartbeat = 1\n')
    return str(path)


class Workers:
    """``forum-harvest worker`` processes by name; started at once, each waited for."""

    def __init__(self, config_file: str) -> None:
        self.config_file = config_file
        self.running: dict[str, LoggingProcess] = {}

    def start(self, *names: str) -> None:
        for name in names:
            self.running[name] = LoggingProcess(
                [sys.executable, "-m", "forum_harvest", "worker", "--name", name, "--config", self.config_file])
        for name in names:
            self.running[name].wait_for_line(f"{name} ready.")

    def log(self) -> str:
        """What the workers logged, for a failing test's message."""
        return "\n".join(f"{name}: {line.rstrip()}" for name, worker in self.running.items()
                         for line in worker.lines if " INFO " in line or "ERROR" in line or "Error" in line)

    def kill(self, name: str) -> None:
        worker = self.running.pop(name)
        worker.process.send_signal(signal.SIGKILL)
        worker.process.wait(WAIT)

    def stop(self, name: str) -> int:
        return self.running.pop(name).stop()

    def stop_all(self) -> None:
        for worker in self.running.values():
            worker.process.send_signal(signal.SIGTERM)
        for worker in self.running.values():
            worker.process.wait(WAIT)
        self.running.clear()


@pytest.fixture(scope="module")
def workers(config_file) -> Iterator[Workers]:
    pool = Workers(config_file)
    pool.start("one@test", "two@test")
    yield pool
    pool.stop_all()


@pytest.fixture(scope="module")
def three_sites(sample_site) -> Iterator[list]:
    forum, _ = sample_site
    servers = [start_server(forum, port=0) for _ in range(3)]
    yield servers
    for server in servers:
        server.stop()


def queue(url: str, db_url: str, config_file: str, *extra: str):
    result = run_cli("crawl", url, "--db", db_url, "--queue", "--timeout", str(JOB_TIMEOUT),
                     "--config", config_file, *FAST, *extra)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def by_site(records: list[dict]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for record in records:
        found.setdefault(record["site"], {})[record["thread_id"], record["floor"]] = (
            record["author"], record["thread_title"], lines(record["body"]))
    return found


def truth_of(forum) -> dict:
    return {(t["thread_id"], t["floor"]): (t["author"], t["thread_title"], lines(t["body"]))
            for t in forum.truth_records()}


def test_two_workers_crawl_three_sites_to_the_ground_truth_one_crawl_per_site_at_a_time(
        sample_site, three_sites, workers, config_file, postgres_url):
    forum, _ = sample_site
    db_url = new_database(postgres_url)
    # The first site holds its crawl after some thread pages until one of its two jobs has
    # waited for the other: on a loaded machine the whole-site crawl could otherwise end
    # before its second job (queued by another CLI process) reached a worker.
    first = HeldServer(forum)
    others = three_sites[1:]
    # Two jobs for the first site (the whole site and one forum): both workers are free, so
    # only the site lock keeps them from crawling it at once.
    urls = [first.url + "forum.php", first.url + "forum.php?mod=forumdisplay&fid=2",
            *(server.url + "forum.php" for server in others)]
    try:
        for url in urls:
            assert queue(url, db_url, config_file).startswith(f"{url}: queued as #")
        wait_until(lambda: waited_for_the_site(workers), "a job of the first site to wait for the other",
                   explain=workers.log)
        first.release.set()
        wait_until(lambda: all_done(db_url, len(urls)), "every queued crawl to be done", explain=workers.log)
    finally:
        first.stop()

    truth = truth_of(forum)
    assert by_site(export(db_url)) == {server.url: truth for server in (first, *others)}
    runs = rows(db_url, "crawl_runs")
    assert sorted(run["start_url"] for run in runs) == sorted(urls)
    assert {run["status"] for run in runs} == {"finished"}
    entries = rows(db_url, "crawl_queue")
    assert {entry["worker"] for entry in entries} == {"one@test", "two@test"}
    assert all(entry["crawl_run_id"] and entry["attempts"] == 1 for entry in entries)
    # One job of the first site waited for the other one, and said so.
    assert waited_for_the_site(workers)
    assert_no_site_crawled_twice_at_once(runs)
    assert rows(db_url, "scheduler_locks") == []


def waited_for_the_site(workers: Workers) -> bool:
    return any("is being crawled" in line for worker in workers.running.values() for line in worker.lines)


def assert_no_site_crawled_twice_at_once(runs: list[dict]) -> None:
    intervals: dict[str, list[tuple[datetime, datetime]]] = {}
    for run in runs:
        intervals.setdefault(urlsplit(run["start_url"]).netloc, []).append((run["started_at"], run["finished_at"]))
    for site, spans in intervals.items():
        spans.sort()
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert end <= start, f"{site} was crawled twice at once: {spans}"


def test_the_scheduler_queues_its_jobs_for_the_workers(sample_site, three_sites, workers, config_file,
                                                      postgres_url, tmp_path):
    db_url = new_database(postgres_url)
    thread_url = three_sites[1].url + "forum.php?mod=viewthread&tid=1"
    config = tmp_path / "forum-harvest.toml"
    config.write_text(
        f'database_url = "{db_url}"\n' + open(config_file).read()
        + f'[jobs.often]\nurl = "{thread_url}"\ninterval = "1h"\ntimeout = {JOB_TIMEOUT}\n'
        + 'settings = { AUTOTHROTTLE_ENABLED = false, DOWNLOAD_DELAY = 0 }\n')
    scheduler = LoggingProcess([sys.executable, "scheduler.py", "--config", str(config)])
    try:
        scheduler.wait_for_line(f"job often (scheduled): {thread_url}: queued as #1")
        wait_until(lambda: all_done(db_url, 1), "the scheduled crawl to be done", explain=workers.log)
        now = run_cli("schedule", "run-now", "often", "--config", str(config))
        assert now.returncode == 0, now.stderr
        assert now.stdout.strip() == f"{thread_url}: queued as #2"
        wait_until(lambda: all_done(db_url, 2), "the run-now crawl to be done")
        listed = run_cli("schedule", "list", "--config", str(config))
        assert listed.returncode == 0, listed.stderr
        assert scheduler.stop() == 0
    finally:
        if scheduler.process.poll() is None:
            scheduler.process.kill()
    runs = rows(db_url, "crawl_runs")
    assert [(run["start_url"], run["status"]) for run in runs] == [(thread_url, "finished")] * 2
    assert [entry["job"] for entry in rows(db_url, "crawl_queue")] == ["often", "often"]
    assert "finished" in listed.stdout
    shown = run_cli("queue", "--db", db_url)
    assert shown.returncode == 0 and "often" in shown.stdout and "done" in shown.stdout, shown.stderr


def test_a_url_already_waiting_is_not_queued_twice(redis_url, postgres_url):
    from forum_harvest.distributed.broker import BrokerSettings
    from forum_harvest.distributed.enqueue import enqueue_crawl
    from forum_harvest.distributed.order import CrawlOrder
    from forum_harvest.distributed.app import broker_app

    db_url = new_database(postgres_url)
    broker = BrokerSettings(redis_url, REDELIVERY_TIMEOUT)
    order = CrawlOrder(url="http://127.0.0.1:9/forum.php", database_url=db_url, timeout=JOB_TIMEOUT,
                       stop_timeout=STOP_TIMEOUT, lock_heartbeat=1)
    # A queue no worker reads: the first entry keeps waiting.
    first, second = (enqueue_crawl(broker_app(broker), broker, order, queue="nobody") for _ in range(2))
    assert (first.coalesced, second.coalesced, second.entry_id) == (False, True, first.entry_id)
    assert second.describe() == f"{order.url}: already waiting in the queue as #{first.entry_id}; not queued twice"


def test_distributed_mode_refuses_sqlite_in_one_line(config_file, tmp_path):
    result = run_cli("crawl", "http://127.0.0.1:9/forum.php", "--db", f"sqlite:///{tmp_path}/f.db",
                     "--queue", "--config", config_file)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: distributed mode needs PostgreSQL, not sqlite:///{tmp_path}/f.db: workers on other "
        "machines cannot share a SQLite file (use postgresql+psycopg://...)"]
    config = tmp_path / "forum-harvest.toml"
    config.write_text(open(config_file).read() + '[jobs.a]\nurl = "http://127.0.0.1:9/forum.php"\ninterval = 60\n')
    scheduler = run_cli("schedule", "run", "--config", str(config), "--db", f"sqlite:///{tmp_path}/f.db")
    assert scheduler.returncode == 1
    assert scheduler.stderr.strip().splitlines()[-1].startswith("Error: jobs.a: distributed mode needs PostgreSQL")
    assert "Traceback" not in scheduler.stderr


@pytest.mark.parametrize("config_text, env, command, message", [
    ('[scheduler]\nbroker_url = "http://127.0.0.1:6379"\n', {}, ("worker",),
     "Error: {config}: scheduler.broker_url: 'http://127.0.0.1:6379' is not a broker URL: "
     "use redis://host:6379/0 or amqp://user:password@host//"),
    ("", {}, ("worker",),
     "Error: no broker: set [scheduler] broker_url in the config or $FORUM_HARVEST_BROKER_URL "
     "(e.g. redis://127.0.0.1:6379/0)"),
    ("", {"FORUM_HARVEST_BROKER_URL": "redis://127.0.0.1:9/0", "FORUM_HARVEST_REDELIVERY_TIMEOUT": "soon"},
     ("worker",), "Error: $FORUM_HARVEST_REDELIVERY_TIMEOUT: 'soon' is not a duration: use e.g. "
     '"90s", "30m", "2h", "1h30m"'),
    ('database_url = "{db}"\n[scheduler]\nbroker_url = "redis://127.0.0.1:9/0"\nredelivery_timeout = "1h"\n'
     '[jobs.a]\nurl = "http://127.0.0.1:9/forum.php"\ninterval = 60\ntimeout = "2h"\n', {}, ("schedule", "run"),
     "Error: jobs.a: redelivery_timeout 3600 s must exceed the job's timeout plus stop_timeout (7260 s): "
     "Redis would give a running crawl to a second worker; raise [scheduler] redelivery_timeout or lower the timeout"),
])
def test_distributed_settings_errors_are_one_line(config_text, env, command, message, tmp_path, postgres_url):
    config = tmp_path / "forum-harvest.toml"
    config.write_text(config_text.format(db=postgres_url))
    result = run_cli(*command, "--config", str(config), env=env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [message.format(config=config)]


def test_workers_starting_at_once_prepare_a_new_database_once(postgres_url):
    db_url = new_database(postgres_url)
    start = threading.Barrier(4)

    def first_job() -> str | None:
        start.wait()
        engine = open_shared_database(db_url)
        with engine.connect() as conn:
            revision = db.schema_revision(conn)
        engine.dispose()
        return revision

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda _: first_job(), range(4))) == [db.HEAD_REVISION] * 4


# After the other tests that need two workers: it leaves one worker running.
def test_a_worker_killed_mid_crawl_loses_nothing(sample_site, workers, config_file, postgres_url):
    forum, _ = sample_site
    held_server = HeldServer(forum)
    server, held, release = held_server.server, held_server.held, held_server.release
    db_url = new_database(postgres_url)
    reference_url = new_database(postgres_url)
    try:
        queue(server.url + "forum.php", db_url, config_file, "-s", "STORAGE_BATCH_SIZE=10")
        assert held.wait(WAIT), "the crawl never reached the held page"
        entry = rows(db_url, "crawl_queue")[0]
        victim = entry["worker"]
        crawl_pid = wait_until(lambda: [run["pid"] for run in rows(db_url, "crawl_runs")], "the crawl's run")[0]
        workers.kill(victim)
        wait_until(lambda: not process_is_alive(crawl_pid), "the dead worker's crawl to die with it")
        release.set()
        # While Redis keeps the job for its visibility timeout: an uninterrupted crawl.
        reference = run_cli("crawl", server.url + "forum.php", "--db", reference_url, *FAST)
        assert reference.returncode == 0, reference.stderr
        wait_until(lambda: all_done(db_url, 1), "the job to be delivered again and finished",
                   timeout=REDELIVERY_TIMEOUT + WAIT, explain=workers.log)
    finally:
        held_server.stop()

    entry = rows(db_url, "crawl_queue")[0]
    assert entry["attempts"] == 2 and entry["worker"] != victim
    runs = rows(db_url, "crawl_runs")
    assert [(run["status"], run["message"]) for run in runs] == [
        ("interrupted", f"worker {victim} was lost mid-crawl; the job went to {entry['worker']}"),
        ("finished", None)]
    assert entry["crawl_run_id"] == runs[-1]["id"]
    assert_no_site_crawled_twice_at_once(runs)
    records = export(db_url)
    assert without_fetch_time(records) == without_fetch_time(export(reference_url))
    assert by_site(records) == {server.url: truth_of(forum)}


def without_fetch_time(records: list[dict]) -> list[dict]:
    return [{key: value for key, value in record.items() if key != "fetched_at"} for record in records]


# Last in the module: it needs the one worker the test above left.
def test_a_worker_stopped_with_sigterm_gives_its_job_back(sample_site, workers, config_file, postgres_url):
    forum, _ = sample_site
    held_server = HeldServer(forum)
    db_url = new_database(postgres_url)
    (stopping,) = workers.running
    try:
        queue(held_server.url + "forum.php", db_url, config_file)
        assert held_server.held.wait(WAIT), "the crawl never reached the held page"
        workers.running[stopping].process.send_signal(signal.SIGTERM)
        held_server.release.set()  # the stopping crawl finishes its requests in flight
        assert workers.stop(stopping) == 0
        workers.start("three@test")
        wait_until(lambda: all_done(db_url, 1), "the job to be given back and finished", explain=workers.log)
    finally:
        held_server.stop()
    entry = rows(db_url, "crawl_queue")[0]
    assert (entry["attempts"], entry["worker"]) == (2, "three@test")
    assert [(run["status"], run["message"]) for run in rows(db_url, "crawl_runs")] == [
        ("interrupted", f"stopped: worker {stopping} was shutting down; the job went back to the queue"),
        ("finished", None)]
    assert by_site(export(db_url)) == {held_server.url: truth_of(forum)}
