"""``forum-harvest schedule list | run-now NAME | run [--once]``; ``python scheduler.py`` is
``schedule run``. Jobs come from the config file (see forum_harvest.config)."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from datetime import datetime

import click
from rich.table import Table

import db
from forum_harvest.cli_options import console, user_errors
from forum_harvest.config import CONFIG_ENV, HarvestConfig, config_path, load_config
from forum_harvest.distributed.broker import broker_settings, check_distributed_config
from forum_harvest.runs.crawl_process import SchedulerStopping, crawl_processes
from forum_harvest.schedule.job import crawl_job, run_job
from forum_harvest.runs.lock import DatabaseLock, LockHeld
from forum_harvest.runs.run_record import RunSummary
from forum_harvest.schedule.service import SCHEDULER_LOCK, SchedulerAlreadyRunning, SchedulerService
from forum_harvest.schedule.status import job_statuses
from forum_harvest.schedule.store import paused_scheduler, reconcile, run_due_jobs, wanted_jobs

CONFIG_OPTION = click.option(
    "--config", "config_file", metavar="PATH", default=None,
    help="Config file (default: $FORUM_HARVEST_CONFIG, else ./forum-harvest.toml).",
)
DB_OPTION = click.option(
    "--db", "database", metavar="URL", default=None,
    help="Database for the job store and crawls (default: $DATABASE_URL, else the config's "
         "database_url, else sqlite:///data/forum.db).",
)
VERBOSE_OPTION = click.option("-v", "--verbose", is_flag=True, help="Also show APScheduler's log.")


def _setup(config_file: str | None, database: str | None, verbose: bool) -> tuple[HarvestConfig, str]:
    """The config, the scheduler's database URL (checked), and logging to stderr."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.INFO if verbose else logging.WARNING)
    path = config_path(config_file)
    config = load_config(path)
    # Crawl children read the same file, for the site profile matching their start URL.
    os.environ[CONFIG_ENV] = str(path.resolve())
    database_url = config.resolved_database_url(database)
    db.make_engine(database_url).dispose()  # a bad URL fails here, in one line
    broker = broker_settings(config)
    if broker is not None:  # distributed mode: crawls are queued for workers
        check_distributed_config(config, database_url, broker)
    return config, database_url


def _stop_on_signals(stop: Callable[[], None]) -> None:
    """SIGTERM and SIGINT call ``stop`` in a thread of its own: a signal handler may
    interrupt code holding a lock that ``stop`` needs."""

    def handle(signum: int, frame: object) -> None:
        logging.getLogger("forum_harvest.schedule").info("%s received", signal.Signals(signum).name)
        threading.Thread(target=stop, name="stop", daemon=True).start()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, handle)


@click.group()
def schedule() -> None:
    """Periodic crawls of the jobs in the config file."""


@schedule.command("list")
@CONFIG_OPTION
@DB_OPTION
@user_errors
def list_jobs(config_file: str | None, database: str | None) -> None:
    """Each job: its schedule, next run, whether it runs now, and its last crawl."""
    config = load_config(config_path(config_file))
    table = Table(title="scheduled jobs")
    for column in ("job", "schedule", "next run", "running now", "last crawl"):
        table.add_column(column)
    for status in job_statuses(config, config.resolved_database_url(database)):
        next_run = f"{status.next_run:%Y-%m-%d %H:%M:%S %Z}" if status.next_run else status.note
        running = "\n".join(([status.running.describe()] if status.running else []) + status.queue)
        last = _describe_last(status.last_run)
        table.add_row(status.name, f"{status.schedule}\n{', '.join(status.urls)}", next_run, running, last)
    console.print(table)


def _describe_last(run: RunSummary | None) -> str:
    return "never" if run is None else f"#{run.run_id} {run.describe()}"


@schedule.command("run-now")
@click.argument("name")
@CONFIG_OPTION
@DB_OPTION
@click.option("--wait", is_flag=True, help="If the job is running, wait for it to end, then run it.")
@VERBOSE_OPTION
@user_errors
def run_now(name: str, config_file: str | None, database: str | None, wait: bool, verbose: bool) -> None:
    """Run the job NAME now, in the foreground; never alongside a run of it already going.
    With a broker configured, queue its crawls for the workers instead."""
    config, database_url = _setup(config_file, database, verbose)
    job = crawl_job(config, name, database_url)
    if job.broker_url is not None:
        from forum_harvest.schedule.queued_jobs import enqueue_job  # Celery: only when used

        for queued in enqueue_job(job, "run-now"):
            console.print(queued.describe())
        return
    _stop_on_signals(lambda: crawl_processes.stop_all(job.stop_timeout))
    while True:
        try:
            summaries = run_job(job, "run-now")
            break
        except LockHeld as held:
            if not wait:
                raise click.ClickException(
                    f"job {name} is already running ({held.holder.describe()}): not starting it "
                    "twice; use --wait to run it after that run ends"
                ) from None
            time.sleep(job.lock_heartbeat)
        except SchedulerStopping:
            return
    _print_summaries(summaries)
    _exit_if_any_failed(summaries)


@schedule.command("run")
@CONFIG_OPTION
@DB_OPTION
@click.option("--once", is_flag=True, help="Run every due job once and exit (for cron or systemd timers).")
@VERBOSE_OPTION
@user_errors
def run(config_file: str | None, database: str | None, once: bool, verbose: bool) -> None:
    """Run the scheduler until SIGTERM or Ctrl-C (or, with --once, run what is due and exit)."""
    config, database_url = _setup(config_file, database, verbose)
    if once:
        _run_once(config, database_url)
        return
    service = SchedulerService(config, database_url)
    _stop_on_signals(service.stop)
    try:
        service.run()
    except SchedulerAlreadyRunning as error:
        raise click.ClickException(str(error)) from None


def _run_once(config: HarvestConfig, database_url: str) -> None:
    settings = config.scheduler
    _stop_on_signals(lambda: crawl_processes.stop_all(settings.stop_timeout))
    engine = db.make_engine(database_url)
    db.create_schema(engine)
    try:
        with DatabaseLock(engine, SCHEDULER_LOCK, "run --once", settings.lock_heartbeat):
            with paused_scheduler(engine, settings) as scheduler:
                reconcile(scheduler, wanted_jobs(config, database_url), settings)
                results = run_due_jobs(scheduler, datetime.now(scheduler.timezone))
    except LockHeld as held:
        raise click.ClickException(
            f"a scheduler is running on this database ({held.holder.describe()}): it runs the "
            "due jobs itself"
        ) from None
    finally:
        engine.dispose()
    summaries = [summary for summaries in results.values() for summary in summaries]
    _print_summaries(summaries)
    _exit_if_any_failed(summaries)


def _exit_if_any_failed(summaries: list[RunSummary]) -> None:
    """Exit 1 when a crawl failed or was interrupted, 3 when one was incomplete (like
    ``forum-harvest crawl``), so cron and systemd timers see it."""
    statuses = {summary.status for summary in summaries}
    if statuses & {"failed", "interrupted"}:
        raise SystemExit(1)
    if "incomplete" in statuses:
        raise SystemExit(3)


def _print_summaries(summaries: list[RunSummary]) -> None:
    for summary in summaries:
        console.print(f"{summary.url}: crawl run #{summary.run_id} {summary.describe()}")
