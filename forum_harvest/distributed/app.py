"""The Celery application of distributed mode and its one task, ``forum_harvest.crawl``.

Workers run it with the thread pool: a job's work happens in its crawl child process, so a
thread per job costs nothing, and a worker killed outright takes its crawls with it (see
``CrawlProcesses(die_with_parent=True)``) while the broker keeps the job for another worker.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from celery import Celery, Task
from celery.exceptions import Reject
from celery.signals import worker_shutting_down
from sqlalchemy.exc import OperationalError

from forum_harvest.distributed.broker import TASK_NAME, BrokerSettings, celery_settings
from forum_harvest.distributed.order import CrawlOrder
from forum_harvest.distributed.task import SiteBusy, WorkerStopping, run_order, worker_crawls

DATABASE_RETRY_SECONDS = 30.0


def make_app(broker: BrokerSettings) -> Celery:
    app = Celery("forum_harvest", set_as_current=False)
    app.conf.update(celery_settings(broker))

    @app.task(name=TASK_NAME, bind=True, max_retries=None)  # a busy site is waited for
    def crawl(task: Task, order: dict[str, Any], entry_id: int) -> dict[str, Any]:
        try:
            return run_order(CrawlOrder.from_message(order), entry_id, task.request.hostname)
        except SiteBusy as busy:
            raise task.retry(exc=busy, countdown=busy.retry_after) from None
        except OperationalError as error:  # the database is unreachable: try again later
            raise task.retry(exc=RuntimeError(str(error).splitlines()[0]),
                             countdown=DATABASE_RETRY_SECONDS) from None
        except WorkerStopping:
            raise Reject("the worker is stopping", requeue=True) from None

    return app


def stop_crawls_on_shutdown(stop_timeout: float) -> None:
    """When the worker shuts down (SIGTERM), its running crawls stop cleanly, are recorded
    ``interrupted``, and their jobs go back to the queue for another worker."""

    def stop(**_: Any) -> None:
        worker_crawls.stop_all(stop_timeout)

    worker_shutting_down.connect(stop, weak=False)


@cache
def broker_app(broker: BrokerSettings) -> Celery:
    """One application (and connection pool) per broker for the life of the process."""
    return make_app(broker)
