"""Distributed mode's commands: ``forum-harvest worker`` (take crawl jobs from the broker),
``forum-harvest queue`` (what is queued, running on which worker, done), and the enqueueing
behind ``forum-harvest crawl URL --queue``."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from forum_harvest.cli_options import DB_OPTION, console, user_errors
from forum_harvest.config import CONFIG_ENV, HarvestConfig, SiteConfig
from forum_harvest.distributed.broker import (
    BROKER_ENV, DEFAULT_QUEUE, BrokerSettings, broker_settings, require_celery,
)
from forum_harvest.site_profile import load_optional_config

CONFIG_OPTION = click.option(
    "--config", "config_file", metavar="PATH", default=None,
    help="Config file with [scheduler] broker_url (default: $FORUM_HARVEST_CONFIG, else "
         "./forum-harvest.toml if present).",
)
DEFAULT_STOP_TIMEOUT = 60.0


def required_broker(config: HarvestConfig | None) -> BrokerSettings:
    broker = broker_settings(config)
    if broker is None:
        raise click.ClickException(
            f"no broker: set [scheduler] broker_url in the config or ${BROKER_ENV} "
            "(e.g. redis://127.0.0.1:6379/0)"
        )
    require_celery()
    return broker


@click.command()
@click.option("-c", "--concurrency", type=click.IntRange(min=1), default=1, show_default=True,
              help="Crawls this worker runs at once (each in its own process).")
@click.option("-Q", "--queues", default=DEFAULT_QUEUE, show_default=True,
              help="Comma-separated queues to take jobs from.")
@click.option("-n", "--name", default=None, metavar="NAME",
              help="Worker name, unique per machine (default: celery@HOSTNAME; %h is the host).")
@CONFIG_OPTION
@user_errors
def worker(concurrency: int, queues: str, name: str | None, config_file: str | None) -> None:
    """Take crawl jobs from the broker and run each as a `forum-harvest crawl` process,
    until SIGTERM (running crawls stop cleanly and go back to the queue)."""
    config = load_optional_config(config_file)
    broker = required_broker(config)
    from forum_harvest.distributed.app import make_app, stop_crawls_on_shutdown

    if config_file is not None:  # the crawls read the same file (site profiles, their cookies)
        os.environ[CONFIG_ENV] = str(Path(config_file).resolve())
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    stop_crawls_on_shutdown(config.scheduler.stop_timeout if config else DEFAULT_STOP_TIMEOUT)
    argv = ["worker", "--pool", "threads", "--concurrency", str(concurrency), "--queues", queues,
            "--loglevel", "INFO", "--without-gossip", "--without-mingle"]
    make_app(broker).worker_main(argv + (["--hostname", name] if name else []))


def queue_crawl(url: str, database_url: str, config: HarvestConfig | None, profile: SiteConfig | None,
                settings: dict[str, Any], timeout: float, tz: str | None, arguments: list[str],
                secrets_of: str | None = None) -> None:
    """``forum-harvest crawl URL --queue``: one crawl for the workers, with everything the
    crawl would have read from this machine's config but the profile's cookies: the job
    names the profile (``secrets_of``) and the worker reads them from its own config."""
    broker = required_broker(config)
    from forum_harvest.distributed.enqueue import enqueue_crawl
    from forum_harvest.distributed.order import CrawlOrder, travelling_settings
    from forum_harvest.distributed.app import broker_app

    scheduler = config.scheduler if config else None
    order = CrawlOrder(
        url=url, database_url=database_url, timeout=timeout,
        stop_timeout=scheduler.stop_timeout if scheduler else DEFAULT_STOP_TIMEOUT,
        lock_heartbeat=scheduler.lock_heartbeat if scheduler else 15.0,
        settings=travelling_settings(profile, settings), timezone=tz, arguments=arguments,
        secrets_of=secrets_of,
    )
    console.print(enqueue_crawl(broker_app(broker), broker, order).describe())


@click.command("queue")
@DB_OPTION
@click.option("--limit", type=click.IntRange(min=1), default=30, show_default=True,
              help="Show the newest N entries.")
@user_errors
def queue_list(database: str | None, limit: int) -> None:
    """Crawls put on the broker's queue: waiting, running (on which worker) and done."""
    from forum_harvest.distributed.queue_status import queue_entries

    table = Table(title="crawl queue")
    for column in ("#", "start url", "job", "status", "worker", "queued", "finished", "outcome"):
        table.add_column(column)
    for entry in queue_entries(database, limit):
        table.add_row(str(entry.id), entry.start_url, entry.job or "(by hand)", entry.status,
                      entry.worker or "", f"{entry.enqueued_at:%Y-%m-%d %H:%M:%S}",
                      f"{entry.finished_at:%H:%M:%S}" if entry.finished_at else "", entry.message or "")
    console.print(table)
