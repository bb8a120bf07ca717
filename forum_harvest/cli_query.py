"""Commands that read the collection: ``search``, ``threads``, ``thread``, ``export``, ``sql``,
``browse``. Tables go to stdout through rich; jsonl/csv go to stdout (or --out) alone, and
anything for humans about them (counts, index builds) goes to stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

import click

import db
from db.queries import THREAD_SORTS, thread_posts
from db.read_only_sql import DEFAULT_TIMEOUT_SECONDS, QueryInterrupted, read_only_query
from db.search import search_posts
from db.search_index import install_search_index, rebuild_search_index
from forum_harvest import query_tables, tables
from forum_harvest.cli_filters import post_filter_options, post_filters
from forum_harvest.cli_options import DB_OPTION, MEDIA_DIR_OPTION, console, reading, user_errors, writing_to
from forum_harvest.database_choice import command_database_url
from forum_harvest.export_formats import EXPORT_FIELDS, WRITERS, write_csv, write_jsonl, write_parquet
from pipeline.media_files import media_root

SEARCH_FIELDS = (*EXPORT_FIELDS, "score", "matched_in", "snippet")


def format_option(default: str) -> Any:
    return click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]),
                        default=default, show_default=True)


OUT_OPTION = click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None,
                          help="File to write (default: standard output).")


@click.command()
@click.argument("query", required=False)
@DB_OPTION
@post_filter_options
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@format_option("table")
@click.option("--rebuild", is_flag=True, help="Rebuild the search index from the stored text first.")
@user_errors
def search(query: str | None, database: str | None, limit: int, fmt: str, rebuild: bool,
           **filter_options: Any) -> None:
    """Full-text search of post bodies and thread titles, best hits first.

    Finds any substring of 1 or more characters (Chinese or not, case-insensitive); terms
    separated by spaces must all occur; "quoted words" must occur together in that order.
    The best N hits among the newest max(N, 200) matches, for speed on very common words.
    """
    if query is None and not rebuild:
        raise click.UsageError("give a QUERY (or --rebuild)")
    filters = post_filters(**filter_options)
    with _indexed(database, rebuild) as conn:
        if query is None:
            return
        hits = search_posts(conn, query, filters, limit)
    if fmt == "table":
        query_tables.print_search_hits(console, query, hits)
        return
    records = ({k: v for k, v in hit.items() if k != "snippet_segments"} for hit in hits)
    _write(records, fmt, sys.stdout, SEARCH_FIELDS)


@click.command()
@DB_OPTION
@click.option("--site", default=None, help="Only this site (its root URL).")
@click.option("--forum", default=None, help="Only this forum: its id, or its exact name.")
@click.option("--min-replies", type=click.IntRange(min=0), default=None,
              help="Only threads with at least N replies.")
@click.option("--sort", type=click.Choice(THREAD_SORTS), default="newest", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@format_option("table")
@user_errors
def threads(database: str | None, site: str | None, forum: str | None, min_replies: int | None,
            sort: str, limit: int, fmt: str) -> None:
    """List stored threads."""
    forum_key = int(forum) if forum is not None and forum.strip().isdigit() else forum
    with reading(database) as conn:
        rows = db.list_threads(conn, site=site, forum_id=forum_key, limit=limit,
                               min_replies=min_replies, sort=sort)
    if fmt == "table":
        tables.print_threads(console, rows)
    else:
        _write(rows, fmt, sys.stdout, list(rows[0]) if rows else ["thread_id"])


@click.command()
@click.argument("thread_id", type=int)
@DB_OPTION
@click.option("--site", default=None, help="The site, when several have this thread id.")
@user_errors
def thread(thread_id: int, database: str | None, site: str | None) -> None:
    """Show one whole thread: every floor with its quotes, attachments, edit marks and signature."""
    with reading(database) as conn:
        posts = thread_posts(conn, thread_id, site=site)
    query_tables.print_thread(console, posts)


@click.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(sorted([*WRITERS, "parquet"])), default="jsonl",
              show_default=True)
@OUT_OPTION
@post_filter_options
@click.option("--query", default=None, help="Only posts matching this search (best first).")
@user_errors
def export(database: str | None, fmt: str, out: str | None, query: str | None,
           **filter_options: Any) -> None:
    """Export one record per post as JSON Lines, CSV or Parquet (the filters narrow it down)."""
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet writes a file: add --out FILE")
    filters = post_filters(**filter_options)
    with _indexed(database, rebuild=False) if query else reading(database) as conn:
        if query:
            hits = search_posts(conn, query, filters, limit=None)
            records: Iterable[dict] = ({k: hit[k] for k in EXPORT_FIELDS} for hit in hits)
        else:
            records = db.export_records(conn, filters=filters)
        with writing_to(out):
            if fmt == "parquet":
                count = write_parquet(records, out)
            else:
                count = _write_to(out, lambda handle: _write(records, fmt, handle, EXPORT_FIELDS))
    if out is not None:
        click.echo(f"wrote {count} posts to {out}", err=True)


@click.command()
@click.argument("statement")
@DB_OPTION
@format_option("table")
@OUT_OPTION
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT_SECONDS, show_default=True,
              metavar="SECONDS", help="Stop the statement after this long (0: no limit).")
@user_errors
def sql(statement: str, database: str | None, fmt: str, out: str | None, timeout: float) -> None:
    """Run one SQL statement on a read-only connection (views: v_posts, v_threads).
    Ctrl-C stops a running statement (exit status 130)."""
    if fmt == "table" and out is not None:
        raise click.UsageError("--out writes jsonl or csv: add --format jsonl or --format csv")
    try:
        _run_sql(command_database_url(database), statement, fmt, out, timeout)
    except (QueryInterrupted, KeyboardInterrupt):
        click.echo(str(QueryInterrupted()), err=True)
        raise SystemExit(130) from None


def _run_sql(url: str, statement: str, fmt: str, out: str | None, timeout: float) -> None:
    with read_only_query(url, statement, timeout) as (columns, rows):
        if fmt == "table":
            query_tables.print_rows(console, columns, rows)
            return
        records = (dict(zip(columns, row)) for row in rows)
        with writing_to(out):
            count = _write_to(out, lambda handle: _write(records, fmt, handle, columns))
    if out is not None:
        click.echo(f"wrote {count} rows to {out}", err=True)


@click.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8001, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open a web browser on it.")
@MEDIA_DIR_OPTION
@user_errors
def browse(database: str | None, host: str, port: int, open_browser: bool, media_dir: str | None) -> None:
    """Open the database in Datasette (pip install 'forum-harvest[browse]'), with search and
    a page per thread (its downloaded pictures served from the media folder)."""
    from forum_harvest.browse import run_datasette

    _prepare_index(database, rebuild=False)
    url = command_database_url(database)
    raise SystemExit(run_datasette(url, host, port, open_browser, media_root(media_dir, url)))


def _prepare_index(database: str | None, rebuild: bool) -> None:
    """Make sure the search index exists (built now if missing, or rebuilt on request)."""
    engine = db.open_existing(command_database_url(database))
    try:
        with engine.begin() as conn:
            if rebuild:
                rebuild_search_index(conn)
                click.echo("rebuilt the search index", err=True)
            elif install_search_index(conn):
                click.echo("built the search index (once for this database)", err=True)
    finally:
        engine.dispose()


@contextmanager
def _indexed(database: str | None, rebuild: bool) -> Iterator[Any]:
    """A connection to a database whose search index exists."""
    _prepare_index(database, rebuild)
    with reading(database) as conn:
        yield conn


def _write(records: Iterable[dict], fmt: str, out: TextIO, fields: Sequence[str]) -> int:
    return write_jsonl(records, out) if fmt == "jsonl" else write_csv(records, out, fields)


def _write_to(out: str | None, write: Any) -> int:
    if out is None:
        return write(sys.stdout)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        return write(handle)

