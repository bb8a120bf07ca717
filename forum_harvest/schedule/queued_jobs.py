"""The scheduler's broker path: a due job (or ``run-now``) puts one crawl per start URL on
the queue instead of running it here. The job lock is not needed: the queue coalesces a
URL already waiting, and the site lock keeps crawls of one site apart on the workers."""

from __future__ import annotations

import logging

from forum_harvest.distributed.app import broker_app
from forum_harvest.distributed.broker import BrokerSettings
from forum_harvest.distributed.enqueue import Enqueued, enqueue_crawl
from forum_harvest.distributed.order import CrawlOrder
from forum_harvest.schedule.job import CrawlJob

log = logging.getLogger("forum_harvest.schedule")


def enqueue_job(job: CrawlJob, reason: str) -> list[Enqueued]:
    assert job.broker_url is not None and job.redelivery_timeout is not None
    broker = BrokerSettings(job.broker_url, job.redelivery_timeout)
    queued = []
    for url in job.urls:
        order = CrawlOrder(
            url=url, database_url=job.database_url, timeout=job.timeout,
            stop_timeout=job.stop_timeout, lock_heartbeat=job.lock_heartbeat,
            settings=job.url_settings.get(url, job.settings), timezone=job.timezone, job=job.name,
            secrets_of=job.url_secrets.get(url),
        )
        queued.append(enqueue_crawl(broker_app(broker), broker, order))
        log.info("job %s (%s): %s", job.name, reason, queued[-1].describe())
    return queued
