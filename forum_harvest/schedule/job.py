"""One scheduled job: what it crawls (``CrawlJob``), and running it (``run_job``).

``run_scheduled_job`` is what APScheduler stores: a module-level function (picklable by
reference) whose only argument is the job as plain data, so a stored job never depends on
our classes staying the same.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Engine

import db
from forum_harvest.config import HarvestConfig
from forum_harvest.distributed.broker import broker_settings
from forum_harvest.distributed.order import travelling_settings
from forum_harvest.runs.site_lock import site_lock
from forum_harvest.runs.crawl_process import SchedulerStopping, crawl_command, crawl_processes
from forum_harvest.runs.lock import DatabaseLock, LockHeld
from forum_harvest.runs.run_record import RunSummary, latest_run_id, settle_run
from forum_harvest.site_profile import find_profile, profile_name
from forum_harvest.site_secrets import site_cookies

log = logging.getLogger("forum_harvest.schedule")


@dataclass(frozen=True)
class CrawlJob:
    name: str
    schedule: str  # how it is triggered, for humans (and a stored job's change detection)
    urls: list[str]
    database_url: str  # where the crawls write
    state_database_url: str  # where the scheduler keeps its job store and locks
    timeout: float
    settings: dict[str, str]
    timezone: str | None
    lock_heartbeat: float
    stop_timeout: float
    # Distributed mode (a broker is configured): the job's crawls go to workers, each URL
    # with its site profile's settings, since workers do not read our config file.
    broker_url: str | None = None
    redelivery_timeout: float | None = None
    url_settings: dict[str, dict[str, str]] = field(default_factory=dict)
    # url -> the site profile whose cookies the worker reads itself (they never travel)
    url_secrets: dict[str, str] = field(default_factory=dict)

    def as_kwargs(self) -> dict[str, Any]:
        return {"spec": asdict(self)}


def job_lock_name(name: str) -> str:
    return f"job:{name}"


def crawl_job(config: HarvestConfig, name: str, state_database_url: str) -> CrawlJob:
    """The job ``name`` of ``config``; crawls go to its database_url, else the scheduler's."""
    job = config.job(name)
    site = config.sites[job.site] if job.site else None
    broker = broker_settings(config)
    urls = job.start_urls(config.sites)
    return CrawlJob(
        name=name,
        schedule=describe_schedule(config, name),
        urls=urls,
        database_url=job.database_url or state_database_url,
        state_database_url=state_database_url,
        timeout=job.timeout,
        settings={key: str(value) for key, value in job.settings.items()},
        timezone=site.timezone if site else None,
        lock_heartbeat=config.scheduler.lock_heartbeat,
        stop_timeout=config.scheduler.stop_timeout,
        **({} if broker is None else {
            "broker_url": broker.url, "redelivery_timeout": broker.redelivery_timeout,
            "url_settings": {url: travelling_settings(site or find_profile(config, url), job.settings)
                             for url in urls},
            "url_secrets": _url_secrets(config, job.site, urls),
        }),
    )


def _url_secrets(config: HarvestConfig, site: str | None, urls: list[str]) -> dict[str, str]:
    """The profile of each URL that has cookies, by name: the worker reads them itself."""
    names = {url: site or profile_name(config, find_profile(config, url)) for url in urls}
    return {url: name for url, name in names.items() if name and site_cookies(config, name)}


def describe_schedule(config: HarvestConfig, name: str) -> str:
    job = config.job(name)
    when = f"cron '{job.cron}'" if job.cron else f"every {job.interval:g} s"
    if job.cron and config.scheduler.timezone:
        when += f" ({config.scheduler.timezone})"
    extras = [f"jitter {job.jitter:g} s" if job.jitter else "",
              f"from {job.start}" if job.start else "", f"until {job.end}" if job.end else ""]
    return ", ".join([when, *(extra for extra in extras if extra)])


def run_scheduled_job(spec: dict[str, Any], reason: str = "scheduled") -> list[RunSummary]:
    """APScheduler's entry point. A run of the same job elsewhere (``run-now``) wins: this
    one is skipped, never run alongside it."""
    job = CrawlJob(**spec)
    if job.broker_url is not None:
        from forum_harvest.schedule.queued_jobs import enqueue_job  # Celery: only when used

        try:
            enqueue_job(job, reason)
        except ValueError as error:  # the broker or the database is unusable: one line
            log.error("job %s: not queued: %s", job.name, error)
        return []
    try:
        return run_job(job, reason)
    except LockHeld as held:
        log.warning("job %s: skipped (%s): already running: %s", job.name, reason,
                    held.holder.describe())
    except SchedulerStopping:
        log.info("job %s: not started: the scheduler is stopping", job.name)
    return []


def run_job(job: CrawlJob, reason: str) -> list[RunSummary]:
    """Crawl each of the job's URLs in turn, holding the job's lock; LockHeld if it is taken."""
    state_engine = db.make_engine(job.state_database_url)
    crawl_engine = db.make_engine(job.database_url)
    try:
        with DatabaseLock(state_engine, job_lock_name(job.name), reason, job.lock_heartbeat):
            db.create_schema(crawl_engine)
            return [crawl_url(job, url, reason, crawl_engine) for url in job.urls]
    finally:
        state_engine.dispose()
        crawl_engine.dispose()


def crawl_url(job: CrawlJob, url: str, reason: str, crawl_engine: Engine) -> RunSummary:
    log.info("job %s: crawling %s (%s; %s)", job.name, url, reason, job.schedule)
    after_id = latest_run_id(crawl_engine)
    command = crawl_command(url, job.database_url, job.settings, job.timezone)
    with site_lock(crawl_engine, url, f"job {job.name}", job.lock_heartbeat):
        crawl = crawl_processes.run(command, job.timeout, job.stop_timeout)
    summary = settle_run(crawl_engine, url, after_id, crawl, job.timeout)
    log.info("job %s: %s %s in %.1f s (crawl run %d)", job.name, url, summary.describe(),
             crawl.seconds, summary.run_id)
    return summary
