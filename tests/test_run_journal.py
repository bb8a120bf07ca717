"""db.run_journal: a run's end its database refused is kept in a file and recorded by the
next command that opens the database, once, over what db.abandoned_runs guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

import db
from db.run_journal import JOURNAL_DIR_ENV, RunEnd, database_identity, pending_run_ends, write_run_end

SITE = "https://bbs.example.org/"
COUNTS = {"pages": 12, "posts_new": 40, "posts_changed": 2, "errors": 0, "posts_stored": 42}


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(JOURNAL_DIR_ENV, str(tmp_path / "elsewhere"))
    database = f"sqlite:///{tmp_path}/forum.db"
    engine = db.make_engine(database)
    db.create_schema(engine)
    with engine.begin() as conn:
        db.upsert_site(conn, SITE, "Example", "Asia/Shanghai")
    engine.dispose()
    return database


def run_end(url: str, run_id: int | None, **changes: object) -> RunEnd:
    return RunEnd(**{
        "database": database_identity(url), "run_id": run_id, "start_url": SITE + "forum.php", "site": SITE,
        "host": "here", "pid": 100, "started_at": "2026-12-06T10:00:00+00:00",
        "finished_at": "2026-12-06T10:05:00+00:00", "status": "failed",
        "message": "database or disk is full: /data/forum.db", "counts": COUNTS} | changes)


def start_run(url: str) -> int:
    engine = db.make_engine(url)
    with engine.begin() as conn:
        site_id = conn.execute(select(db.Site.id)).scalar_one()
        run_id = db.record_crawl_start(conn, SITE + "forum.php", site_id, host="here", pid=100)
    engine.dispose()
    return run_id


def runs_after_opening(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[list[db.CrawlRun], str]:
    """The run rows after a command opened the database, and what it said."""
    engine = db.open_existing(url)
    with engine.connect() as conn:
        runs = list(conn.execute(select(db.CrawlRun).order_by(db.CrawlRun.id)).all())
    engine.dispose()
    return runs, capsys.readouterr().err


def test_the_journal_closes_a_run_abandoned_runs_called_interrupted(url, capsys):
    run_id = start_run(url)
    engine = db.make_engine(url)
    with engine.begin() as conn:  # the next crawl of the site on this host, before the journal
        assert db.close_abandoned_runs(conn, conn.execute(select(db.Site.id)).scalar_one(), "here",
                                       is_alive=lambda pid: False) == 1
    engine.dispose()
    path = write_run_end(url, run_end(url, run_id))
    assert path is not None and path.parent == Path(url.removeprefix("sqlite:///")).parent / "run-journal"

    (run,), said = runs_after_opening(url, capsys)
    assert (run.status, run.message, run.posts_new, run.posts_changed, run.pages) == (
        "failed", "database or disk is full: /data/forum.db", 40, 2, 12)
    assert run.stats["posts_stored"] == 42 and run.finished_at.isoformat() == "2026-12-06T10:05:00+00:00"
    assert said.strip() == (f"recorded crawl run {run_id} of {SITE}forum.php from {path}: failed: "
                            "database or disk is full: /data/forum.db (40 new posts, 2 changed)")
    assert not path.exists()
    assert runs_after_opening(url, capsys)[1] == ""  # once only


def test_a_run_without_a_row_is_added_with_its_site(url, capsys):
    write_run_end(url, run_end(url, None))
    (run,), said = runs_after_opening(url, capsys)
    assert (run.status, run.host, run.pid, run.posts_new) == ("failed", "here", 100, 40)
    assert run.site_id is not None and run.started_at.isoformat() == "2026-12-06T10:00:00+00:00"
    assert said.startswith(f"recorded crawl run {run.id} of ")


def test_a_run_closed_since_is_left_as_it_is(url, capsys):
    run_id = start_run(url)
    engine = db.make_engine(url)
    with engine.begin() as conn:
        db.record_crawl_end(conn, run_id, "finished", {"posts_new": 7})
    engine.dispose()
    path = write_run_end(url, run_end(url, run_id))
    (run,), said = runs_after_opening(url, capsys)
    assert (run.status, run.posts_new, said) == ("finished", 7, "")
    assert not path.exists()


def test_another_databases_journal_is_left_alone(url, tmp_path, capsys):
    other = f"sqlite:///{tmp_path}/other.db"
    path = write_run_end(url, run_end(other, None))
    assert runs_after_opening(url, capsys) == ([], "")
    assert path.exists() and pending_run_ends(other)[0][0] == path


def test_the_journal_goes_elsewhere_when_beside_the_database_is_no_place(url, tmp_path):
    (tmp_path / "run-journal").write_text("a file where the folder would be")
    path = write_run_end(url, run_end(url, None))
    assert path is not None and path.parent == tmp_path / "elsewhere"
    assert [found for found, _ in pending_run_ends(url)] == [path]


def test_a_scheduled_job_records_the_journal_before_settling_its_run(url):
    """The scheduler (and a worker) settle the run of a crawl that exited: a journaled end
    gives the true counts, not the 'ended without closing its run' guess."""
    from forum_harvest.runs.crawl_process import CrawlExit
    from forum_harvest.runs.run_record import settle_run

    run_id = start_run(url)
    write_run_end(url, run_end(url, run_id))
    engine = db.make_engine(url)
    crawl = CrawlExit(returncode=1, stdout="", stderr="Error: database or disk is full: /data/forum.db\n",
                      seconds=3.0, timed_out=False, stopped=False)
    settle_run(engine, SITE + "forum.php", 0, crawl, timeout=60)
    with engine.connect() as conn:
        run = conn.execute(select(db.CrawlRun)).one()
    engine.dispose()
    assert (run.status, run.posts_new, run.message) == ("failed", 40, "database or disk is full: /data/forum.db")
