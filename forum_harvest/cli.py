"""The ``forum-harvest`` command. Each subcommand is a thin layer over a library function.

Scrapy and the crawl's stages are imported by the commands that crawl, not here: every
``forum-harvest`` process (``--help``, ``export``, ``runs``…) would pay for them."""

from __future__ import annotations

import sys

import click

import db
from forum_harvest import cli_query, tables
from forum_harvest.cli_runs import runs
from forum_harvest.cli_clean import clean
from forum_harvest.cli_db import db_commands
from forum_harvest.cli_media import media as media_command
from forum_harvest.cli_options import DB_OPTION, console, parse_overrides, reading, user_errors
from forum_harvest.cli_schedule import schedule
from forum_harvest.cli_warc import reparse, warc_commands
from forum_harvest.cli_worker import queue_crawl, queue_list, worker
from forum_harvest.distributed.broker import seconds_from_text
from forum_harvest.config import HealthConfig
from forum_harvest.crawl_outcome import CrawlOutcome
from forum_harvest.database_choice import command_database_url
from forum_harvest.health_alert import post_alert
from forum_harvest.sample_forum.look import LANGUAGES, SKINS
from forum_harvest.sample_forum.engines import ENGINES as SAMPLE_ENGINES
from forum_harvest.sample_forum.protection import PROTECTION_MODES
from forum_harvest.site_profile import find_profile, load_optional_config, profile_name, profile_settings
from forum_harvest.site_secrets import required_cookies, site_cookies
from pipeline.media_stage import MEDIA_MODES, media_mode


def progress_mode(quiet: bool, verbose: bool) -> str:
    """A live line on a terminal, a log line now and then off one (or with -v, beside the
    log), none with --quiet (scraper/progress.py)."""
    if quiet:
        return "off"
    return "live" if sys.stderr.isatty() and not verbose else "log"


@click.group()
def main() -> None:
    """Crawl forums (Discuz! and the other engines scraper.engines reads) into clean, queryable records."""


@main.command()
@click.argument("url")
@DB_OPTION
@click.option("--tz", default=None, help="Timezone the site renders times in (default Asia/Shanghai).")
@click.option("--forums", default=None, metavar="IDS", help="Only these forum ids, e.g. 2,5.")
@click.option("--max-threads", default=None, metavar="N", help="Stop discovering threads after N.")
@click.option("--engine", default=None, metavar="NAME",
              help="The forum engine (discuz, phpbb…), when the pages do not tell; default: found from the start page.")
@click.option("--full", is_flag=True, help="Re-read every thread page, not only what changed.")
@click.option("--config", "config_file", default=None, metavar="FILE",
              help="Config file (default: $FORUM_HARVEST_CONFIG, else ./forum-harvest.toml if present).")
@click.option("--site", "site_name", default=None, metavar="NAME",
              help="Use [sites.NAME] of the config (default: the site whose url matches URL).")
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting, e.g. -s AUTOTHROTTLE_ENABLED=False.")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log (INFO level).")
@click.option("--no-warc", is_flag=True, help="Keep no WARC copy of the fetched pages.")
@click.option("--media", type=click.Choice(MEDIA_MODES), default=None,
              help="Download the posts' pictures, attachments or both (docs/media.md); default: the site "
                   "profile's media, else none.")
@click.option("--queue", "queued", is_flag=True,
              help="Put the crawl on the broker's queue for a worker instead of running it here.")
@click.option("--timeout", default="6h", show_default=True, metavar="DURATION",
              help="With --queue: the crawl's wall-clock limit, e.g. 90m or 2h.")
@click.option("-q", "--quiet", is_flag=True, help="No progress while the crawl runs.")
@click.option("--secrets-of", "secrets_of", default=None, metavar="NAME",
              help="Send the cookies of [sites.NAME] of this machine's config (or $FORUM_HARVEST_COOKIES_NAME); "
                   "what a worker runs for a queued job.")
