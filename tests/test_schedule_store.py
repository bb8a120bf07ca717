"""The persistent job store and the single-instance locks, on SQLite and real PostgreSQL."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

import db
from forum_harvest.config import HarvestConfig
from forum_harvest.runs.lock import DatabaseLock, LockHeld, locks_table
from forum_harvest.schedule.store import paused_scheduler, reconcile, wanted_jobs


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh database of each kind (PostgreSQL: the session's server, tables dropped after)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/state.db"
        return
    url = request.getfixturevalue("postgres_url")
    yield url
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE IF EXISTS apscheduler_jobs, scheduler_locks"))
    engine.dispose()


@pytest.fixture
def engine(database_url):
    engine = db.make_engine(database_url)
    yield engine
    engine.dispose()


def config(**jobs: dict) -> HarvestConfig:
    return HarvestConfig.model_validate({"jobs": jobs})


HOURLY = {"url": "http://127.0.0.1:1/forum.php", "interval": "1h"}
NIGHTLY = {"url": "http://127.0.0.1:1/forum.php", "cron": "0 3 * * *"}


def stored(engine, settings) -> dict[str, datetime]:
    with paused_scheduler(engine, settings) as scheduler:
        return {job.id: job.next_run_time for job in scheduler.get_jobs()}


def sync(engine, database_url, wanted: HarvestConfig):
    with paused_scheduler(engine, wanted.scheduler) as scheduler:
        return reconcile(scheduler, wanted_jobs(wanted, database_url), wanted.scheduler)


def test_restart_keeps_next_run_times_and_reconciles_changes(engine, database_url):
    first = config(hourly=HOURLY, nightly=NIGHTLY)
    assert sorted(sync(engine, database_url, first).added) == ["hourly", "nightly"]
    before = stored(engine, first.scheduler)
    # A new interval job runs at once; a cron job waits for its time.
    assert before["hourly"] <= datetime.now(UTC) < before["nightly"]

    again = sync(engine, database_url, first)  # a restart with the same config
    assert (again.added, again.changed, sorted(again.kept)) == ([], [], ["hourly", "nightly"])
    assert stored(engine, first.scheduler) == before

    changed = config(hourly={**HOURLY, "interval": "2h"})  # nightly removed, hourly changed
    outcome = sync(engine, database_url, changed)
    assert (outcome.changed, outcome.removed) == (["hourly"], ["nightly"])
    after = stored(engine, changed.scheduler)
    assert list(after) == ["hourly"]
    assert after["hourly"] > datetime.now(UTC) + timedelta(minutes=119)


def test_disabled_job_is_unscheduled(engine, database_url):
    sync(engine, database_url, config(hourly=HOURLY))
    assert sync(engine, database_url, config(hourly={**HOURLY, "enabled": False})).removed == ["hourly"]
    assert stored(engine, config().scheduler) == {}


def test_a_held_lock_refuses_a_second_holder(engine):
    with DatabaseLock(engine, "scheduler", "scheduler", heartbeat_seconds=30):
        with pytest.raises(LockHeld) as refused:
            DatabaseLock(engine, "scheduler", "run --once", heartbeat_seconds=30).__enter__()
        assert refused.value.holder.pid == os.getpid()
        assert refused.value.holder.purpose == "scheduler"
    with DatabaseLock(engine, "scheduler", "run --once", heartbeat_seconds=30):
        pass  # released, so free again


def set_holder(engine, **values) -> None:
    with engine.begin() as conn:
        conn.execute(sa.update(locks_table).where(locks_table.c.name == "job:a").values(**values))


def test_abandoned_locks_are_taken_over(engine):
    crashed = DatabaseLock(engine, "job:a", "scheduled run", heartbeat_seconds=30).__enter__()
    crashed._released.set()  # its heartbeat stops, as if the process had died
    set_holder(engine, pid=2**22 + 1)  # a pid that does not exist on this host
    with DatabaseLock(engine, "job:a", "run-now", heartbeat_seconds=30) as taker:
        assert taker.owner != crashed.owner

    other_host = DatabaseLock(engine, "job:a", "scheduled run", heartbeat_seconds=30).__enter__()
    other_host._released.set()
    set_holder(engine, hostname="elsewhere", pid=1)
    with pytest.raises(LockHeld):  # fresh heartbeat from another machine: still held
        DatabaseLock(engine, "job:a", "run-now", heartbeat_seconds=30).__enter__()
    set_holder(engine, heartbeat_at=datetime.now(UTC) - timedelta(seconds=91))
    with DatabaseLock(engine, "job:a", "run-now", heartbeat_seconds=30):
        pass


def test_heartbeat_keeps_a_long_hold_fresh(engine):
    with DatabaseLock(engine, "job:a", "scheduled run", heartbeat_seconds=0.05):
        set_holder(engine, heartbeat_at=datetime(2000, 1, 1, tzinfo=UTC))
        with engine.connect() as conn:
            deadline = datetime.now(UTC) + timedelta(seconds=10)
            while conn.execute(sa.select(locks_table.c.heartbeat_at)).scalar_one().year == 2000:
                assert datetime.now(UTC) < deadline, "heartbeat never refreshed the row"
                conn.rollback()
