"""Writes decide the verdict (issue 21) and one bad row never costs its batch (issue 24):
real crawls of the sample forum into a SQLite file on a full disk, a PostgreSQL server
stopped under the crawl, and a post no database column can hold. The fault matrix is in
tests/README.md."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from forum_harvest.sample_forum import SampleForum, start_server
from tests.conftest import FAST, run_cli
from tests.exports import export, lines
from tests.postgres import PostgresCluster, own_postgres  # noqa: F401 (a fixture)
from tests.storage_faults import pipelines_with

DISK_SIZE_KB = 3072
# Retries without waiting: a database that is down stays down for the whole test crawl.
QUICK_RETRIES = ("-s", "STORAGE_RETRY_BACKOFF=0.01", "--no-warc")


@pytest.fixture(scope="module")
def forum() -> SampleForum:
    return SampleForum.build()


@pytest.fixture
def server(forum):
    site = start_server(forum, port=0)
    yield site
    site.stop()


@pytest.fixture
def journal(tmp_path) -> dict[str, str]:
    """Where run journals go when beside the database is no place (PostgreSQL, a full disk)."""
    return {"FORUM_HARVEST_RUN_JOURNAL": str(tmp_path / "journal")}


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A 3 MB tmpfs of our own (root only)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE_KB}k", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=True)


def fill(disk: Path, leave_kb: int) -> Path:
    """Fill the disk up to ``leave_kb`` KiB free; the filling file."""
    stat = os.statvfs(disk)
    free_kb = stat.f_bavail * stat.f_frsize // 1024
    filler = disk / "fill"
    with open(filler, "wb") as out:
        out.write(b"\0" * (free_kb - leave_kb) * 1024)
    return filler


def crawl(server, db_url: str, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess:
    return run_cli("crawl", server.url + "forum.php", "--db", db_url, *FAST, *QUICK_RETRIES, *extra, env=env)


def table(db_url: str, name: str) -> list[dict]:
    """Rows of a table, none when the database or the table is not there."""
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table(name):
                return []
            return [dict(row._mapping) for row in conn.execute(sa.text(f"SELECT * FROM {name} ORDER BY id"))]
    finally:
        engine.dispose()


def assert_export_is_the_truth(forum: SampleForum, server, db_url: str, missing: set[int] = frozenset()) -> None:
    """The export is the sample forum's truth, but for the posts with these ids."""
    truth = {(t["thread_id"], t["floor"]): t for t in forum.truth_records(base_url=server.url)
             if t["post_id"] not in missing}
    got = {(r["thread_id"], r["floor"]): r for r in export(db_url)}
    assert sorted(got) == sorted(truth)
    for key, expected in truth.items():
        assert (got[key]["author"], lines(got[key]["body"])) == (expected["author"], lines(expected["body"])), key


def assert_failed_with_true_counts(runs: list[dict], posts: list[dict], cause: str) -> None:
    """The crawl's run failed naming the cause, and counts the posts it stored (all new)."""
    (run,) = runs
    assert run["status"] == "failed" and run["message"].startswith(cause), run
    assert run["posts_new"] == len(posts) and run["posts_changed"] == 0
    assert run["finished_at"] is not None


# leave: KiB left free. 370: batches are stored until the disk is full, the run row is
# closed by the crawl; 100: not even the tables fit, the run's end waits in the journal.
@pytest.mark.parametrize("leave", [370, 100], ids=["mid_crawl", "no_room_for_the_run"])
def test_a_full_disk_fails_the_crawl_with_the_true_counts_and_the_next_crawl_stores_everything(
        forum, server, small_disk, journal, leave):
    db_file = small_disk / "x.db"
    db_url = f"sqlite:///{db_file}"
    filler = fill(small_disk, leave)
    full = crawl(server, db_url, journal, "-s", "STORAGE_BATCH_SIZE=20")
    assert full.returncode == 1, full.stdout + full.stderr
    assert "finished" not in full.stdout + full.stderr
    (line,) = full.stderr.strip().splitlines()
    assert line.startswith(f"Error: database or disk is full: {db_file}"), line
    stored = table(db_url, "posts")
    assert len(stored) < len(forum.truth_records())

    filler.unlink()  # room again: the next command records the run's end if the crawl could not
    again = crawl(server, db_url, journal)
    assert again.returncode == 0, again.stderr
    runs = table(db_url, "crawl_runs")
    assert_failed_with_true_counts(runs[:1], stored, f"database or disk is full: {db_file}")
    assert [run["status"] for run in runs] == ["failed", "finished"]
    assert runs[1]["posts_new"] == len(forum.truth_records()) - len(stored)
    if "waits in" in line:
        assert "recorded crawl run 1 of" in again.stderr, again.stderr
    assert_export_is_the_truth(forum, server, db_url)


