"""Committing the storage stage's writes: retried when the database fails, split when rows do.

:meth:`BatchStore.commit` runs one transaction. When the database is at fault (disk full,
connection lost: ``pipeline.write_faults``) it is retried ``times`` more times, ``backoff``
seconds after the first failure and twice as long after each next one, on fresh connections
(the pool is emptied: a PostgreSQL server that came back is reconnected to); then it raises
:class:`StorageFailed` with the one-line cause. When rows are at fault the error is raised
as it is, and :meth:`BatchStore.store_rows` stores the rows in halves, down to single rows,
so that only the rows that cannot be stored are left out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine

from pipeline.write_faults import rows_at_fault, write_failure

T = TypeVar("T")
Row = dict[str, Any]


class StorageFailed(Exception):
    """The database took no write even after the retries; the message is one line."""


@dataclass(frozen=True)
class RetryPolicy:
    times: int = 3  # STORAGE_RETRY_TIMES: retries after the first failure
    backoff: float = 1.0  # STORAGE_RETRY_BACKOFF: seconds before the first retry, doubled after


class BatchStore:
    def __init__(self, engine: Engine, database_url: str, policy: RetryPolicy,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.engine = engine
        self.database_url = database_url
        self.policy = policy
        self.sleep = sleep

    def retry(self, action: Callable[[], T]) -> T:
        """``action()``, again while the database is at fault, up to the policy's retries."""
        attempt = 0
        while True:
            try:
                return action()
            except Exception as error:
                if rows_at_fault(error):
                    raise
                if attempt >= self.policy.times:
                    raise StorageFailed(write_failure(error, self.database_url)) from error
                self.engine.dispose()  # the pooled connections may be dead: reconnect
                self.sleep(self.policy.backoff * 2 ** attempt)
                attempt += 1

    def commit(self, write: Callable[[Connection], T]) -> T:
        """``write(conn)`` in one transaction, committed (retried: :meth:`retry`)."""

        def transaction() -> T:
            with self.engine.begin() as conn:
                return write(conn)

        return self.retry(transaction)

    def store_rows(self, rows: Sequence[Row], write: Callable[[Connection, Sequence[Row]], T],
                   bad: Callable[[Row, BaseException], None]) -> Iterator[T]:
        """Commit ``write(conn, rows)``; when rows are at fault, each half on its own, down to
        single rows: ``bad(row, error)`` for each row that cannot be stored. Yields the result
        of each commit as soon as it went through (so it counts even when a later one fails)."""
        if not rows:
            return
        try:
            result = self.commit(lambda conn: write(conn, rows))
        except StorageFailed:
            raise
        except Exception as error:
            if not rows_at_fault(error):
                raise
            if len(rows) == 1:
                bad(rows[0], error)
                return
            half = len(rows) // 2
            yield from self.store_rows(rows[:half], write, bad)
            yield from self.store_rows(rows[half:], write, bad)
            return
        yield result
