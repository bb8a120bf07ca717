"""Bringing a database's schema to this version's: Alembic migrations in ``db/migrations``.

:func:`upgrade_schema` runs on every crawl start, so its usual case — a database already at
head — costs two small queries and no Alembic import. Otherwise it runs ``upgrade head`` (or,
for a database with none of our tables, creates them from the models and stamps the head) in
one transaction that holds the database's write lock (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL
advisory lock), so two crawls starting at once never migrate twice.

A database created before migrations existed (by ``create_all``: our tables, no
``alembic_version``) needs no special step: the baseline revision creates only the tables a
database lacks and adds the columns that older versions did not have (see
``versions/0001_baseline.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, MetaData, event, inspect, text

from db.models import Base
from db.search_index import dialect_name, drop_search_index, install_search_index
from db.views import create_views, drop_views

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_FOLDER = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"
# The newest revision in db/migrations/versions (a test checks it). Comparing with it keeps
# the usual case free of Alembic's import (~65 ms); were it stale, every call would take
# the write lock and ask Alembic, and still be right.
HEAD_REVISION = "0011"
# Any constant: the key of the PostgreSQL advisory lock that serializes upgrades.
UPGRADE_LOCK_KEY = 0x666F72756D
# Options of every comparison of the database with the models: env.py's and the tests'.
COMPARE_OPTIONS: dict[str, Any] = {
    "compare_type": True,
    "compare_server_default": True,
    "render_as_batch": True,  # SQLite alters a table by copying it
}


class DatabaseOutdatedError(ValueError):
    """The database cannot be upgraded (e.g. a newer forum-harvest wrote it); one line."""


def is_our_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic's ``include_object``: a table the models do not define is not ours (the
    scheduler's job store and locks, the search index and its FTS5 shadow tables), so
    autogenerate never drops it. Removing a model table needs a hand-written drop_table."""
    return not (type_ == "table" and reflected and compare_to is None)


def schema_revision(conn: Connection) -> str | None:
    """The Alembic revision the database is at; None before its first migration."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def is_known_revision(revision: str) -> bool:
    """Whether ``revision`` is one of this version's migrations (else a newer one wrote it)."""
    from alembic.util import CommandError

    try:
        return _script_directory().get_revision(revision) is not None
    except CommandError:
        return False


def upgrade_schema(engine: Engine, shown_url: str) -> bool:
    """Migrate the database to head; False if it already was. Refuses, in one line, a
    database at a revision this version does not know."""
    with engine.connect() as conn:
        if schema_revision(conn) == HEAD_REVISION:
            return False
    with engine.connect() as conn, _exclusive_transaction(conn):
        revision = schema_revision(conn)
        if revision == _script_directory().get_current_head():
            return False  # another process upgraded it while we waited for the lock
        _check_revision_is_known(revision, shown_url)
        if revision is None and not _has_a_model_table(conn):
            _create_at_head(conn)
        else:
            _run_upgrade(conn)
    return True


def alembic_config(conn: Connection | None = None) -> Config:
    """Our migrations' configuration, built in code (users need no alembic.ini); with
    ``conn``, env.py migrates on that connection."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_FOLDER))
    config.attributes["connection"] = conn
    return config


def _run_upgrade(conn: Connection) -> None:
    """``upgrade head`` with the derived objects removed while tables change, then rebuilt:
    views must not refer to a table being replaced, and on SQLite a table copy (batch mode)
    loses the search index triggers."""
    from alembic import command

    drop_views(conn)
    if dialect_name(conn) == "sqlite":
        drop_search_index(conn)
    command.upgrade(alembic_config(conn), "head")
    install_search_index(conn)
    create_views(conn)


def _has_a_model_table(conn: Connection) -> bool:
    existing = set(inspect(conn).get_table_names())
    return any(table.name in existing for table in Base.metadata.sorted_tables)


def _create_at_head(conn: Connection) -> None:
    """A database with none of our tables: the models' tables created at once and stamped with
    the head revision, as Alembic's cookbook advises, instead of replaying every migration
    (0.15 s of CPU against 0.02 s on SQLite, paid by every new database's first crawl). A test
    checks that both ways give the same schema."""
    from alembic.runtime.migration import MigrationContext

    Base.metadata.create_all(conn)
    MigrationContext.configure(conn).stamp(_script_directory(), "head")
    install_search_index(conn)
    create_views(conn)


def _check_revision_is_known(revision: str | None, shown_url: str) -> None:
    if revision is not None and not is_known_revision(revision):
        raise DatabaseOutdatedError(
            f"database {shown_url} was written by a newer forum-harvest (schema revision "
            f"{revision!r} is unknown to this version): upgrade forum-harvest"
        )


@contextmanager
def _exclusive_transaction(conn: Connection) -> Iterator[None]:
    """One transaction holding the database's write lock. SQLite: foreign keys off while
    batch mode copies tables (dropping a parent table would cascade to its children)."""
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # a no-op inside a transaction
        conn.commit()
    try:
        with conn.begin():
            if sqlite:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK_KEY})
            yield
    finally:
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")


@cache
def _script_directory() -> Any:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@event.listens_for(Base.metadata, "after_drop")
def _after_drop_all(metadata: MetaData, conn: Connection, **_: Any) -> None:
    """``Base.metadata.drop_all`` removes the revision too: a new schema starts from scratch."""
    conn.execute(text(f"DROP TABLE IF EXISTS {VERSION_TABLE}"))
