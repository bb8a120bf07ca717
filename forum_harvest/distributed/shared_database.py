"""The database of distributed mode: one PostgreSQL every worker and the scheduler share.

A SQLite file cannot be shared between machines, so it is refused in one line. Several
workers may start their first job at the same moment on a new or older database: the
schema upgrade, the search index, the views and the lock table are then prepared by one
of them at a time, under a PostgreSQL advisory lock held for the whole preparation.
"""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

import db
from forum_harvest.runs.lock import lock_metadata

# Any constant, other than db.migrate's (held inside this one while upgrading).
PREPARE_LOCK_KEY = 0x666F72756E


class NotSharedDatabase(ValueError):
    """Distributed mode was given a database other machines cannot reach; one line."""


def require_shared_database(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise NotSharedDatabase(
            f"distributed mode needs PostgreSQL, not {parsed.render_as_string(hide_password=True)}: "
            "workers on other machines cannot share a SQLite file (use postgresql+psycopg://...)"
        )


def open_shared_database(url: str) -> Engine:
    """An engine on the shared PostgreSQL, its schema at this version's; refuses SQLite."""
    require_shared_database(url)
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PREPARE_LOCK_KEY})
            try:
                db.create_schema(engine)
                lock_metadata.create_all(engine)
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PREPARE_LOCK_KEY})
                conn.commit()
    except BaseException:
        engine.dispose()
        raise
    return engine
