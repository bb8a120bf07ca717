"""What a worker does with one crawl job, between taking it and acknowledging it.

1. Nothing if its ``crawl_queue`` entry is already done (the job came back after the crawl
   had finished but before the acknowledgement: nothing is doubled).
2. The site's lock, else :class:`SiteBusy` (the task retries later and the entry says why).
3. A job delivered again after its worker died: the crawl run the lost attempt left open
   is closed as ``interrupted``, saying so.
4. The crawl, as a ``forum-harvest crawl`` child with the job's timeout; its ``crawl_runs``
   row settled (closed or added, as the scheduler does); then the entry is done. Only then
   does the task return, and Celery acknowledge the job.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import OperationalError

from db.models import CrawlRun, QueuedCrawl
from forum_harvest.distributed.order import CrawlOrder
from forum_harvest.distributed.shared_database import open_shared_database
from forum_harvest.runs.site_lock import site_lock, site_of
from forum_harvest.runs.crawl_process import CrawlProcesses
from forum_harvest.runs.lock import LockHeld
from forum_harvest.runs.run_record import RunSummary, latest_run_id, settle_run

_queue = QueuedCrawl.__table__
_runs = CrawlRun.__table__
log = logging.getLogger("forum_harvest.distributed")
# The crawl children of this worker: killed with it, stopped when it shuts down.
worker_crawls = CrawlProcesses(die_with_parent=True)


class SiteBusy(Exception):
    """Another crawl of the site is running; try again in ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class WorkerStopping(Exception):
    """The worker is shutting down: the crawl was stopped and the job goes back to the queue."""


def run_order(order: CrawlOrder, entry_id: int, worker: str) -> dict[str, Any]:
    """Run the crawl of queue entry ``entry_id`` on ``worker``; its summary, as plain data."""
    engine = open_shared_database(order.database_url)
    try:
        status = _entry_status(engine, entry_id)
        if status in (None, "done"):
            log.info("#%d (%s): already %s; nothing to do", entry_id, order.url, status or "removed")
            return {}
        try:
            with site_lock(engine, order.url, f"crawl #{entry_id} on {worker}", order.lock_heartbeat):
                summary = _crawl(engine, order, entry_id, worker, redelivered=status == "running")
        except LockHeld as held:
            message = f"waiting: {site_of(order.url)} is being crawled ({held.holder.describe()})"
            _update_entry(engine, entry_id, message=message)
            raise SiteBusy(message, order.lock_heartbeat) from None
        except (WorkerStopping, OperationalError):
            raise  # back to the queue; tried again
        except Exception as error:  # a bug or a bad job: recorded, not retried for ever
            _update_entry(engine, entry_id, status="done", finished_at=datetime.now(UTC),
                          message=f"failed on {worker}: {type(error).__name__}: {error}")
            raise
        return asdict(summary)
    finally:
        engine.dispose()


def _crawl(engine: Engine, order: CrawlOrder, entry_id: int, worker: str, redelivered: bool) -> RunSummary:
    if redelivered:
        _close_lost_attempt(engine, order.url, entry_id, worker)
    after_id = latest_run_id(engine)
    with engine.begin() as conn:
        conn.execute(update(_queue).where(_queue.c.id == entry_id).values(
            status="running", worker=worker, started_at=datetime.now(UTC), finished_at=None,
            after_run_id=after_id, attempts=_queue.c.attempts + 1, message=None,
        ))
    log.info("#%d: crawling %s%s", entry_id, order.url, " (delivered again)" if redelivered else "")
    crawl = worker_crawls.run(order.command(), order.timeout, order.stop_timeout)
    summary = settle_run(engine, order.url, after_id, crawl, order.timeout)
    if crawl.stopped:
        message = f"stopped: worker {worker} was shutting down; the job went back to the queue"
        with engine.begin() as conn:
            conn.execute(update(_runs).where(_runs.c.id == summary.run_id).values(message=message))
        _update_entry(engine, entry_id, message=message)
        raise WorkerStopping(f"#{entry_id}: the worker is stopping")
    _update_entry(engine, entry_id, status="done", finished_at=datetime.now(UTC),
                  crawl_run_id=summary.run_id, message=summary.describe())
    log.info("#%d: %s %s in %.1f s (crawl run %d)", entry_id, order.url, summary.describe(),
             crawl.seconds, summary.run_id)
    return summary


def _close_lost_attempt(engine: Engine, url: str, entry_id: int, worker: str) -> None:
    """Runs of this entry's previous attempt still ``running``: its worker died mid-crawl."""
    with engine.begin() as conn:
        entry = conn.execute(select(_queue).where(_queue.c.id == entry_id)).mappings().one()
        closed = conn.execute(
            update(_runs)
            .where(_runs.c.id > (entry["after_run_id"] or 0), _runs.c.start_url == url,
                   _runs.c.status == "running")
            .values(status="interrupted", finished_at=datetime.now(UTC),
                    message=f"worker {entry['worker']} was lost mid-crawl; the job went to {worker}")
        ).rowcount
    if closed:
        log.warning("#%d: worker %s was lost mid-crawl; %d unfinished run(s) closed as interrupted",
                    entry_id, entry["worker"], closed)


def _entry_status(engine: Engine, entry_id: int) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(_queue.c.status).where(_queue.c.id == entry_id)).scalar()


def _update_entry(engine: Engine, entry_id: int, **values: Any) -> None:
    with engine.begin() as conn:
        conn.execute(update(_queue).where(_queue.c.id == entry_id).values(**values))
