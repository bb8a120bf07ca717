"""``forum-harvest db upgrade | current``: the database's schema revision, and upgrading it.

Crawls and the scheduler upgrade the database themselves (``db.create_schema``); ``db
upgrade`` does it ahead of them, e.g. right after installing a new release."""

from __future__ import annotations

import click
from sqlalchemy import Engine, inspect

import db
from forum_harvest.cli_options import DB_OPTION, user_errors
from forum_harvest.database_choice import command_database_url

PRE_MIGRATION = "none, tables created before migrations"


@click.group("db")
def db_commands() -> None:
    """The database's schema: which revision it is at, and upgrading it."""


@db_commands.command()
@DB_OPTION
@user_errors
def upgrade(database: str | None) -> None:
    """Upgrade the database's tables to this version (creating them in a new database)."""
    url = command_database_url(database)
    engine = db.make_engine(url)
    try:
        before, had_tables = _revision(engine)
        db.create_schema(engine)
    finally:
        engine.dispose()
    if before == db.HEAD_REVISION:
        click.echo(f"{url}: already at {db.HEAD_REVISION} (head)")
    elif not had_tables:
        click.echo(f"{url}: created at {db.HEAD_REVISION} (head)")
    else:
        click.echo(f"{url}: upgraded from {before or PRE_MIGRATION} to {db.HEAD_REVISION} (head)")


@db_commands.command()
@DB_OPTION
@user_errors
def current(database: str | None) -> None:
    """Show the database's schema revision and whether this version can use it as it is."""
    url = command_database_url(database)
    engine = db.open_existing(url, upgrade=False)
    try:
        revision, _ = _revision(engine)
    finally:
        engine.dispose()
    if revision == db.HEAD_REVISION:
        status = "head"
    elif revision is not None and not db.is_known_revision(revision):
        status = "unknown to this version: written by a newer forum-harvest"
    else:
        status = f"behind head {db.HEAD_REVISION}: run forum-harvest db upgrade"
    click.echo(f"{url}: {revision or PRE_MIGRATION} ({status})")


def _revision(engine: Engine) -> tuple[str | None, bool]:
    """The schema revision, and whether the database has our tables at all."""
    with engine.connect() as conn:
        return db.schema_revision(conn), inspect(conn).has_table("posts")
