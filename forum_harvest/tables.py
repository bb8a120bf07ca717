"""Human-readable output of the CLI (rich tables). Machine formats live in export_formats."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table


def print_crawl_outcome(console: Console, outcome: Any) -> None:
    console.print(
        f"crawled {outcome.pages} pages in {outcome.seconds:.1f} s: "
        f"{outcome.posts_new} new posts, {outcome.posts_changed} changed, "
        + (f"{outcome.posts_deleted} gone (marked deleted), " if outcome.posts_deleted else "")
        + f"{outcome.errors} errors ({outcome.status})"
    )
    if outcome.status == "finished" and outcome.message:  # boards found to be links to elsewhere
        console.print(outcome.message)


def print_stats(console: Console, stats: dict[str, Any]) -> None:
    table = Table(title="forum-harvest database")
    table.add_column("what")
    table.add_column("value", justify="right")
    for key, value in stats.items():
        table.add_row(key, "" if value is None else str(value))
    console.print(table)


def print_threads(console: Console, rows: Iterable[dict[str, Any]]) -> None:
    table = Table(title="threads")
    columns = ("thread_id", "title", "forum_name", "author", "replies", "posts")
    for column in columns:
        table.add_column(column, justify="right" if column in ("thread_id", "replies", "posts") else "left")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    console.print(table)


def print_demo_summary(console: Console, summary: Any) -> None:
    table = Table(title=f"collected from {summary.site}")
    table.add_column("forum")
    table.add_column("threads", justify="right")
    table.add_column("posts", justify="right")
    for row in summary.forums:
        table.add_row(f"{row['forum_id']} {row['name']}", str(row["threads"]), str(row["posts"]))
    table.add_section()
    table.add_row(f"{len(summary.forums)} forums", str(summary.threads), str(summary.posts))
    console.print(table)
    console.print(
        f"{summary.outcome.pages} pages crawled in {summary.outcome.seconds:.1f} s "
        f"into {summary.database_url}"
    )
