"""Shared fixtures: the sample forum on loopback, a throwaway PostgreSQL, CLI runs."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests import cli_process, xdist_groups
from tests.cli_process import cli_env
from tests.postgres import new_database, throwaway_postgres
from tests.redis_server import throwaway_redis

REPO = Path(__file__).resolve().parents[1]
# Reference pages and expected results (copied from the team's reference material).
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Crawls of our own loopback server need no politeness delay.
FAST = ("-s", "AUTOTHROTTLE_ENABLED=False")
# The working directory of the CLI processes tests start: what they write to relative paths
# (data/warc of a crawl into PostgreSQL, data/run-journal) lands in a folder of this test
# process's own (one per xdist worker), never in the repository.
CLI_WORKDIR = Path(tempfile.mkdtemp(prefix="fh-cli-"))
atexit.register(shutil.rmtree, CLI_WORKDIR, ignore_errors=True)


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("dist", "no") == "loadgroup" and not hasattr(config, "workerinput"):
        xdist_groups.name_groups_file()
    if os.environ.get(xdist_groups.DURATIONS_OUT_ENV) and not hasattr(config, "workerinput"):
        recorder = xdist_groups.DurationRecorder(Path(os.environ[xdist_groups.DURATIONS_OUT_ENV]))
        config.pluginmanager.register(recorder, "fh-durations")


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        xdist_groups.remove_groups_file()


@pytest.hookimpl(trylast=True)  # after pytest's own reordering by fixture, kept inside each group
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if os.environ.get(xdist_groups.GROUPS_FILE_ENV) and os.environ.get("PYTEST_XDIST_WORKER"):
        groups = xdist_groups.groups_of(items)
        xdist_groups.longest_first(items, groups, xdist_groups.recorded_seconds())
        xdist_groups.write_groups(groups)


def pytest_xdist_make_scheduler(config: pytest.Config, log) -> xdist_groups.SharedFixtureScheduling | None:
    """``--dist loadgroup``: tests sharing a module fixture on one worker (tests/xdist_groups.py)."""
    if config.getoption("dist") == "loadgroup":
        return xdist_groups.SharedFixtureScheduling(config, log)
    return None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """$TEST_POSTGRES_URL (under xdist, a database of this worker's own in it), or a cluster of
    our own on 127.0.0.1 for this session."""
    if os.environ.get("TEST_POSTGRES_URL"):
        shared = os.environ["TEST_POSTGRES_URL"]
        yield new_database(shared, "forum_test") if os.environ.get("PYTEST_XDIST_WORKER") else shared
        return
    with throwaway_postgres() as url:
        if url is None:
            pytest.skip("no PostgreSQL server binaries (initdb) on this machine")
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A redis-server of our own on 127.0.0.1 for this session (the broker of distributed mode)."""
    with throwaway_redis() as url:
        if url is None:
            pytest.skip("no redis-server on this machine (.ci/run installs it)")
        yield url


@pytest.fixture(scope="session")
def sample_site():
    """The sample forum, served on a free loopback port for the whole session."""
    from forum_harvest.sample_forum import SampleForum, start_server

    forum = SampleForum.build()
    server = start_server(forum, port=0)
    yield forum, server
    server.stop()


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run ``forum-harvest`` in a process of its own (a Scrapy crawl needs its own reactor),
    forked from the tests' fork server (``tests/cli_process.py``)."""
    return cli_process.run([sys.executable, "-m", "forum_harvest", *args], cwd=CLI_WORKDIR, env=cli_env(env),
                           timeout=timeout)


def crawl_before_and_after(before: Any, after: Any, db_url: str,
                           *later_crawls: tuple[str, ...], start: str = "forum.php",
                           engine: str = "discuz") -> tuple[list[str], list[str]]:
    """Crawl the sample forum ``before`` on loopback (served as ``engine`` prints it, from
    ``start``), let it become ``after``, and crawl it again once per entry of ``later_crawls``
    (that crawl's extra arguments), each asserted to exit 0: the paths the first crawl after
    the change asked for, and each later crawl's stdout."""
    from forum_harvest.sample_forum import start_server

    server = start_server(before, engine=engine)
    crawl = ("crawl", server.url + start, "--db", db_url, *FAST)
    try:
        first = run_cli(*crawl)
        assert first.returncode == 0, first.stderr
        outputs, requests = [], []
        with serving_instead(server, after):
            for extra in later_crawls:
                result = run_cli(*crawl, *extra)
                assert result.returncode == 0, result.stderr
                requests = requests or list(server.requests)
                outputs.append(result.stdout)
    finally:
        server.stop()
    return requests, outputs


@contextmanager
def serving_instead(server: Any, forum: Any) -> Iterator[None]:
    """A running sample-forum ``server`` serves ``forum`` inside the block, its request log
    emptied first, and its own forum again after."""
    served = server.forum
    server.forum = forum
    server.requests.clear()
    try:
        yield
    finally:
        server.forum = served


def crawl_killed_after(server, thread_pages: int, db_url: str, *extra: str,
                       ready: Callable[[], bool] = lambda: True, start: str = "forum.php",
                       thread_marker: str = "mod=viewthread") -> None:
    """Crawl ``server`` from ``start`` in a subprocess and SIGKILL it while the server holds the
    thread page (a path containing ``thread_marker``) after the first ``thread_pages`` (so the
    kill lands mid-crawl, with work in flight), once ``ready()`` is true (polled for up to 60 s)."""
    answered, held, release = [], threading.Event(), threading.Event()

    def hold_after_some_thread_pages(path: str) -> None:
        if thread_marker in path:
            answered.append(path)
            if len(answered) > thread_pages:
                held.set()
                release.wait(60)

    server.before_answer = hold_after_some_thread_pages
    crawl = cli_process.start(
        [sys.executable, "-m", "forum_harvest", "crawl", server.url + start, "--db", db_url, *FAST, *extra],
        cwd=CLI_WORKDIR, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        assert held.wait(120), "the crawl never reached the held page"
        deadline = time.monotonic() + 60
        while not ready() and time.monotonic() < deadline:
            time.sleep(0.05)
        crawl.send_signal(signal.SIGKILL)
        crawl.wait(30)
    finally:
        release.set()
        server.before_answer = None


@dataclass
class Crawled:
    forum: object
    server: object
    db_url: str


@pytest.fixture(scope="session")
def crawled(sample_site, tmp_path_factory) -> Crawled:
    """One real crawl of the sample forum into SQLite, shared by the tests that read it."""
    forum, server = sample_site
    db_file = tmp_path_factory.mktemp("crawl") / "forum.db"
    db_url = f"sqlite:///{db_file}"
    result = run_cli("crawl", server.url + "forum.php", "--db", db_url, *FAST)
    assert result.returncode == 0, result.stderr
    return Crawled(forum, server, db_url)


def copy_sqlite(db_url: str, directory: Path) -> str:
    """Copy a SQLite database (checkpointed, so the copy is whole) and return its URL."""
    source = Path(db_url.removeprefix("sqlite:///"))
    target = directory / source.name
    shutil.copy(source, target)
    return f"sqlite:///{target}"


def dump(db_url: str) -> dict[str, list[dict]]:
    """Every row of every table, in id order, for exact before/after comparisons."""
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        dumped = {
            table: [dict(row._mapping) for row in conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY id"))]
            for table in ("sites", "forums", "threads", "posts", "post_revisions", "crawl_runs")
        }
    engine.dispose()
    return dumped
