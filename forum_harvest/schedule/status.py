"""What ``forum-harvest schedule list`` shows: each job, its next run, whether it is running
now, and how its last crawl ended. Reads only; safe while the scheduler runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import db
from forum_harvest.config import HarvestConfig
from forum_harvest.distributed.queue_status import pending_entries
from forum_harvest.schedule.job import describe_schedule, job_lock_name
from forum_harvest.runs.lock import LockHolder, current_holders
from forum_harvest.runs.run_record import RunSummary, latest_run
from forum_harvest.schedule.store import paused_scheduler


@dataclass(frozen=True)
class JobStatus:
    name: str
    schedule: str
    urls: list[str]
    next_run: datetime | None
    note: str  # why there is no next run, if there is none
    running: LockHolder | None
    last_run: RunSummary | None
    queue: list[str] = field(default_factory=list)  # distributed mode: its waiting and running crawls


def job_statuses(config: HarvestConfig, state_database_url: str) -> list[JobStatus]:
    engine = db.make_engine(state_database_url)
    try:
        with paused_scheduler(engine, config.scheduler) as scheduler:
            stored = {job.id: job for job in scheduler.get_jobs()}
        holders = current_holders(engine)
    finally:
        engine.dispose()
    statuses = [_configured(config, name, state_database_url, stored, holders) for name in config.jobs]
    statuses += [
        JobStatus(name, str(job.trigger), job.kwargs["spec"]["urls"], job.next_run_time,
                  "not in the config: removed when the scheduler next starts",
                  holders.get(job_lock_name(name)), None)
        for name, job in stored.items() if name not in config.jobs
    ]
    return statuses


def _configured(config: HarvestConfig, name: str, state_database_url: str, stored: dict,
                holders: dict[str, LockHolder]) -> JobStatus:
    job = config.jobs[name]
    urls = job.start_urls(config.sites)
    crawl_engine = db.make_engine(job.database_url or state_database_url)
    try:
        last = latest_run(crawl_engine, urls)
        queue = [f"#{entry.id} {entry.status}" + (f" on {entry.worker}" if entry.status == "running" else "")
                 for entry in pending_entries(crawl_engine, urls)]
    finally:
        crawl_engine.dispose()
    stored_job = stored.get(name)
    if not job.enabled:
        note = "disabled"
    elif stored_job is None:
        note = "not scheduled yet: starts with the scheduler"
    else:
        note = "" if stored_job.next_run_time else "paused"
    next_run = stored_job.next_run_time if stored_job is not None and job.enabled else None
    return JobStatus(name, describe_schedule(config, name), urls, next_run, note,
                     holders.get(job_lock_name(name)), last, queue)
