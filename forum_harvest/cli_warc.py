"""``forum-harvest reparse`` and ``forum-harvest warc import``: the archive read again.

The replaying modules (Scrapy, the spider, cleaning) are imported inside the commands, so
that every other command of the CLI starts without them."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from forum_harvest.cli_options import DB_OPTION, console, parse_overrides, user_errors
from forum_harvest.crawl_outcome import CrawlOutcome
from forum_harvest.database_choice import command_database_url

SETTINGS_OPTION = click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
                               help="Override a Scrapy setting (e.g. a cleaning option).")
VERBOSE_OPTION = click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log (INFO level).")


def _overrides(settings: tuple[str, ...], verbose: bool) -> dict[str, object]:
    return {"LOG_LEVEL": "INFO" if verbose else "CRITICAL", **parse_overrides(settings)}


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r}: expected a date such as 2026-11-01", param_hint="--since") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _report(outcome: CrawlOutcome, what: str) -> None:
    rate = outcome.pages / outcome.seconds if outcome.seconds else 0.0
    console.print(f"{what} {outcome.pages} archived pages in {outcome.seconds:.1f} s ({rate:.0f} pages/s): "
                  f"{outcome.posts_new} new posts, {outcome.posts_changed} changed, "
                  f"{outcome.errors} errors ({outcome.finish_reason})")


@click.command()
@DB_OPTION
@click.option("--site", default=None, metavar="SITE",
              help="Only this site: its root URL or its folder under the WARC folder.")
@click.option("--since", default=None, metavar="DATE",
              help="Only pages captured since DATE (ISO 8601, UTC unless it says otherwise).")
@SETTINGS_OPTION
@VERBOSE_OPTION
@user_errors
def reparse(database: str | None, site: str | None, since: str | None, settings: tuple[str, ...],
            verbose: bool) -> None:
    """Read the archived pages (WARC) again with today's page readers and cleaning, offline.

    Changed posts are updated (their old body kept as a revision); identical ones are left
    alone. Reads the WARC files the crawls of the site wrote (see WARC_DIR)."""
    from forum_harvest.reparse import replay, site_folders, warc_files

    database_url = command_database_url(database)
    overrides = _overrides(settings, verbose)
    folders = site_folders(database_url, site, overrides)
    if len(folders) > 1:  # one replay per process: each site in a process of its own
        for folder in folders:
            command = [sys.executable, "-m", "forum_harvest", "reparse", "--db", database_url,
                       "--site", folder.name, *(f"-s{pair}" for pair in settings),
                       *(["--since", since] if since else []), *(["-v"] if verbose else [])]
            if subprocess.run(command).returncode:
                raise SystemExit(1)
        return
    outcome = replay(warc_files(folders[0]), database_url, since=_since(since), overrides=overrides)
    _report(outcome, f"reparsed {folders[0].name}:")


@click.group("warc")
def warc_commands() -> None:
    """WARC files: the pages as fetched."""


@warc_commands.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@DB_OPTION
@click.option("--url", "start", default=None, metavar="URL",
              help="Page to start from (default: the first HTML page in the files).")
@SETTINGS_OPTION
@VERBOSE_OPTION
@user_errors
def warc_import(files: tuple[Path, ...], database: str | None, start: str | None,
                settings: tuple[str, ...], verbose: bool) -> None:
    """Import WARC FILES of a Discuz! site (made by wget, browsertrix, Heritrix...)."""
    from forum_harvest.warc_import import import_warc

    outcome = import_warc(list(files), command_database_url(database), start, _overrides(settings, verbose))
    _report(outcome, "imported")
