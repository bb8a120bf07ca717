"""One crawl per site at a time, across every worker and the scheduler.

The lock is a row of ``scheduler_locks`` in the crawl database (the database both sides
write to), taken with :class:`forum_harvest.runs.lock.DatabaseLock`: its heartbeat is the
expiry, so the lock of a worker that died is taken over after three missed heartbeats (at
once on its own machine, where its process can be seen to be gone). A site is its host and
port: politeness is owed to a server, so two forums of one site are never crawled at once.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import Engine

from forum_harvest.runs.lock import DatabaseLock


def site_of(url: str) -> str:
    return urlsplit(url).netloc.lower()


def site_lock(engine: Engine, url: str, purpose: str, heartbeat_seconds: float) -> DatabaseLock:
    """The lock of ``url``'s site; entering it raises LockHeld while another crawl has it."""
    return DatabaseLock(engine, f"site:{site_of(url)}", purpose, heartbeat_seconds)
