"""The ``forum-harvest`` command. Each subcommand is a thin layer over a library function."""

from __future__ import annotations

import sys

import click

import db
from forum_harvest import cli_query, tables
from forum_harvest.cli_clean import clean
from forum_harvest.cli_db import db_commands
from forum_harvest.cli_options import DB_OPTION, console, reading, user_errors
from forum_harvest.cli_schedule import schedule
from forum_harvest.config import HealthConfig
from forum_harvest.crawl import CrawlOutcome, run_crawl
from forum_harvest.health_alert import post_alert
from forum_harvest.site_profile import find_profile, load_optional_config, profile_settings


def parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ValueError(f"-s {pair!r}: expected NAME=VALUE")
        overrides[name] = value
    return overrides


# Exit status of a crawl that finished but is unlike the site's earlier runs (run health).
DEGRADED_EXIT = 4


def progress_mode(quiet: bool, verbose: bool) -> str:
    """A live line on a terminal, a log line now and then off one (or with -v, beside the
    log), none with --quiet (scraper/progress.py)."""
    if quiet:
        return "off"
    return "live" if sys.stderr.isatty() and not verbose else "log"


@click.group()
def main() -> None:
    """Crawl Discuz! forums into clean, queryable records."""


@main.command()
@click.argument("url")
@DB_OPTION
@click.option("--tz", default=None, help="Timezone the site renders times in (default Asia/Shanghai).")
@click.option("--forums", default=None, metavar="IDS", help="Only these forum ids, e.g. 2,5.")
@click.option("--max-threads", default=None, metavar="N", help="Stop discovering threads after N.")
@click.option("--full", is_flag=True, help="Re-read every thread page, not only what changed.")
@click.option("--config", "config_file", default=None, metavar="FILE",
              help="Config file (default: $FORUM_HARVEST_CONFIG, else ./forum-harvest.toml if present).")
@click.option("--site", "site_name", default=None, metavar="NAME",
              help="Use [sites.NAME] of the config (default: the site whose url matches URL).")
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting, e.g. -s AUTOTHROTTLE_ENABLED=False.")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log (INFO level).")
@click.option("-q", "--quiet", is_flag=True, help="No progress while the crawl runs.")
@user_errors
def crawl(url: str, database: str | None, tz: str | None, forums: str | None,
          max_threads: str | None, full: bool, config_file: str | None, site_name: str | None,
          settings: tuple[str, ...], verbose: bool, quiet: bool) -> None:
    """Crawl a Discuz! site, forum or thread from URL into the database.

    A site crawled before is recrawled incrementally: threads whose reply count did not
    change are skipped, changed ones are read from their last known page on. A site
    profile of the config file (timezone, charset, cookies, site names) applies."""
    config = load_optional_config(config_file)
    profile = find_profile(config, url, site_name)
    database_url = config.resolved_database_url(database) if config else db.resolve_database_url(database)
    db.make_engine(database_url).dispose()  # a bad URL fails here, before any fetch
    try:
        db.open_existing(database_url).dispose()  # so does a database of an older version
    except db.DatabaseMissingError:
        pass  # a new database: the crawl creates it once it has found a forum
    # Without -v the log stays quiet so stderr carries only a failure's one-line reason;
    # problems are still counted in the summary and the crawl_runs row.
    overrides = {"LOG_LEVEL": "INFO" if verbose else "CRITICAL", **profile_settings(profile),
                 **parse_overrides(settings)}
    if full:
        overrides["INCREMENTAL_CRAWL_ENABLED"] = "False"
    overrides.setdefault("FORUM_PROGRESS", progress_mode(quiet, verbose))
    outcome = run_crawl(url, database_url, overrides, tz=tz, forums=forums, max_threads=max_threads)
    tables.print_crawl_outcome(console, outcome)
    if outcome.health_reasons:
        report_degraded(url, outcome, config.health if config else HealthConfig())


def report_degraded(url: str, outcome: CrawlOutcome, health: HealthConfig) -> None:
    """Tell the webhook, then exit with DEGRADED_EXIT and the reasons in one line."""
    problem = post_alert(health, url, outcome)
    if problem:
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"Error: crawl degraded: {'; '.join(outcome.health_reasons)}", err=True)
    sys.exit(DEGRADED_EXIT)


@main.command()
@DB_OPTION
@user_errors
def stats(database: str | None) -> None:
    """Counts of what the database holds, and the last crawl."""
    with reading(database) as conn:
        tables.print_stats(console, db.stats(conn))


main.add_command(clean)
main.add_command(schedule)
main.add_command(db_commands)
main.add_command(cli_query.search)
main.add_command(cli_query.threads)
main.add_command(cli_query.thread)
main.add_command(cli_query.export)
main.add_command(cli_query.sql)
main.add_command(cli_query.browse)


@main.group("sample-forum")
def sample_forum() -> None:
    """The bundled sample Discuz! forum."""


@sample_forum.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=0, help="Port (default: a free one).")
def sample_forum_serve(host: str, port: int) -> None:
    """Serve the sample forum until interrupted."""
    from forum_harvest.sample_forum import serve

    serve(host=host, port=port)


@main.command()
@DB_OPTION
@user_errors
def demo(database: str | None) -> None:
    """Serve the sample forum on loopback, crawl it, and summarise what was collected."""
    from forum_harvest.demo import run_demo

    database_url = db.resolve_database_url(database)
    db.make_engine(database_url).dispose()
    summary = run_demo(database_url)
    tables.print_demo_summary(console, summary)
