"""Make sure every scheduled crawl leaves exactly one finished ``crawl_runs`` row.

The crawl writes its own row once it has recognised the site. A crawl that timed out, was
stopped, crashed, or failed before writing one would otherwise leave no trace (or a row stuck
in ``running``); here the scheduler closes or adds that row with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, inspect, select

import db
from db.run_journal import apply_run_journals
from db.upsert import RUN_COUNT_COLUMNS
from forum_harvest.crawl_outcome import EXIT_CODES
from forum_harvest.runs.crawl_process import CrawlExit

_runs = db.CrawlRun.__table__


@dataclass(frozen=True)
class RunSummary:
    """How one crawl ended, as its crawl_runs row says."""

    url: str
    run_id: int
    status: str
    pages: int
    posts_new: int
    posts_changed: int
    errors: int
    message: str | None

    def describe(self) -> str:
        counts = (f"{self.pages} pages, {self.posts_new} new posts, "
                  f"{self.posts_changed} changed, {self.errors} errors")
        return f"{self.status} ({counts})" + (f": {self.message}" if self.message else "")


def latest_run_id(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.coalesce(func.max(_runs.c.id), 0))).scalar_one()


def settle_run(engine: Engine, url: str, after_id: int, crawl: CrawlExit,
               timeout: float) -> RunSummary:
    """The row of the crawl of ``url`` started after run ``after_id``, closed if it was left
    open and added if the crawl wrote none. A run's end the crawl left in a journal (its
    database refused the write) is recorded first, with the crawl's true counts."""
    apply_run_journals(engine, engine.url.render_as_string(hide_password=False))
    status, message = _verdict(crawl, timeout)
    with engine.begin() as conn:
        row = conn.execute(
            select(_runs).where(_runs.c.id > after_id, _runs.c.start_url == url)
            .order_by(_runs.c.id.desc()).limit(1)
        ).mappings().first()
        if row is None:
            run_id = db.record_crawl_start(conn, url)
            db.record_crawl_end(conn, run_id, status or "failed", {},
                                message or "the crawl ended without recording a run")
        elif row["status"] == "running" or (row["status"] == "interrupted" and message):
            run_id = row["id"]
            db.record_crawl_end(conn, run_id, status or "failed", _counts(row),
                                message or "the crawl ended without closing its run")
        else:
            run_id = row["id"]
        final = conn.execute(select(_runs).where(_runs.c.id == run_id)).mappings().one()
    return _summary(final)


def latest_run(engine: Engine, urls: list[str]) -> RunSummary | None:
    """The newest run that started at one of ``urls``; None if there is none (or no table)."""
    if not inspect(engine).has_table(_runs.name):
        return None
    with engine.connect() as conn:
        row = conn.execute(
            select(_runs).where(_runs.c.start_url.in_(urls)).order_by(_runs.c.id.desc()).limit(1)
        ).mappings().first()
    return None if row is None else _summary(row)


def _summary(row: Any) -> RunSummary:
    return RunSummary(row["start_url"], row["id"], row["status"], row["pages"], row["posts_new"],
                      row["posts_changed"], row["errors"], row["message"])


def _verdict(crawl: CrawlExit, timeout: float) -> tuple[str | None, str | None]:
    """Status and message for the row, from how the process ended (None: trust the row)."""
    if crawl.timed_out:
        return "interrupted", f"timed out after {timeout:g} s: stopped by the scheduler"
    if crawl.stopped:
        return "interrupted", "stopped: the scheduler was shutting down"
    if crawl.returncode not in (0, EXIT_CODES["incomplete"]):
        return "failed", crawl.reason or f"the crawl exited with status {crawl.returncode}"
    return None, None


def _counts(row: Any) -> dict[str, Any]:
    """The row's counts and stats, so closing it again keeps what the crawl reported."""
    return {**(row["stats"] or {}), **{column: row[column] for column in RUN_COUNT_COLUMNS}}
