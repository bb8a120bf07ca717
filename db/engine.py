"""Turning a database URL into an engine: validation, SQLite pragmas, schema, sessions.

Supported: SQLite (``sqlite:///path/to/file.db``, the default) and PostgreSQL through
psycopg 3 (``postgresql+psycopg://user:password@host/dbname``; a bare ``postgresql://`` means
the same). Every problem with the URL itself surfaces as a :class:`DatabaseURLError` whose
message is one line naming the URL.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from db.migrate import upgrade_schema
from db.search_index import install_search_index
from db.search_tokens import register_sqlite_function
from db.views import create_views

T = TypeVar("T")

DEFAULT_DATABASE_URL = "sqlite:///data/forum.db"
SUPPORTED_DRIVERS = {"sqlite": "pysqlite", "postgresql": "psycopg"}
SQLITE_BUSY_TIMEOUT_MS = 5000
# What the upsert and query functions accept: a Core connection or an ORM session.
Executor = Connection | Session
URL_EXAMPLES = "sqlite:///data/forum.db or postgresql+psycopg://user:password@host/dbname"


class DatabaseURLError(ValueError):
    """The database URL is unusable; the message says which URL and why, in one line."""


class DatabaseMissingError(LookupError):
    """A command that only reads found no forum-harvest database at the URL."""


def resolve_database_url(cli_value: str | None) -> str:
    """The URL to use: the explicit value, else ``$DATABASE_URL``, else the default file."""
    if cli_value is not None:
        return cli_value
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def make_engine(url: str) -> Engine:
    """An engine for ``url``, creating the folder of a SQLite file if needed."""
    parsed = _parse_url(url)
    sqlite_path = _sqlite_file(parsed)
    if sqlite_path is not None:
        _create_parent_folder(url, sqlite_path)
    return _create_engine(parsed)


def open_existing(url: str, *, upgrade: bool = True) -> Engine:
    """An engine on a database that crawls have already written to, its schema upgraded to
    this version's unless ``upgrade`` is False (see :mod:`db.migrate`), and the ends of runs
    it could not take recorded (:mod:`db.run_journal`); creates no database."""
    parsed = _parse_url(url)
    sqlite_path = _sqlite_file(parsed)
    if sqlite_path is not None and not sqlite_path.is_file():
        raise DatabaseMissingError(f"no database at {sqlite_path} ({url}): crawl something first")
    engine = _create_engine(parsed)
    if not inspect(engine).has_table("posts"):
        engine.dispose()
        raise DatabaseMissingError(
            f"database {_without_password(parsed)} has no forum-harvest tables: "
            "crawl something first"
        )
    if upgrade:
        upgrade_schema(engine, _without_password(parsed))
        from db.run_journal import apply_run_journals  # it imports the upserts, which import us

        apply_run_journals(engine, url)  # how earlier runs ended when the database was unreachable
    return engine


def read_existing(url: str, read: Callable[[Connection], T], default: T) -> T:
    """``read(conn)`` on the database at ``url``, or ``default`` when there is none yet (a
    first crawl): what a crawl loads about its site before it starts."""
    try:
        engine = open_existing(url)
    except DatabaseMissingError:
        return default
    try:
        with engine.connect() as conn:
            return read(conn)
    finally:
        engine.dispose()


def create_schema(engine: Engine) -> None:
    """Create or upgrade the tables (Alembic ``upgrade head``, skipped when the database is
    at head), then the full-text search index (filled from stored posts if it is new) and
    the views."""
    upgrade_schema(engine, _without_password(engine.url))
    with engine.begin() as conn:
        install_search_index(conn)
        create_views(conn)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def _parse_url(url: str) -> URL:
    if not url.strip():
        raise DatabaseURLError(f"empty database URL: expected e.g. {URL_EXAMPLES}")
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseURLError(
            f"malformed database URL {url!r}: expected e.g. {URL_EXAMPLES}"
        ) from None
    shown = _without_password(parsed)
    backend, _, driver = parsed.drivername.partition("+")
    if backend not in SUPPORTED_DRIVERS:
        raise DatabaseURLError(
            f"unsupported database {backend!r} in {shown!r}: expected e.g. {URL_EXAMPLES}"
        )
    wanted_driver = SUPPORTED_DRIVERS[backend]
    if driver not in ("", wanted_driver):
        raise DatabaseURLError(
            f"unsupported driver {driver!r} in {shown!r}: use {backend}+{wanted_driver}://"
        )
    return parsed.set(drivername=f"{backend}+{wanted_driver}")


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite database URL; None for PostgreSQL and in-memory SQLite."""
    return _sqlite_file(_parse_url(url))


def _sqlite_file(parsed: URL) -> Path | None:
    """The file of a SQLite URL; None for PostgreSQL and in-memory SQLite."""
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _create_parent_folder(url: str, path: Path) -> None:
    if path.is_dir():
        raise DatabaseURLError(f"SQLite database {url!r}: {path} is a folder, not a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseURLError(
            f"SQLite database {url!r}: cannot create folder {path.parent}: {error.strerror}"
        ) from None


def _without_password(parsed: URL) -> str:
    return parsed.render_as_string(hide_password=True)


def _create_engine(parsed: URL) -> Engine:
    try:
        engine = create_engine(parsed, json_serializer=_json_dumps)
    except ImportError as error:
        raise DatabaseURLError(
            f"database driver {error.name or parsed.get_driver_name()!r} for "
            f"{_without_password(parsed)!r} is not installed: pip install 'forum-harvest[postgres]'"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "connect", register_sqlite_function)
    return engine


def _set_sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    """WAL lets readers (``forum-harvest stats``) work during a crawl; synchronous=NORMAL is
    the documented safe pairing with WAL and makes each commit much cheaper."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _json_dumps(value: Any) -> str:
    """JSON columns keep non-ASCII text readable and accept datetimes (e.g. Scrapy stats)."""
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
