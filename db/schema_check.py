"""Refuse, in one line, a database written by an older forum-harvest whose tables lack
columns this version reads and writes (``create_all`` never alters an existing table)."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from db.models import Base


class DatabaseOutdatedError(ValueError):
    """The database's tables are older than the models; the message says what is missing."""


def check_schema_is_current(engine: Engine, shown_url: str) -> None:
    inspector = inspect(engine)
    existing = set(inspector.get_table_names())
    for table in Base.metadata.sorted_tables:
        if table.name not in existing:
            continue
        present = {column["name"] for column in inspector.get_columns(table.name)}
        missing = [column.name for column in table.columns if column.name not in present]
        if missing:
            raise DatabaseOutdatedError(
                f"database {shown_url} was written by an older forum-harvest (table {table.name} "
                f"lacks {', '.join(missing)}): crawl into a new database, e.g. --db sqlite:///data/new.db"
            )
