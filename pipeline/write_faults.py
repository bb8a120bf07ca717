"""Why a database write failed, in the two kinds the storage stage acts on, and in one line.

- The rows' fault: a constraint the row breaks (``IntegrityError``), a value the column cannot
  hold (``DataError``), a value the driver cannot bind or the upsert cannot prepare
  (``TypeError``/``ValueError``, also wrapped in a ``StatementError``). The same rows fail
  every time, the other rows of their batch can be stored (``pipeline.batch_store``).
- The database's fault: anything else (disk full, connection lost, server down, file
  locked): no row can be stored until it is back, so the write is retried, then the crawl
  stops with :func:`write_failure` as its one line.
"""

from __future__ import annotations

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

from db.engine import sqlite_file


def rows_at_fault(error: BaseException) -> bool:
    """Would the same rows fail again on a healthy database?"""
    if isinstance(error, IntegrityError | DataError):
        return True
    if isinstance(error, DBAPIError):
        return False  # OperationalError, InterfaceError...: the database's, not the rows'
    if isinstance(error, StatementError):
        return isinstance(error.orig, TypeError | ValueError)  # a value the driver cannot bind
    return isinstance(error, TypeError | ValueError)


def first_line(error: BaseException) -> str:
    """The driver's own message (not SQLAlchemy's wrapping with the SQL), first line only."""
    cause = getattr(error, "orig", None) or error
    lines = str(cause).strip().splitlines()
    return lines[0].strip() if lines else type(cause).__name__


def row_failure(error: BaseException) -> str:
    """``IntegrityError: NOT NULL constraint failed: posts.floor``: why a row cannot be stored."""
    return f"{type(error).__name__}: {first_line(error)}"


def write_failure(error: BaseException, database_url: str) -> str:
    """``database or disk is full: /data/forum.db``, ``database unreachable: connection
    failed: ...``: why nothing can be stored, naming the database."""
    message = first_line(error)
    path = sqlite_file(database_url)
    if path is None:
        return f"database unreachable: {message}"
    if "full" in message:
        return f"database or disk is full: {path}"
    return f"database error: {message}: {path}"