def stop_after_thread_pages(server, cluster: PostgresCluster, pages: int) -> None:
    """The sample forum stops the database before it answers thread page ``pages`` + 1, once
    a batch of posts is in it: that page's answer waits for the crawl's first commit (the
    pages already answered hold more than a batch), so the crawl always dies mid-way with
    posts stored, however far its writes lag behind its reads."""
    answered = []

    def stop_the_database(path: str) -> None:
        if "mod=viewthread" in path:
            answered.append(path)
            if len(answered) == pages + 1:
                wait_for_stored_posts(cluster.url)
                cluster.stop()

    server.before_answer = stop_the_database


def wait_for_stored_posts(db_url: str, timeout: float = 60) -> None:
    engine = sa.create_engine(db_url)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                if sa.inspect(conn).has_table("posts") and conn.execute(sa.text("SELECT count(*) FROM posts")).scalar():
                    return
            time.sleep(0.05)
    finally:
        engine.dispose()
    raise AssertionError(f"no post stored within {timeout} s of the crawl's start")


@pytest.mark.parametrize("when", ["mid_crawl", "at_the_end"])
def test_a_postgres_server_going_down_fails_the_crawl_and_the_next_command_records_it(
        forum, server, own_postgres, journal, when):
    db_url = own_postgres.url
    if when == "mid_crawl":
        stop_after_thread_pages(server, own_postgres, 15)
        extra = ("-s", "STORAGE_BATCH_SIZE=10")
    else:  # after the last page was read, before the last batch is written
        extra = (*pipelines_with("StopDatabaseAtEnd", 900),
                 "-s", f"TEST_STOP_DATABASE={shlex.join(own_postgres.stop_command())}")
    down = crawl(server, db_url, journal, *extra)
    server.before_answer = None
    assert down.returncode == 1, down.stdout + down.stderr
    assert "finished" not in down.stdout + down.stderr
    (line,) = down.stderr.strip().splitlines()
    assert line.startswith("Error: database unreachable: ") and "waits in" in line, line

    own_postgres.start()
    history = run_cli("runs", "--db", db_url, "--format", "jsonl", env=journal)
    assert history.returncode == 0, history.stderr
    (recorded,) = history.stderr.strip().splitlines()
    assert recorded.startswith("recorded crawl run 1 of ") and "failed: database unreachable" in recorded
    assert not list(Path(journal["FORUM_HARVEST_RUN_JOURNAL"]).glob("*.json"))
    stored = table(db_url, "posts")
    assert_failed_with_true_counts(table(db_url, "crawl_runs"), stored, "database unreachable: ")
    assert (len(stored) > 0) == (when == "mid_crawl")

    again = crawl(server, db_url, journal)
    assert again.returncode == 0, again.stderr
    assert [run["status"] for run in table(db_url, "crawl_runs")] == ["failed", "finished"]
    assert_export_is_the_truth(forum, server, db_url)


# database, field, value, what the gap's reason names (one of)
BAD_VALUES = {
    # issue 24: a floor of None made sorting the batch's keys raise TypeError; the upserts
    # now refuse such a post while preparing (ValueError), the table would (NOT NULL)
    "floor_none": ("sqlite", "floor", "null", ("ValueError: ", "IntegrityError: NOT NULL constraint failed")),
    "impossible_precision": ("sqlite", "posted_at_precision", '"fortnight"',
                             ("IntegrityError: CHECK constraint failed",)),
    "author_too_long_postgres": ("postgresql", "author", json.dumps("名" * 300),
                                 ("DataError: value too long for type character varying(255)",)),
}


@pytest.mark.parametrize("bad", sorted(BAD_VALUES))
def test_a_post_that_cannot_be_stored_is_a_gap_and_the_rest_of_its_batch_is_stored(
        forum, server, tmp_path, journal, request, bad):
    backend, field, value, causes = BAD_VALUES[bad]
    db_url = request.getfixturevalue("own_postgres").url if backend == "postgresql" else \
        f"sqlite:///{tmp_path / 'forum.db'}"
    thread = next(t for t in forum.threads if t.readable and t.page_count >= 2)
    post_id = [t["post_id"] for t in forum.truth_records() if t["thread_id"] == thread.thread_id][10]
    spoilt = crawl(server, db_url, journal, *pipelines_with("SpoilPost", 700), "-s", f"TEST_SPOIL_POST={post_id}",
                   "-s", f"TEST_SPOIL_FIELD={field}", "-s", f"TEST_SPOIL_VALUE={value}")
    assert spoilt.returncode == 3, spoilt.stdout + spoilt.stderr
    assert "(incomplete)" in spoilt.stdout and "1 post failed" in spoilt.stderr
    (gap,) = table(db_url, "crawl_gaps")
    assert gap["kind"] == "post" and gap["url"].endswith(f"tid={thread.thread_id}#pid{post_id}")
    assert " cannot be stored: " in gap["reason"] and any(cause in gap["reason"] for cause in causes), gap
    (run,) = table(db_url, "crawl_runs")
    assert run["status"] == "incomplete" and run["posts_new"] == len(forum.truth_records()) - 1
    assert_export_is_the_truth(forum, server, db_url, missing={post_id})

    again = crawl(server, db_url, journal)
    assert again.returncode == 0, again.stderr
    assert table(db_url, "crawl_gaps") == []
    assert_export_is_the_truth(forum, server, db_url)
