"""The end of a crawl run its database could not take (disk full, server down), kept in a
small file until the next command that opens the database records it.

Where: a ``run-journal`` folder beside a SQLite file (it moves with the database, like the
``warc`` folder); when that cannot be written (it is on the full disk) and for PostgreSQL,
the folder named by ``$FORUM_HARVEST_RUN_JOURNAL``, by default ``data/run-journal`` under
the working directory (where ``data/forum.db``, the default database, lives). A journal
written on another machine than the next command's (a PostgreSQL database shared by
workers) waits there until a command runs on that machine.

One JSON file per run, ``<database key>-<host>-<pid>-<started>.json``, written whole (a
temporary file renamed): the database it belongs to (a SQLite file's absolute path, else the
URL without its password), the run's id (None when the run row itself could not be
written), start URL, site, host, pid, start and end times, status, message, counts and
health reasons. :func:`apply_run_journals` (called by ``db.open_existing`` and by a crawl
opening its database) closes the run row left ``running`` (or ``interrupted`` by
``db.abandoned_runs`` since) with them, or adds the run when it has no row, deletes the file
and says so in one line.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from db.abandoned_runs import left_open
from db.engine import Executor, sqlite_file
from db.models import CrawlRun, Site
from db.upsert import record_crawl_end, record_crawl_start

JOURNAL_DIR_ENV = "FORUM_HARVEST_RUN_JOURNAL"
DEFAULT_JOURNAL_DIR = Path("data") / "run-journal"
JOURNAL_FOLDER = "run-journal"


@dataclass
class RunEnd:
    """How a run ended, as its run row would have said."""

    database: str  # database_identity() of the database the run wrote to
    run_id: int | None
    start_url: str
    site: str | None
    host: str
    pid: int
    started_at: str  # ISO 8601, UTC
    finished_at: str
    status: str
    message: str | None
    counts: dict[str, Any] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        key = hashlib.sha1(self.database.encode()).hexdigest()[:12]
        started = self.started_at.replace(":", "").replace("+0000", "Z")
        return f"{key}-{self.host}-{self.pid}-{started}.json"


def database_identity(database_url: str) -> str:
    """A SQLite file's absolute path, else the URL without its password."""
    path = sqlite_file(database_url)
    if path is not None:
        return str(path.resolve())
    return make_url(database_url).render_as_string(hide_password=True)


def journal_dirs(database_url: str) -> list[Path]:
    """Where journals of this database are written (first that works) and looked for."""
    fallback = Path(os.environ.get(JOURNAL_DIR_ENV) or DEFAULT_JOURNAL_DIR)
    path = sqlite_file(database_url)
    beside = [path.resolve().parent / JOURNAL_FOLDER] if path is not None else []
    return list(dict.fromkeys([*beside, fallback.resolve()]))


def write_run_end(database_url: str, end: RunEnd) -> Path | None:
    """Keep ``end`` in the first journal folder that takes it; its path, None if none did."""
    for folder in journal_dirs(database_url):
        target = folder / end.file_name
        partial = target.with_name(target.name + ".part")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with open(partial, "w", encoding="utf-8") as out:
                json.dump(asdict(end), out, ensure_ascii=False)
                out.flush()
                os.fsync(out.fileno())
            partial.replace(target)
            return target
        except OSError:
            _remove(partial)
    return None


def pending_run_ends(database_url: str) -> list[tuple[Path, RunEnd]]:
    """The journals waiting for this database, oldest run first."""
    identity = database_identity(database_url)
    found = []
    for folder in journal_dirs(database_url):
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            try:
                end = RunEnd(**json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError):
                continue  # not ours, or unreadable: left alone
            if end.database == identity:
                found.append((path, end))
    return sorted(found, key=lambda pair: pair[1].started_at)


def apply_run_journals(engine: Engine, database_url: str,
                       report: Callable[[str], None] | None = None) -> int:
    """Record the runs the journals of this database hold; how many. Each is claimed first
    (renamed), so two commands never record one twice; one the database still refuses stays."""
    say = report or _to_stderr
    applied = 0
    for path, end in pending_run_ends(database_url):
        claimed = path.with_name(f"{path.name}.applying-{os.getpid()}")
        try:
            path.rename(claimed)
        except OSError:
            continue  # another command took it
        try:
            with engine.begin() as conn:
                run_id = record_run_end(conn, end)
        except SQLAlchemyError:
            claimed.rename(path)
            continue
        claimed.unlink(missing_ok=True)
        if run_id is not None:
            applied += 1
            say(describe(run_id, end, path))
    return applied


def record_run_end(conn: Executor, end: RunEnd) -> int | None:
    """Close the run's row as the journal says, adding the row when it was never written;
    the run's id. None when the row was closed since (by the run itself): left as it is."""
    row = conn.execute(select(CrawlRun.status, CrawlRun.message).where(CrawlRun.id == end.run_id)).first() \
        if end.run_id is not None else None
    if row is not None and not left_open(row.status, row.message):
        return None
    run_id = end.run_id if row is not None else record_crawl_start(
        conn, end.start_url, _site_id(conn, end.site), host=end.host, pid=end.pid)
    record_crawl_end(conn, run_id, end.status, end.counts, end.message, end.reasons)
    conn.execute(update(CrawlRun).where(CrawlRun.id == run_id).values(
        started_at=datetime.fromisoformat(end.started_at), finished_at=datetime.fromisoformat(end.finished_at)))
    return run_id


def describe(run_id: int, end: RunEnd, path: Path) -> str:
    """The one line a command prints when it recorded a journal."""
    new, changed = end.counts.get("posts_new", 0), end.counts.get("posts_changed", 0)
    reason = f": {end.message}" if end.message else ""
    return (f"recorded crawl run {run_id} of {end.start_url} from {path}: {end.status}{reason} "
            f"({new} new posts, {changed} changed)")


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def _site_id(conn: Executor, site: str | None) -> int | None:
    if site is None:
        return None
    return conn.execute(select(Site.id).where(Site.url == site)).scalar_one_or_none()


def _remove(partial: Path) -> None:
    try:
        partial.unlink(missing_ok=True)
    except OSError:
        pass  # its folder is no folder, or the disk is read-only: nothing was left there


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
