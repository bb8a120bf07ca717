"""APScheduler's persistent job store in the forum database, kept in step with the config.

Jobs have their config name as id and are written with ``replace_existing=True``, so
restarts never pile up duplicates; a job whose definition did not change is left alone, so
its next run time survives restarts. Every job runs with ``coalesce=True`` (missed runs
collapse into one) and ``max_instances=1`` (a job still running is not started again).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.base import BaseTrigger
from sqlalchemy import Engine

from forum_harvest.config import HarvestConfig, SchedulerConfig
from forum_harvest.schedule.job import CrawlJob, crawl_job, run_scheduled_job
from forum_harvest.runs.run_record import RunSummary
from forum_harvest.schedule.triggers import cron_trigger, interval_trigger

JOBS_TABLE = "apscheduler_jobs"
log = logging.getLogger("forum_harvest.schedule")


@dataclass(frozen=True)
class WantedJob:
    """A job as the config defines it, ready to be stored."""

    spec: CrawlJob
    trigger: BaseTrigger
    runs_at_once: bool  # a new interval job crawls right away instead of one interval later


@dataclass
class Reconciled:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def scheduler_options(engine: Engine, settings: SchedulerConfig,
                      executor: ThreadPoolExecutor) -> dict[str, Any]:
    """What every scheduler on our job store is built with."""
    options: dict[str, Any] = {
        "jobstores": {"default": SQLAlchemyJobStore(engine=engine, tablename=JOBS_TABLE)},
        "executors": {"default": executor},
        "job_defaults": {"coalesce": True, "max_instances": 1,
                         "misfire_grace_time": int(settings.misfire_grace_time)},
    }
    if settings.timezone:
        options["timezone"] = settings.timezone
    return options


class StoreEditor(BaseScheduler):
    """A scheduler without a loop: it reads and edits the job store and never runs a job
    (a paused BackgroundScheduler still processes due jobs once while shutting down)."""

    def wakeup(self) -> None:
        """Nothing to wake: there is no loop."""

    def shutdown(self, wait: bool = True) -> None:
        super().shutdown(wait)


@contextmanager
def paused_scheduler(engine: Engine, settings: SchedulerConfig) -> Iterator[StoreEditor]:
    """A scheduler on the job store for reading and editing stored jobs."""
    scheduler = StoreEditor(**scheduler_options(engine, settings, ThreadPoolExecutor(1)))
    scheduler.start(paused=True)
    try:
        yield scheduler
    finally:
        scheduler.shutdown(wait=False)


def wanted_jobs(config: HarvestConfig, state_database_url: str) -> dict[str, WantedJob]:
    """The enabled jobs of the config, by name."""
    timezone = config.scheduler.timezone
    wanted = {}
    for name, job in config.jobs.items():
        if not job.enabled:
            continue
        timing = {"timezone": timezone, "start": job.start, "end": job.end, "jitter": job.jitter}
        if job.cron:
            trigger: BaseTrigger = cron_trigger(job.cron, **timing)
        else:
            trigger = interval_trigger(job.interval or 0, **timing)
        wanted[name] = WantedJob(crawl_job(config, name, state_database_url), trigger,
                                 runs_at_once=job.interval is not None and job.start is None)
    return wanted


def reconcile(scheduler: BaseScheduler, wanted: dict[str, WantedJob],
              settings: SchedulerConfig) -> Reconciled:
    """Add new jobs, replace changed ones, remove those gone from the config."""
    outcome = Reconciled()
    stored = {job.id: job for job in scheduler.get_jobs()}
    for name in sorted(stored.keys() - wanted.keys()):
        scheduler.remove_job(name)
        outcome.removed.append(name)
    grace = int(settings.misfire_grace_time)
    for name, job in wanted.items():
        old = stored.get(name)
        if old is not None and old.kwargs == job.spec.as_kwargs() and old.misfire_grace_time == grace:
            outcome.kept.append(name)
            continue
        first_run = {"next_run_time": datetime.now(scheduler.timezone)} if old is None and job.runs_at_once else {}
        scheduler.add_job(run_scheduled_job, job.trigger, id=name, name=name,
                          kwargs=job.spec.as_kwargs(), replace_existing=True, **first_run)
        (outcome.changed if old is not None else outcome.added).append(name)
    for verb in ("added", "changed", "removed", "kept"):
        if getattr(outcome, verb):
            log.info("jobs %s: %s", verb, ", ".join(getattr(outcome, verb)))
    return outcome


def run_due_jobs(scheduler: BaseScheduler, now: datetime) -> dict[str, list[RunSummary]]:
    """Run each job whose next run time has passed, once, however late it is; each job's
    next run time moves past ``now`` first, so a crash cannot make it run again and again."""
    due = [job for job in scheduler.get_jobs() if job.next_run_time and job.next_run_time <= now]
    if not due:
        log.info("no job is due%s", _next_up(scheduler))
    results = {}
    for job in due:
        _advance(scheduler, job, now)
        log.info("job %s: due since %s", job.id, f"{job.next_run_time:%Y-%m-%d %H:%M:%S %Z}")
        results[job.id] = run_scheduled_job(**job.kwargs, reason="run --once")
    return results


def _advance(scheduler: BaseScheduler, job: Job, now: datetime) -> None:
    following = job.trigger.get_next_fire_time(None, now)
    if following is None:
        scheduler.remove_job(job.id)
    else:
        scheduler.modify_job(job.id, next_run_time=following)


def _next_up(scheduler: BaseScheduler) -> str:
    upcoming = [job for job in scheduler.get_jobs() if job.next_run_time]
    if not upcoming:
        return ""
    first = min(upcoming, key=lambda job: job.next_run_time)
    return f"; next: {first.id} at {first.next_run_time:%Y-%m-%d %H:%M:%S %Z}"
