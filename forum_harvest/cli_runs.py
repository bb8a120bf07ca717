"""``forum-harvest runs [--site S] [--limit N] [--gaps]``: crawl history and open gaps."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import click
from rich import box
from rich.table import Table

import db
from forum_harvest.cli_options import DB_OPTION, console, reading, user_errors
from forum_harvest.export_formats import write_jsonl

RUN_FIELDS = ("id", "site", "started_at", "seconds", "pages", "posts_new", "posts_changed", "errors",
              "status", "message")
GAP_FIELDS = ("site", "url", "kind", "reason", "attempts", "first_seen_at", "last_seen_at")
# Table headers (jsonl keeps the field names).
RUN_HEADERS = {"id": "#", "site": "site", "started_at": "UTC", "seconds": "s", "pages": "pages",
               "posts": "posts", "errors": "err", "status": "status", "message": "reason"}
GAP_HEADERS = {"url": "url", "kind": "kind", "reason": "reason", "attempts": "tries",
               "last_seen_at": "last seen (UTC)"}


@click.command()
@DB_OPTION
@click.option("--site", default=None, metavar="S", help="Only runs of sites whose URL contains S.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--gaps", is_flag=True, help="Also list the pages still unread (crawl_gaps).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@user_errors
def runs(database: str | None, site: str | None, limit: int, gaps: bool, fmt: str) -> None:
    """Crawl history, newest first: start, duration, pages, new/changed posts, errors, status
    and reason; with --gaps, the pages failed crawls left unread (the next crawl of the site
    fetches them first)."""
    with reading(database) as conn:
        history = [_run_record(run) for run in db.crawl_runs(conn, limit=limit, site=site)]
        open_gaps = [_gap_record(gap) for gap in db.open_gaps(conn)] if gaps else []
    if site:
        open_gaps = [gap for gap in open_gaps if site in gap["site"]]
    if fmt == "jsonl":
        write_jsonl(history if not gaps else [*history, *({"gap": True, **gap} for gap in open_gaps)],
                    sys.stdout)
        return
    console.print(_table("crawl runs", RUN_HEADERS, [_short_run(run) for run in history]))
    if gaps:
        console.print(_table(f"{len(open_gaps)} open gaps", GAP_HEADERS,
                             [{**gap, "last_seen_at": _minute(gap["last_seen_at"])} for gap in open_gaps]))


def _run_record(run: dict[str, Any]) -> dict[str, Any]:
    started, finished = run["started_at"], run["finished_at"]
    seconds = round((finished - started).total_seconds(), 1) if finished else None
    record = {field: run.get(field) for field in RUN_FIELDS} | {"seconds": seconds}
    record["site"] = run["site"] or run["start_url"]
    return {key: _plain(value) for key, value in record.items()}


def _gap_record(gap: dict[str, Any]) -> dict[str, Any]:
    return {field: _plain(gap[field]) for field in GAP_FIELDS}


def _short_run(run: dict[str, Any]) -> dict[str, Any]:
    started = _minute(run["started_at"])
    return {**run, "site": urlsplit(run["site"]).netloc or run["site"], "started_at": started and started[5:],
            "posts": f"+{run['posts_new']} ~{run['posts_changed']}"}


def _minute(iso: str | None) -> str | None:
    return iso[:16].replace("T", " ") if iso else None


def _plain(value: Any) -> Any:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else value


def _table(title: str, headers: dict[str, str], records: list[dict[str, Any]]) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    fields = tuple(headers)
    for field in fields:
        wraps = field in ("site", "message", "url", "reason")
        table.add_column(headers[field], overflow="fold", no_wrap=not wraps, min_width=8 if wraps else None)
    for record in records:
        table.add_row(*("" if record[field] is None else str(record[field]) for field in fields))
    return table
