"""Putting a crawl on the broker's queue: its ``crawl_queue`` row first, then the message.

A start URL already waiting in the queue is not queued twice: the new request is coalesced
into the waiting one (a partial unique index makes that atomic), and the caller is told.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from celery import Celery
from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from db.models import QueuedCrawl
from forum_harvest.distributed.broker import DEFAULT_QUEUE, TASK_NAME, BrokerSettings
from forum_harvest.distributed.order import CrawlOrder
from forum_harvest.distributed.shared_database import open_shared_database, require_shared_database

_queue = QueuedCrawl.__table__
log = logging.getLogger("forum_harvest.distributed")


class BrokerUnreachable(ValueError):
    """The job could not be handed to the broker; one line."""


@dataclass(frozen=True)
class Enqueued:
    url: str
    entry_id: int
    coalesced: bool  # an entry for this URL was already waiting

    def describe(self) -> str:
        if self.coalesced:
            return f"{self.url}: already waiting in the queue as #{self.entry_id}; not queued twice"
        return f"{self.url}: queued as #{self.entry_id}"


def enqueue_crawl(app: Celery, broker: BrokerSettings, order: CrawlOrder,
                  queue: str = DEFAULT_QUEUE) -> Enqueued:
    require_shared_database(order.database_url)
    broker.check_job_fits(order.timeout, order.stop_timeout)
    engine = open_shared_database(order.database_url)
    try:
        while True:  # the waiting entry may be taken by a worker between our two statements
            entry_id = _insert_entry(engine, order)
            if entry_id is not None:
                break
            waiting = _waiting_entry(engine, order.url)
            if waiting is not None:
                return Enqueued(order.url, waiting, coalesced=True)
        _send(app, broker, engine, order, entry_id, queue)
        return Enqueued(order.url, entry_id, coalesced=False)
    finally:
        engine.dispose()


def _insert_entry(engine: Engine, order: CrawlOrder) -> int | None:
    try:
        with engine.begin() as conn:
            return conn.execute(insert(_queue).values(
                start_url=order.url, job=order.job, status="queued", enqueued_at=datetime.now(UTC),
                attempts=0,
            )).inserted_primary_key[0]
    except IntegrityError:
        return None


def _waiting_entry(engine: Engine, url: str) -> int | None:
    with engine.connect() as conn:
        return conn.execute(
            select(_queue.c.id).where(_queue.c.start_url == url, _queue.c.status == "queued")
        ).scalar()


def _send(app: Celery, broker: BrokerSettings, engine: Engine, order: CrawlOrder, entry_id: int,
          queue: str) -> None:
    try:
        app.send_task(TASK_NAME, kwargs={"order": order.as_message(), "entry_id": entry_id},
                      queue=queue, task_id=f"crawl-{entry_id}-{uuid.uuid4().hex[:8]}",
                      retry_policy={"max_retries": 2, "interval_start": 0.5, "interval_step": 1})
    except Exception as error:  # kombu's OperationalError and the transports' own errors
        with engine.begin() as conn:
            conn.execute(delete(_queue).where(_queue.c.id == entry_id))
        first_line = (str(error) or type(error).__name__).splitlines()[0]
        raise BrokerUnreachable(f"broker {broker.shown_url}: cannot queue {order.url}: {first_line}") from None
    log.info("%s queued as #%d on %s (queue %s)", order.url, entry_id, broker.shown_url, queue)
