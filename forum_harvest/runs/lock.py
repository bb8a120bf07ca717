"""Named locks kept as rows in the database, so they work on SQLite and PostgreSQL alike.

APScheduler 3 job stores must not be shared between processes, and a job must never run
twice at once, so the scheduler holds the lock ``scheduler`` for as long as it runs and every
job execution holds ``job:NAME``. A holder refreshes its row's heartbeat from a thread; a
row whose heartbeat is older than ``STALE_HEARTBEATS`` heartbeats, or whose process is gone
from this host, is taken over (the holder crashed). Taking a row is one INSERT (the primary
key makes it atomic) or one conditional UPDATE of the stale row, never a read-then-write.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import TracebackType
from collections.abc import Mapping
from typing import Any

from sqlalchemy import (
    Column, ColumnElement, Engine, Float, Integer, MetaData, String, Table, delete, insert, select,
    update,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from db.abandoned_runs import process_is_alive
from db.models import UTCDateTime

STALE_HEARTBEATS = 3
log = logging.getLogger(__name__)
# The scheduler's own state, beside APScheduler's ``apscheduler_jobs`` table; not forum data,
# hence not in db.models.
lock_metadata = MetaData()
locks_table = Table(
    "scheduler_locks",
    lock_metadata,
    Column("name", String(255), primary_key=True),
    Column("owner", String(255), nullable=False),
    Column("purpose", String(255), nullable=False),
    Column("hostname", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("heartbeat_seconds", Float, nullable=False),
    Column("acquired_at", UTCDateTime, nullable=False),
    Column("heartbeat_at", UTCDateTime, nullable=False),
)


@dataclass(frozen=True)
class LockHolder:
    name: str
    purpose: str
    hostname: str
    pid: int
    acquired_at: datetime
    heartbeat_at: datetime

    def describe(self) -> str:
        return (
            f"{self.purpose}, pid {self.pid} on {self.hostname}, since "
            f"{self.acquired_at:%Y-%m-%d %H:%M:%S} UTC"
        )


class LockHeld(Exception):
    """Someone else holds the lock; ``holder`` says who."""

    def __init__(self, holder: LockHolder) -> None:
        super().__init__(f"{holder.name} is held ({holder.describe()})")
        self.holder = holder


class DatabaseLock:
    """``with DatabaseLock(engine, "job:nightly", "scheduled run", 30):`` holds the row for the
    block, refreshing its heartbeat every ``heartbeat_seconds``; raises LockHeld if taken."""

    def __init__(self, engine: Engine, name: str, purpose: str, heartbeat_seconds: float) -> None:
        self.engine = engine
        self.name = name
        self.purpose = purpose
        self.heartbeat_seconds = heartbeat_seconds
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._released = threading.Event()
        self._heartbeat_thread: threading.Thread | None = None

    def __enter__(self) -> DatabaseLock:
        lock_metadata.create_all(self.engine)
        if not (self._insert() or self._take_over_stale()):
            raise LockHeld(self._current_holder())
        self._heartbeat_thread = threading.Thread(
            target=self._beat, name=f"heartbeat {self.name}", daemon=True
        )
        self._heartbeat_thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._released.set()
        if self._heartbeat_thread is not None:
            self._heartbeat_thread.join()
        with self.engine.begin() as conn:
            conn.execute(delete(locks_table).where(self._mine()))

    def _row(self) -> dict[str, object]:
        now = datetime.now(UTC)
        return {
            "name": self.name, "owner": self.owner, "purpose": self.purpose,
            "hostname": socket.gethostname(), "pid": os.getpid(),
            "heartbeat_seconds": self.heartbeat_seconds, "acquired_at": now, "heartbeat_at": now,
        }

    def _insert(self) -> bool:
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(locks_table).values(self._row()))
        except IntegrityError:
            return False
        return True

    def _take_over_stale(self) -> bool:
        """Replace the row if its holder is gone; the WHERE on the old owner and heartbeat
        makes two processes racing for the same stale row end with one winner."""
        with self.engine.begin() as conn:
            row = conn.execute(select(locks_table).where(locks_table.c.name == self.name)).first()
            if row is None or not _is_abandoned(row._mapping):
                return False
            if row.owner != self.owner:
                log.warning("taking over lock %s from %s (its holder is gone)", self.name, row.owner)
            taken = conn.execute(
                update(locks_table)
                .where(locks_table.c.name == self.name, locks_table.c.owner == row.owner,
                       locks_table.c.heartbeat_at == row.heartbeat_at)
                .values(self._row())
            )
            return taken.rowcount == 1

    def _current_holder(self) -> LockHolder:
        with self.engine.connect() as conn:
            row = conn.execute(select(locks_table).where(locks_table.c.name == self.name)).one()
        return holder_from_row(row._mapping)

    def _beat(self) -> None:
        while not self._released.wait(self.heartbeat_seconds):
            try:
                with self.engine.begin() as conn:
                    kept = conn.execute(
                        update(locks_table).where(self._mine())
                        .values(heartbeat_at=datetime.now(UTC))
                    ).rowcount
                if kept != 1:
                    log.error("lost lock %s: another process took it over", self.name)
                    return
            except SQLAlchemyError as error:
                log.warning("cannot refresh lock %s: %s", self.name, str(error).splitlines()[0])

    def _mine(self) -> ColumnElement[bool]:
        return (locks_table.c.name == self.name) & (locks_table.c.owner == self.owner)


def holder_from_row(row: Mapping[str, Any]) -> LockHolder:
    return LockHolder(**{field: row[field] for field in LockHolder.__dataclass_fields__})


def current_holders(engine: Engine) -> dict[str, LockHolder]:
    """Every lock held right now (abandoned rows excluded), by name."""
    lock_metadata.create_all(engine)
    with engine.connect() as conn:
        rows = conn.execute(select(locks_table)).mappings().all()
    return {row["name"]: holder_from_row(row) for row in rows if not _is_abandoned(row)}


def _is_abandoned(row: Mapping[str, Any]) -> bool:
    stale_after = timedelta(seconds=row["heartbeat_seconds"] * STALE_HEARTBEATS)
    if datetime.now(UTC) - row["heartbeat_at"] > stale_after:
        return True
    return row["hostname"] == socket.gethostname() and not process_is_alive(row["pid"])

