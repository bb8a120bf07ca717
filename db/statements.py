"""What the db modules' statements share: the dialect's INSERT that knows ON CONFLICT (for
upserts), and long IN lists cut into chunks far under SQLite's and PostgreSQL's limits on
bind parameters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.engine import Executor

# Values per IN list: ids, URLs, or (thread_id, floor) pairs of at most 3 bind parameters
# each, well under the 32766 SQLite and 65535 PostgreSQL limits.
IN_LIST_SIZE = 5000
_DIALECT_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
T = TypeVar("T")


def upsert_insert(conn: Executor, table: Table) -> Any:
    """The dialect's INSERT into ``table``, the one that knows ON CONFLICT."""
    dialect = conn.get_bind().dialect if isinstance(conn, Session) else conn.dialect
    return _DIALECT_INSERTS[dialect.name](table)


def in_chunks(values: list[T]) -> Iterator[list[T]]:
    """``values`` in slices of at most ``IN_LIST_SIZE``, for one IN list each."""
    for start in range(0, len(values), IN_LIST_SIZE):
        yield values[start:start + IN_LIST_SIZE]
