"""The scheduler service: a BlockingScheduler on the job store in the forum database.

One per database: it holds the ``scheduler`` lock while it runs. ``stop()`` (from a signal
handler's thread, or a test) stops scheduling, asks running crawls to stop cleanly, and lets
their jobs record how they ended before ``run()`` returns.
"""

from __future__ import annotations

import logging
import threading

from apscheduler.events import (
    EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED,
    EVENT_JOB_SUBMITTED, EVENT_SCHEDULER_STARTED, JobEvent, SchedulerEvent,
)
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy.engine import make_url

import db
from forum_harvest.config import HarvestConfig
from forum_harvest.runs.crawl_process import crawl_processes
from forum_harvest.runs.lock import DatabaseLock, LockHeld
from forum_harvest.schedule.store import paused_scheduler, reconcile, scheduler_options, wanted_jobs

SCHEDULER_LOCK = "scheduler"
log = logging.getLogger("forum_harvest.schedule")


class SchedulerAlreadyRunning(Exception):
    """Another scheduler holds this database's job store; the message is one line."""


class SchedulerService:
    def __init__(self, config: HarvestConfig, state_database_url: str) -> None:
        self.config = config
        self.state_database_url = state_database_url
        self.engine = db.make_engine(state_database_url)
        self.executor = ThreadPoolExecutor(config.scheduler.max_parallel_jobs)
        self.scheduler = BlockingScheduler(
            **scheduler_options(self.engine, config.scheduler, self.executor)
        )
        self.scheduler.add_listener(_log_job_event, EVENT_JOB_SUBMITTED | EVENT_JOB_EXECUTED
                                    | EVENT_JOB_ERROR | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
        self.scheduler.add_listener(self._stop_if_asked, EVENT_SCHEDULER_STARTED)
        self._stop_asked = threading.Event()
        self._shutdown_lock = threading.Lock()

    def run(self) -> None:
        """Schedule until stop(); SchedulerAlreadyRunning if another scheduler has the database."""
        settings = self.config.scheduler
        shown = make_url(self.state_database_url).render_as_string(hide_password=True)
        db.create_schema(self.engine)
        try:
            with DatabaseLock(self.engine, SCHEDULER_LOCK, "scheduler", settings.lock_heartbeat):
                crawl_processes.closed = False  # a service run again in one process crawls again
                with paused_scheduler(self.engine, settings) as editor:
                    wanted = wanted_jobs(self.config, self.state_database_url)
                    reconcile(editor, wanted, settings)
                log.info("scheduler started on %s with %d jobs", shown, len(wanted))
                if not self._stop_asked.is_set():
                    self.scheduler.start()
                self.executor.shutdown(wait=True)  # running jobs record how they ended
        except LockHeld as held:
            raise SchedulerAlreadyRunning(
                f"another scheduler is already running on {shown} "
                f"({held.holder.describe()}): stop it first"
            ) from None
        finally:
            self.engine.dispose()
        log.info("scheduler stopped")

    def stop(self) -> None:
        """Stop scheduling and stop running crawls cleanly. Safe from any thread."""
        log.info("stopping: no new crawls; running crawls are asked to stop")
        self._stop_asked.set()
        crawl_processes.stop_all(self.config.scheduler.stop_timeout)
        self._shutdown_scheduler()

    def _stop_if_asked(self, event: SchedulerEvent) -> None:
        """A stop() that came while start() was starting would otherwise be lost."""
        if self._stop_asked.is_set():
            self._shutdown_scheduler()

    def _shutdown_scheduler(self) -> None:
        with self._shutdown_lock:
            if self.scheduler.state != STATE_STOPPED:
                self.scheduler.shutdown(wait=False)


def _log_job_event(event: JobEvent) -> None:
    if event.code == EVENT_JOB_SUBMITTED:
        due = ", ".join(f"{time:%Y-%m-%d %H:%M:%S %Z}" for time in event.scheduled_run_times)
        log.info("job %s: due at %s, starting", event.job_id, due)
    elif event.code == EVENT_JOB_MAX_INSTANCES:
        log.warning("job %s: due, not started: its previous run is still going", event.job_id)
    elif event.code == EVENT_JOB_MISSED:
        log.warning("job %s: missed its run at %s (later than misfire_grace_time)",
                    event.job_id, f"{event.scheduled_run_time:%Y-%m-%d %H:%M:%S %Z}")
    elif event.code == EVENT_JOB_ERROR:
        log.error("job %s: failed: %s", event.job_id, event.exception)
    elif event.code == EVENT_JOB_EXECUTED:
        log.info("job %s: done", event.job_id)
