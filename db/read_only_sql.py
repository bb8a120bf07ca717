"""Running a user's SQL on a connection that cannot write, within a time limit.

SQLite: the file opened with ``mode=ro``, ``PRAGMA query_only`` on, ATTACH refused.
PostgreSQL: ``SET TRANSACTION READ ONLY`` and the extended query protocol, which allows
one statement only (so no ``COMMIT; DELETE ...``); the transaction is rolled back.
Either way the text is one statement, run as given (it is the user's own query).

Stopping: a statement running longer than ``timeout`` seconds (0: no limit) raises
:class:`QueryTimedOut`; Ctrl-C (SIGINT) raises :class:`QueryInterrupted`. SQLite checks
both in a progress handler (SQLite calls it every ``PROGRESS_STEPS`` virtual-machine steps,
so a running statement notices within milliseconds; the SIGINT handler only raises a flag
it reads). PostgreSQL enforces ``statement_timeout`` itself, and psycopg cancels the
running statement on the server when Ctrl-C interrupts it. Either way the statement runs with
a SIGINT handler of ours, also where the process was started with SIGINT ignored (as a shell
starts a background job): Python then installs no handler of its own, and Ctrl-C sent to the
process would be lost while the statement runs on.
"""

from __future__ import annotations

import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from sqlalchemy.engine import make_url

from db.engine import DatabaseMissingError, open_existing
from db.search_tokens import register_sqlite_function

FETCH_ROWS = 1000
DEFAULT_TIMEOUT_SECONDS = 30.0
PROGRESS_STEPS = 10_000


class QueryTimedOut(ValueError):
    """The statement ran longer than its time limit and was stopped."""

    def __init__(self, timeout: float) -> None:
        super().__init__(f"SQL stopped after {timeout:g} s (--timeout {timeout:g}): "
                         "narrow the query, or give a longer --timeout (0: no limit)")


class QueryInterrupted(Exception):
    """Ctrl-C stopped the statement."""

    def __init__(self) -> None:
        super().__init__("SQL interrupted (Ctrl-C): the statement was stopped")


@contextmanager
def read_only_query(url: str, sql: str, timeout: float = DEFAULT_TIMEOUT_SECONDS
                    ) -> Iterator[tuple[list[str], Iterator[tuple[Any, ...]]]]:
    """The result's column names and its rows (streamed). Raises ValueError naming the
    problem for SQL the database refuses, including any attempt to write."""
    if not sql.strip():
        raise ValueError("empty SQL: give one statement, e.g. 'SELECT count(*) FROM v_posts'")
    opener = _sqlite_cursor if make_url(url).get_backend_name() == "sqlite" else _postgres_cursor
    try:
        with opener(url, timeout) as (cursor, stopped):
            try:
                cursor.execute(sql, **({} if isinstance(cursor, sqlite3.Cursor) else {"binary": True}))
                columns = [description[0] for description in cursor.description or ()]
                yield columns, _rows(cursor)
            except (sqlite3.Error, _postgres_error()) as error:
                stopped.raise_if_stopped(error)
                message = str(error).strip().splitlines()[0]
                raise ValueError(f"SQL refused: {message}") from None
    except KeyboardInterrupt:
        raise QueryInterrupted() from None


def _rows(cursor: Any) -> Iterator[tuple[Any, ...]]:
    while batch := cursor.fetchmany(FETCH_ROWS):
        yield from batch


@dataclass
class _StopState:
    """Why a statement was stopped, if it was."""

    timeout: float
    started: float
    interrupted: bool = False

    def timed_out(self) -> bool:
        return self.timeout > 0 and time.monotonic() - self.started > self.timeout

    def should_stop(self) -> bool:
        return self.interrupted or self.timed_out()

    def raise_if_stopped(self, error: Exception) -> None:
        if self.interrupted:
            raise QueryInterrupted() from None
        if self.timed_out() or "statement timeout" in str(error):
            raise QueryTimedOut(self.timeout) from None


@contextmanager
def _sqlite_cursor(url: str, timeout: float) -> Iterator[tuple[sqlite3.Cursor, _StopState]]:
    path = Path(make_url(url).database or "")
    if not path.is_file():
        raise DatabaseMissingError(f"no database at {path} ({url}): crawl something first")
    connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    register_sqlite_function(connection)
    connection.set_authorizer(_refuse_attach)
    connection.execute("PRAGMA query_only = ON")
    state = _StopState(timeout, time.monotonic())
    connection.set_progress_handler(state.should_stop, PROGRESS_STEPS)
    try:
        # Ctrl-C marks the statement interrupted (the progress handler then stops it): a
        # KeyboardInterrupt raised inside SQLite's callback would be swallowed.
        with _on_sigint(lambda signum, frame: setattr(state, "interrupted", True)):
            yield connection.cursor(), state
    finally:
        connection.close()


@contextmanager
def _on_sigint(handler: Callable[[int, FrameType | None], Any]) -> Iterator[None]:
    """``handler`` answers SIGINT while the statement runs, then the previous one again."""
    if threading.current_thread() is not threading.main_thread():  # only it gets signals
        yield
        return
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _refuse_attach(action: int, *_: Any) -> int:
    return sqlite3.SQLITE_DENY if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH) else sqlite3.SQLITE_OK


@contextmanager
def _postgres_cursor(url: str, timeout: float) -> Iterator[tuple[Any, _StopState]]:
    engine = open_existing(url)
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("SET TRANSACTION READ ONLY")
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", (str(round(timeout * 1000)),))
        with _on_sigint(signal.default_int_handler):  # psycopg cancels on KeyboardInterrupt
            yield cursor, _StopState(timeout, time.monotonic())
    except BaseException:
        # Ctrl-C may land while the cancelled statement is still finishing on the server: a
        # ROLLBACK (ours, or the pool's when the connection goes back) then fails with "another
        # command is already in progress". The read-only transaction has nothing to keep, so
        # the connection is dropped instead of reset.
        connection.invalidate()
        raise
    else:
        connection.rollback()
        connection.close()
    finally:
        engine.dispose()


def _postgres_error() -> type[Exception]:
    try:
        import psycopg
    except ImportError:
        return sqlite3.Error
    return psycopg.Error
