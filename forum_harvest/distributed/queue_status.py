"""What ``forum-harvest queue`` and ``schedule list`` show of the crawl queue. Reads only."""

from __future__ import annotations

from sqlalchemy import Engine, inspect, select

import db
from db.models import QueuedCrawl
from forum_harvest.database_choice import command_database_url

_queue = QueuedCrawl.__table__


def queue_entries(database: str | None, limit: int) -> list[QueuedCrawl]:
    """The newest ``limit`` entries of the queue, newest first."""
    engine = db.open_existing(command_database_url(database))
    try:
        with db.session_factory(engine)() as session:
            return list(session.scalars(select(QueuedCrawl).order_by(QueuedCrawl.id.desc()).limit(limit)))
    finally:
        engine.dispose()


def pending_entries(engine: Engine, urls: list[str]) -> list[QueuedCrawl]:
    """Entries of ``urls`` waiting or running now (none if the database has no queue)."""
    if not inspect(engine).has_table(_queue.name):
        return []
    with db.session_factory(engine)() as session:
        return list(session.scalars(
            select(QueuedCrawl).where(QueuedCrawl.start_url.in_(urls),
                                      QueuedCrawl.status.in_(("queued", "running")))
            .order_by(QueuedCrawl.id)
        ))
