"""The ``forum-harvest`` command. Each subcommand is a thin layer over a library function."""

from __future__ import annotations

import sys

import click

import db
from forum_harvest import tables
from forum_harvest.cli_options import DB_OPTION, console, reading, user_errors
from forum_harvest.crawl import run_crawl
from forum_harvest.export_formats import WRITERS

def parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ValueError(f"-s {pair!r}: expected NAME=VALUE")
        overrides[name] = value
    return overrides


@click.group()
def main() -> None:
    """Crawl Discuz! forums into clean, queryable records."""


@main.command()
@click.argument("url")
@DB_OPTION
@click.option("--tz", default=None, help="Timezone the site renders times in (default Asia/Shanghai).")
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting, e.g. -s AUTOTHROTTLE_ENABLED=False.")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log (INFO level).")
@user_errors
def crawl(url: str, database: str | None, tz: str | None, settings: tuple[str, ...],
          verbose: bool) -> None:
    """Crawl a Discuz! site, forum or thread from URL into the database."""
    database_url = db.resolve_database_url(database)
    db.make_engine(database_url).dispose()  # a bad URL fails here, before any fetch
    # Without -v the log stays quiet so stderr carries only a failure's one-line reason;
    # problems are still counted in the summary and the crawl_runs row.
    overrides = {"LOG_LEVEL": "INFO" if verbose else "CRITICAL", **parse_overrides(settings)}
    outcome = run_crawl(url, database_url, overrides, timezone=tz)
    tables.print_crawl_outcome(console, outcome)


@main.command()
@DB_OPTION
@user_errors
def stats(database: str | None) -> None:
    """Counts of what the database holds, and the last crawl."""
    with reading(database) as conn:
        tables.print_stats(console, db.stats(conn))


@main.command()
@DB_OPTION
@click.option("--site", default=None, help="Only this site (its root URL).")
@click.option("--forum", "forum_id", type=int, default=None, help="Only this forum id.")
@click.option("--limit", type=int, default=50, show_default=True)
@user_errors
def threads(database: str | None, site: str | None, forum_id: int | None, limit: int) -> None:
    """List stored threads."""
    with reading(database) as conn:
        tables.print_threads(console, db.list_threads(conn, site=site, forum_id=forum_id, limit=limit))


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(sorted(WRITERS)), default="jsonl",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="File to write (default: standard output).")
@click.option("--site", default=None, help="Only this site (its root URL).")
@user_errors
def export(database: str | None, fmt: str, out: str | None, site: str | None) -> None:
    """Export one record per post as JSON Lines or CSV."""
    with reading(database) as conn:
        records = db.export_records(conn, site=site)
        if out is None:
            count = WRITERS[fmt](records, sys.stdout)
        else:
            with open(out, "w", encoding="utf-8", newline="") as handle:
                count = WRITERS[fmt](records, handle)
    if out is not None:
        click.echo(f"wrote {count} posts to {out}", err=True)


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