@user_errors
def crawl(url: str, database: str | None, tz: str | None, forums: str | None,
          max_threads: str | None, engine: str | None, full: bool, config_file: str | None, site_name: str | None,
          settings: tuple[str, ...], verbose: bool, no_warc: bool, media: str | None, queued: bool, timeout: str,
          quiet: bool, secrets_of: str | None) -> None:
    """Crawl a forum site, board or thread from URL into the database.

    The engine (Discuz!, phpBB…) is found from the start page; --engine forces one.

    A site crawled before is recrawled incrementally: threads whose reply count did not
    change are skipped, changed ones are read from their last known page on. A site
    profile of the config file (timezone, charset, cookies, site names) applies."""
    from forum_harvest.crawl import run_crawl

    config = load_optional_config(config_file)
    profile = find_profile(config, url, site_name)
    cookies_of = site_name or profile_name(config, profile)
    database_url = command_database_url(database, config)
    db.make_engine(database_url).dispose()  # a bad URL fails here, before any fetch
    media_mode(parse_overrides(settings).get("FORUM_MEDIA"))  # so does a bad -s FORUM_MEDIA=…, queued or not
    if queued:
        arguments = [*(["--forums", forums] if forums else []),
                     *(["--max-threads", max_threads] if max_threads else []), *(["--full"] if full else []),
                     *(["--engine", engine] if engine else []),
                     *(["--no-warc"] if no_warc else []), *(["--media", media] if media else [])]
        queue_crawl(url, database_url, config, profile, parse_overrides(settings),
                    seconds_from_text(timeout), tz, arguments,
                    secrets_of=cookies_of if site_cookies(config, cookies_of) else None)
        return
    try:
        db.open_existing(database_url).dispose()  # so does a database of an older version
    except db.DatabaseMissingError:
        pass  # a new database: the crawl creates it once it has found a forum
    # Without -v the log stays quiet so stderr carries only a failure's one-line reason;
    # problems are still counted in the summary and the crawl_runs row.
    cookies = required_cookies(config, secrets_of) if secrets_of else site_cookies(config, cookies_of)
    overrides = {"LOG_LEVEL": "INFO" if verbose else "CRITICAL", **profile_settings(profile),
                 **({"FORUM_COOKIES": cookies} if cookies else {}), **parse_overrides(settings)}
    if full:
        overrides["INCREMENTAL_CRAWL_ENABLED"] = "False"
    if no_warc:
        overrides["WARC_ENABLED"] = "False"
    if media:
        overrides["FORUM_MEDIA"] = media
    overrides.setdefault("FORUM_PROGRESS", progress_mode(quiet, verbose))
    outcome = run_crawl(url, database_url, overrides, tz=tz, forums=forums, max_threads=max_threads, engine=engine)
    tables.print_crawl_outcome(console, outcome)
    if outcome.health_reasons:
        report_degraded(url, outcome, config.health if config else HealthConfig())
    elif outcome.status != "finished":
        click.echo(f"{outcome.status}: {outcome.message or outcome.finish_reason}", err=True)
    if outcome.exit_code:
        raise SystemExit(outcome.exit_code)


def report_degraded(url: str, outcome: CrawlOutcome, health: HealthConfig) -> None:
    """Tell the webhook; the reasons go to stderr in one line (the exit code says degraded)."""
    problem = post_alert(health, url, outcome)
    if problem:
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"Error: crawl degraded: {'; '.join(outcome.health_reasons)}", err=True)


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
main.add_command(media_command)
main.add_command(reparse)
main.add_command(warc_commands)
main.add_command(worker)
main.add_command(queue_list)
main.add_command(cli_query.search)
main.add_command(cli_query.threads)
main.add_command(cli_query.thread)
main.add_command(cli_query.export)
main.add_command(cli_query.sql)
main.add_command(cli_query.browse)
main.add_command(runs)


@main.group("sample-forum")
def sample_forum() -> None:
    """The bundled sample forum (Discuz!, or another engine's pages: --engine)."""


@sample_forum.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=0, help="Port (default: a free one).")
@click.option("--skin", type=click.Choice(SKINS), default="x35", show_default=True,
              help="Template family: Discuz! X3.5, X2.5, 6.x/7.x, a customised X3 skin, X3 touch.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="zh_cn", show_default=True, help="Language pack.")
@click.option("--clock", type=click.Choice(["24h", "12h"]), default="24h", show_default=True, help="Time format.")
@click.option("--charset", type=click.Choice(["utf-8", "gbk", "big5"]), default=None,
              help="Default: gbk for d7, big5 for zh_tw, else utf-8.")
@click.option("--real-archiver", is_flag=True, help="The X archiver as X3.5 prints it (sub-forums, hidden notices).")
@click.option("--protect", type=click.Choice(PROTECTION_MODES), default=None,
              help="Answer like a protected or throttling site (see docs/politeness.md).")
@click.option("--engine", type=click.Choice(list(SAMPLE_ENGINES)), default="discuz", show_default=True,
              help="The forum engine whose pages and URLs serve the content (--skin, --lang, --clock: Discuz only).")
@click.option("--posts-per-page", type=click.IntRange(min=1), default=None,
              help="The admin's posts a page (phpBB, SMF; default: the engine's install default).")
@click.option("--topics-per-page", type=click.IntRange(min=1), default=None,
              help="The admin's topics a page (phpBB, SMF; default: the engine's install default).")
def sample_forum_serve(host: str, port: int, skin: str, lang: str, clock: str, charset: str | None,
                       real_archiver: bool, protect: str | None, engine: str, posts_per_page: int | None,
                       topics_per_page: int | None) -> None:
    """Serve the sample forum until interrupted."""
    from forum_harvest.sample_forum import serve

    serve(host=host, port=port, charset=charset, protect=protect, skin=skin, lang=lang, clock12=clock == "12h",
          real_archiver=real_archiver, engine=engine, posts_per_page=posts_per_page, topics_per_page=topics_per_page)


@main.command()
@DB_OPTION
@user_errors
def demo(database: str | None) -> None:
    """Serve the sample forum on loopback, crawl it, and summarise what was collected."""
    from forum_harvest.demo import run_demo

    database_url = command_database_url(database)
    db.make_engine(database_url).dispose()
    summary = run_demo(database_url)
    tables.print_demo_summary(console, summary)
