"""Running a user's SQL on a connection that cannot write.

SQLite: the file opened with ``mode=ro``, ``PRAGMA query_only`` on, ATTACH refused.
PostgreSQL: ``SET TRANSACTION READ ONLY`` and the extended query protocol, which allows
one statement only (so no ``COMMIT; DELETE ...``); the transaction is rolled back.
Either way the text is one statement, run as given (it is the user's own query).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from db.engine import DatabaseMissingError, open_existing
from db.search_tokens import register_sqlite_function

FETCH_ROWS = 1000


@contextmanager
def read_only_query(url: str, sql: str) -> Iterator[tuple[list[str], Iterator[tuple[Any, ...]]]]:
    """The result's column names and its rows (streamed). Raises ValueError naming the
    problem for SQL the database refuses, including any attempt to write."""
    if not sql.strip():
        raise ValueError("empty SQL: give one statement, e.g. 'SELECT count(*) FROM v_posts'")
    opener = _sqlite_cursor if make_url(url).get_backend_name() == "sqlite" else _postgres_cursor
    with opener(url) as cursor:
        try:
            cursor.execute(sql, **({} if isinstance(cursor, sqlite3.Cursor) else {"binary": True}))
            columns = [description[0] for description in cursor.description or ()]
            yield columns, _rows(cursor)
        except (sqlite3.Error, _postgres_error()) as error:
            message = str(error).strip().splitlines()[0]
            raise ValueError(f"SQL refused: {message}") from None


def _rows(cursor: Any) -> Iterator[tuple[Any, ...]]:
    while batch := cursor.fetchmany(FETCH_ROWS):
        yield from batch


@contextmanager
def _sqlite_cursor(url: str) -> Iterator[sqlite3.Cursor]:
    path = Path(make_url(url).database or "")
    if not path.is_file():
        raise DatabaseMissingError(f"no database at {path} ({url}): crawl something first")
    connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    register_sqlite_function(connection)
    connection.set_authorizer(_refuse_attach)
    connection.execute("PRAGMA query_only = ON")
    try:
        yield connection.cursor()
    finally:
        connection.close()


def _refuse_attach(action: int, *_: Any) -> int:
    return sqlite3.SQLITE_DENY if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH) else sqlite3.SQLITE_OK


@contextmanager
def _postgres_cursor(url: str) -> Iterator[Any]:
    engine = open_existing(url)
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("SET TRANSACTION READ ONLY")
        yield cursor
    finally:
        connection.rollback()
        connection.close()
        engine.dispose()


def _postgres_error() -> type[Exception]:
    try:
        import psycopg
    except ImportError:
        return sqlite3.Error
    return psycopg.Error
