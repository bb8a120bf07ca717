"""Crawl runs left ``running`` by a process that died (killed, crashed, machine rebooted)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select, update

from db.engine import Executor
from db.models import CrawlRun

ABANDONED_MESSAGE = "the crawling process ended without finishing (killed or crashed)"


def left_open(status: str, message: str | None) -> bool:
    """A run whose end was never recorded: still ``running``, or closed by
    :func:`close_abandoned_runs` only because its process was gone (``db.run_journal`` may
    know how it really ended)."""
    return status == "running" or (status == "interrupted" and message == ABANDONED_MESSAGE)


def process_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def close_abandoned_runs(conn: Executor, site_id: int, host: str,
                         is_alive: Callable[[int], bool] = process_is_alive) -> int:
    """Mark ``interrupted`` the site's runs still ``running`` on this host whose process is
    gone; how many. Runs of other hosts are left alone: their processes cannot be checked."""
    running = conn.execute(
        select(CrawlRun.id, CrawlRun.pid)
        .where(CrawlRun.site_id == site_id, CrawlRun.status == "running", CrawlRun.host == host)
    ).all()
    dead = [run.id for run in running if run.pid is None or not is_alive(run.pid)]
    if dead:
        conn.execute(
            update(CrawlRun).where(CrawlRun.id.in_(dead))
            .values(status="interrupted", finished_at=datetime.now(UTC), message=ABANDONED_MESSAGE)
        )
    return len(dead)


def interrupt_own_runs(conn: Executor, host: str, pid: int, message: str) -> int:
    """Mark ``interrupted`` the runs this process (``pid`` on ``host``) still has open."""
    result = conn.execute(
        update(CrawlRun)
        .where(CrawlRun.status == "running", CrawlRun.host == host, CrawlRun.pid == pid)
        .values(status="interrupted", finished_at=datetime.now(UTC), message=message)
    )
    return result.rowcount or 0
