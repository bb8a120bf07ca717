"""Two crawls of one site at once into one database: each run's counts are its own writes,
never negative, and together they add up to the forum."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

import db
from db.models import Base
from tests import cli_process
from tests.conftest import CLI_WORKDIR, FAST, cli_env, dump
from tests.test_crawl_e2e import export

# One post per transaction: the two crawls' writes interleave as much as they can.
INTERLEAVED = ("-s", "STORAGE_BATCH_SIZE=1", "--full")
SUMMARY = re.compile(r"(-?\d+) new posts, (-?\d+) changed")


def crawl_twice_at_once(url: str, db_url: str) -> list[tuple[int, int]]:
    """Both crawls' (new, changed) as printed."""
    command = [sys.executable, "-m", "forum_harvest", "crawl", url, "--db", db_url, *FAST, *INTERLEAVED]
    processes = [cli_process.start(command, cwd=CLI_WORKDIR, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(2)]
    printed = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        new, changed = SUMMARY.search(stdout).groups()
        printed.append((int(new), int(changed)))
    return printed


def assert_exact_counts(printed: list[tuple[int, int]], runs: list[dict], posts: int) -> None:
    assert all(new >= 0 and changed >= 0 for new, changed in printed), printed
    assert sum(new for new, _ in printed) == posts, printed  # each post was new to exactly one run
    assert all(changed == 0 for _, changed in printed), printed  # same forum: nothing to change
    assert sorted((r["posts_new"], r["posts_changed"]) for r in runs) == sorted(printed)


def test_two_crawls_at_once_into_one_sqlite_file(sample_site, tmp_path):
    forum, server = sample_site
    db_url = f"sqlite:///{tmp_path / 'shared.db'}"
    printed = crawl_twice_at_once(server.url + "forum.php", db_url)
    posts = len(forum.truth_records())
    assert_exact_counts(printed, dump(db_url)["crawl_runs"], posts)
    assert len(export(db_url)) == posts


def test_two_crawls_at_once_into_one_postgres_database(sample_site, postgres_url):
    forum, server = sample_site
    engine = db.make_engine(postgres_url)
    Base.metadata.drop_all(engine)
    try:
        printed = crawl_twice_at_once(server.url + "forum.php", postgres_url)
        posts = len(forum.truth_records())
        assert_exact_counts(printed, dump(postgres_url)["crawl_runs"], posts)
        assert len(export(postgres_url)) == posts
    finally:
        Base.metadata.drop_all(engine)
        engine.dispose()


def post(body: str) -> dict:
    return {"thread_id": 1, "floor": 1, "author": "甲", "body": body, "posted_at": None,
            "fetched_at": datetime.now(UTC)}


@pytest.fixture(params=["sqlite", "postgresql"])
def two_engines(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'race.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    first, second = db.make_engine(url), db.make_engine(url)
    Base.metadata.drop_all(first)
    db.create_schema(first)
    with first.begin() as conn:
        site_id = db.upsert_site(conn, "http://race.test/", None, "UTC")
    yield first, second, site_id
    Base.metadata.drop_all(first)
    first.dispose()
    second.dispose()


def test_a_write_between_reading_the_stored_posts_and_the_upsert_is_not_miscounted(two_engines):
    """The other crawl stores the same post right when this one is about to write it:
    it waits for this write to commit (or, before the fix, got in and made this one count
    1 new and -1 changed)."""
    first, second, site_id = two_engines
    other: list[tuple[int, int]] = []

    def other_crawl_writes() -> None:
        with second.begin() as conn:
            other.append(db.upsert_posts(conn, site_id, [post("正文")]))

    def before_the_upsert(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO POSTS") and not other:
            writer = threading.Thread(target=other_crawl_writes)
            writer.start()
            writer.join(timeout=2)  # blocked by this transaction's lock: go on without it
            racing.append(writer)

    racing: list[threading.Thread] = []
    sa.event.listen(first, "before_cursor_execute", before_the_upsert)
    with first.begin() as conn:
        ours = db.upsert_posts(conn, site_id, [post("正文")])
    racing[0].join(timeout=30)
    assert (ours, other) == ((1, 0), [(0, 0)])

