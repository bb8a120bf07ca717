"""Alembic's entry point for our migrations. ``db.migrate`` runs it on a connection it
passes in ``config.attributes``; a developer's ``alembic`` command (alembic.ini at the repo
root) runs it on ``$DATABASE_URL``, e.g. ``alembic revision --autogenerate -m "..."``."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection

from db.engine import make_engine, resolve_database_url
from db.migrate import COMPARE_OPTIONS, is_our_object
from db.models import Base, UTCDateTime


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """A migration keeps the types of its day and never imports the models: our UTCDateTime
    is written as the DateTime it stores."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations(conn: Connection) -> None:
    context.configure(
        connection=conn,
        target_metadata=Base.metadata,
        include_object=is_our_object,
        render_item=render_item,
        **COMPARE_OPTIONS,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported: give alembic a database")
given_connection = context.config.attributes.get("connection")
if given_connection is not None:
    run_migrations(given_connection)
else:
    engine = make_engine(resolve_database_url(None))
    with engine.connect() as developer_connection:
        run_migrations(developer_connection)
    engine.dispose()
