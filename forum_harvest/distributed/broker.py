"""Which broker distributed mode uses, and the Celery settings that make a crawl job survive
a worker that dies.

A job is acknowledged late, after its ``crawl_runs`` row is final, so a job whose worker
died is delivered again. Redis does that once the job has been unacknowledged for its
visibility timeout, our ``redelivery_timeout``: it must exceed the longest a live worker may
hold a job (the crawl's timeout plus its stop timeout), or Redis would hand a crawl still
running to a second worker. RabbitMQ redelivers as soon as the dead worker's connection
drops; there ``redelivery_timeout`` only bounds how long a worker may hold a job.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from forum_harvest.config import BROKER_SCHEMES, HarvestConfig, parse_duration

BROKER_ENV = "FORUM_HARVEST_BROKER_URL"
REDELIVERY_ENV = "FORUM_HARVEST_REDELIVERY_TIMEOUT"
DEFAULT_QUEUE = "crawls"
TASK_NAME = "forum_harvest.crawl"
DEFAULT_REDELIVERY_TIMEOUT = 7 * 3600.0


@dataclass(frozen=True)
class BrokerSettings:
    url: str
    redelivery_timeout: float  # seconds

    @property
    def is_redis(self) -> bool:
        return urlsplit(self.url).scheme in ("redis", "rediss")

    @property
    def shown_url(self) -> str:
        """The URL without its password, for messages and logs."""
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")).geturl()

    def check_job_fits(self, timeout: float, stop_timeout: float) -> None:
        """ValueError (one line) if a crawl this long could be redelivered while still running."""
        longest = timeout + stop_timeout
        if self.is_redis and longest >= self.redelivery_timeout:
            raise ValueError(
                f"redelivery_timeout {self.redelivery_timeout:g} s must exceed the job's timeout "
                f"plus stop_timeout ({longest:g} s): Redis would give a running crawl to a "
                "second worker; raise [scheduler] redelivery_timeout or lower the timeout"
            )


def broker_settings(config: HarvestConfig | None) -> BrokerSettings | None:
    """``$FORUM_HARVEST_BROKER_URL``, else the config's ``[scheduler] broker_url``; None when
    neither names a broker (everything runs on this machine)."""
    scheduler = config.scheduler if config is not None else None
    url = os.environ.get(BROKER_ENV) or (scheduler.broker_url if scheduler else None)
    if not url:
        return None
    if os.environ.get(BROKER_ENV):
        _check_url(url)
    timeout = scheduler.redelivery_timeout if scheduler else DEFAULT_REDELIVERY_TIMEOUT
    if os.environ.get(REDELIVERY_ENV):
        try:
            timeout = seconds_from_text(os.environ[REDELIVERY_ENV])
        except ValueError as error:
            raise ValueError(f"${REDELIVERY_ENV}: {error}") from None
    return BrokerSettings(url, timeout)


def require_celery() -> None:
    """ValueError (one line) if distributed mode's packages are not installed."""
    try:
        import celery  # noqa: F401
    except ImportError:
        raise ValueError("distributed mode needs Celery: pip install 'forum-harvest[distributed]'") from None


def seconds_from_text(text: str) -> float:
    """A duration from the command line or the environment: seconds ("90") or "2h"."""
    try:
        return parse_duration(float(text))
    except ValueError:
        return parse_duration(text)


def check_distributed_config(config: HarvestConfig, database_url: str, broker: BrokerSettings) -> None:
    """Before a scheduler enqueues anything: every job writes to PostgreSQL and fits in the
    redelivery timeout; ValueError (one line) naming the job otherwise."""
    from forum_harvest.distributed.shared_database import require_shared_database

    require_celery()
    for name, job in config.jobs.items():
        try:
            require_shared_database(job.database_url or database_url)
            broker.check_job_fits(job.timeout, config.scheduler.stop_timeout)
        except ValueError as error:
            raise ValueError(f"jobs.{name}: {error}") from None


def celery_settings(broker: BrokerSettings) -> dict[str, Any]:
    """The Celery configuration of every worker and every process that enqueues."""
    return {
        "broker_url": broker.url,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": {
            "visibility_timeout": broker.redelivery_timeout,
            # How often workers look for jobs of dead workers (kombu's default: 60 s).
            "unacked_restore_interval": min(60.0, max(1.0, broker.redelivery_timeout / 10)),
        },
        "task_default_queue": DEFAULT_QUEUE,
        "task_acks_late": True,  # acknowledged after the crawl run is final ...
        "task_reject_on_worker_lost": True,  # ... and given back if the worker dies
        "task_acks_on_failure_or_timeout": True,  # a failed crawl is recorded, not retried
        "task_ignore_result": True,  # results live in crawl_runs
        "task_serializer": "json",
        "accept_content": ["json"],
        "worker_prefetch_multiplier": 1,  # a worker holds only the jobs it is running
        "worker_send_task_events": True,  # for Flower
        "task_send_sent_event": True,
        "worker_hijack_root_logger": False,
        "timezone": "UTC",
    }


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in BROKER_SCHEMES or not parts.hostname:
        raise ValueError(f"${BROKER_ENV}={url!r} is not a broker URL: use redis://host:6379/0 "
                         "or amqp://user:password@host//")
