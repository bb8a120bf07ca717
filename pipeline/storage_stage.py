"""Scrapy item pipeline that writes items to the database in batched upserts.

Reads the settings ``DATABASE_URL`` (falls back to the environment, then
``sqlite:///data/forum.db``) and ``STORAGE_BATCH_SIZE``. The database is touched only once
the spider has recognised a Discuz! site (its first item): a crawl that fails before that
leaves the database as it was, except that a start URL that could not be fetched adds a
``failed`` run to an existing database. Each flush is one transaction (posts, threads, and
the gaps found and closed, see ``scraper.gaps``), so a crawl killed at any moment leaves
whole batches behind, never half of one; the run row is then left ``running`` and the next
crawl simply fetches the rest again. The run's end status comes from
``pipeline.run_verdict`` and is also left in the stats for the CLI; a finished run unlike the
site's earlier runs (``pipeline.run_health``; settings ``FORUM_HEALTH_*``) is recorded
``degraded`` with its reasons.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import asdict, astuple, dataclass, fields, replace
from datetime import UTC, datetime
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from sqlalchemy import Connection
from sqlalchemy.engine import Engine

import db
from db.run_journal import RunEnd, apply_run_journals, database_identity, now_iso, record_run_end, write_run_end
from pipeline.batch_store import BatchStore, RetryPolicy, Row, StorageFailed
from pipeline.cleaning_stage import POST_GAPS, STAT_PREFIX
from pipeline.post_cleaning import CleaningCounts
from pipeline.run_health import HealthLimits, RunFigures, assess
from pipeline.run_verdict import STORAGE_FAILED_STAT, run_errors, run_verdict
from pipeline.write_faults import row_failure
from scraper.items import ForumItem, PostItem, SiteItem, ThreadItem, ThreadPageItem, ThreadReadItem

POST_COLUMNS = (
    "thread_id", "floor", "post_id", "author", "author_banned", "content_hidden", "posted_at",
    "posted_at_precision", "edited_at", "edited_by", "body", "quotes", "images", "signature", "url",
    "fetched_at", "warc_file", "warc_offset", "attachments",
)
# Cleaning counts kept in the run row's ``stats`` JSON (see pipeline.cleaning_stage).
CLEANING_COUNTS = tuple(counter.name for counter in fields(CleaningCounts))
RUN_STATUS_STAT = "forum_harvest/run_status"
RUN_MESSAGE_STAT = "forum_harvest/run_message"
HEALTH_STAT = "forum_harvest/health"  # the reasons a run is degraded, for the CLI
JOURNAL_STAT = "forum_harvest/run_journal"  # the file keeping the run's end the database refused


@dataclass
class Batch:
    """What one flush writes: the gaps found and closed since the last one, forums, threads,
    posts, and the threads read whole (their posts not shown are marked deleted)."""

    gaps: list[db.Gap]
    cleared: set[str]
    forums: list[Row]
    threads: list[Row]
    posts: list[Row]
    threads_read: list[ThreadReadItem]


@dataclass(frozen=True)
class Written:
    """Posts a committed transaction stored (all of them, the new ones, the changed ones) and
    marked deleted."""

    stored: int = 0
    new: int = 0
    changed: int = 0
    deleted: int = 0

    def __add__(self, other: Written) -> Written:
        return Written(*(mine + theirs for mine, theirs in zip(astuple(self), astuple(other), strict=True)))


class StoragePipeline:
    def __init__(self, crawler: Crawler, database_url: str, batch_size: int,
                 retry: RetryPolicy = RetryPolicy()) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.batch_size = batch_size
        self.retry = retry
        self.engine: Engine | None = None
        self.store: BatchStore | None = None
        self.site: SiteItem | None = None
        self.site_id: int | None = None
        self.run_id: int | None = None
        self.forums: dict[int, dict] = {}
        self.threads: dict[int, dict] = {}
        self.posts: list[dict] = []
        self.threads_read: list[ThreadReadItem] = []  # whole threads: marked after their posts are stored
        self.failure: str | None = None  # why the database takes no more writes
        self.closing = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        settings = crawler.settings
        url = db.resolve_database_url(settings.get("DATABASE_URL"))
        retry = RetryPolicy(settings.getint("STORAGE_RETRY_TIMES"), settings.getfloat("STORAGE_RETRY_BACKOFF"))
        pipeline = cls(crawler, url, settings.getint("STORAGE_BATCH_SIZE", 500), retry)
        crawler.signals.connect(pipeline.record_end, signal=signals.spider_closed)
        return pipeline

    def process_item(self, item: Any) -> Any:
        if self.failure is not None:
            return item  # the crawl is stopping: nothing more is stored, nor counted
        if isinstance(item, SiteItem):
            self.begin(item)
        elif isinstance(item, ForumItem):
            row = {k: v for k, v in asdict(item).items() if k != "site"}  # url: for a gap
            self.forums[item.forum_id] = merge_known(self.forums.get(item.forum_id), row)
        elif isinstance(item, ThreadItem):
            self.add_thread(item)
        elif isinstance(item, ThreadPageItem):
            self.add_thread(item.thread)
            for post in item.posts:
                self.add_post(post)
        elif isinstance(item, ThreadReadItem):
            self.threads_read.append(item)
        return item

    def add_thread(self, item: ThreadItem) -> None:
        row = {k: v for k, v in asdict(item).items() if k != "site"}
        self.threads[item.thread_id] = merge_known(self.threads.get(item.thread_id), row)
        if len(self.threads) >= self.batch_size:  # a recrawl skipping every thread reads no posts
            self.flush()

    def add_post(self, item: PostItem) -> None:
        self.posts.append({name: getattr(item, name) for name in POST_COLUMNS})
        if len(self.posts) >= self.batch_size:
            self.flush()

    def begin(self, site: SiteItem) -> None:
        if self.engine is not None:
            return
        self.site = site
        self.engine = db.make_engine(self.database_url)
        self.store = BatchStore(self.engine, self.database_url, self.retry)
        try:
            self.store.retry(lambda: db.create_schema(self.engine))
            apply_run_journals(self.engine, self.database_url)
            self.site_id, self.run_id = self.store.commit(self.open_run)
        except StorageFailed as failure:
            self.stop(str(failure))

    def open_run(self, conn: Connection) -> tuple[int, int]:
        """The site's id and this run's, the site's runs left by dead processes closed."""
        host = socket.gethostname()
        site_id = db.upsert_site(conn, self.site.site, self.site.name, self.site.timezone, self.site.engine)
        db.close_abandoned_runs(conn, site_id, host)
        return site_id, db.record_crawl_start(conn, self.crawler.spider.start_url, site_id,
                                              host=host, pid=os.getpid())

    def flush(self) -> None:
        """Write everything buffered, with the gaps found and closed: one transaction, or
        row by row when some rows cannot be stored (then their gaps too)."""
        if self.store is None or self.failure is not None:
            return
        gaps, cleared = self.crawler.spider.gaps.drain()
        batch = Batch(gaps, cleared, list(self.forums.values()), list(self.threads.values()), self.posts,
                      self.threads_read)
        self.forums, self.threads, self.posts, self.threads_read = {}, {}, [], []
        try:
            self.write(batch)
            late, late_cleared = self.crawler.spider.gaps.drain()  # the rows that could not be stored
            if late or late_cleared:
                self.store.commit(lambda conn: self.write_gaps(conn, late, late_cleared))
        except StorageFailed as failure:
            self.stop(str(failure))

    def write(self, batch: Batch) -> None:
        try:
            written = self.store.commit(lambda conn: self.write_all(conn, batch))
        except StorageFailed:
            raise
        except Exception:  # rows at fault: BatchStore.commit raises nothing else
            self.write_row_by_row(batch)
            return
        self.count(written)

    def write_all(self, conn: Connection, batch: Batch) -> Written:
        self.write_gaps(conn, batch.gaps, batch.cleared)
        if batch.forums:
            db.upsert_forums(conn, self.site_id, batch.forums)
        if batch.threads:
            db.upsert_threads(conn, self.site_id, batch.threads)
        return self.write_posts(conn, batch.posts) + self.mark_deleted(conn, batch.threads_read)

    def write_row_by_row(self, batch: Batch) -> None:
        """The batch without the rows that cannot be stored, each of which becomes a gap."""
        self.store.commit(lambda conn: self.write_gaps(conn, batch.gaps, batch.cleared))
        parts = (("list", batch.forums, self.upsert(db.upsert_forums)),
                 ("thread", batch.threads, self.upsert(db.upsert_threads)),
                 ("post", batch.posts, self.write_posts))
        for kind, rows, write in parts:
            for written in self.store.store_rows(rows, write, self.unstorable(kind)):
                self.count(written)
        self.count(self.store.commit(lambda conn: self.mark_deleted(conn, batch.threads_read)))

    def write_gaps(self, conn: Connection, gaps: list[db.Gap], cleared: set[str]) -> None:
        db.record_gaps(conn, self.site_id, self.run_id, gaps)
        db.clear_gaps(conn, self.site_id, cleared)

    def write_posts(self, conn: Connection, rows: Sequence[Row]) -> Written:
        if not rows:
            return Written()
        new, changed = db.upsert_posts(conn, self.site_id, rows)
        return Written(len(rows), new, changed)

    def mark_deleted(self, conn: Connection, reads: list[ThreadReadItem]) -> Written:
        shown = [(read.thread_id, read.shown) for read in reads]
        return Written(deleted=db.mark_threads_deleted(conn, self.site_id, shown))

    def upsert(self, upsert_rows: Callable[[Connection, int, Sequence[Row]], None]
               ) -> Callable[[Connection, Sequence[Row]], Written]:
        def write(conn: Connection, rows: Sequence[Row]) -> Written:
            upsert_rows(conn, self.site_id, rows)
            return Written()

        return write

    def unstorable(self, kind: str) -> Callable[[Row, BaseException], None]:
        """Records a row that cannot be stored as a gap of ``kind`` (its page is read again
        by the next crawl), naming the row and the cause."""

        def record(row: Row, error: BaseException) -> None:
            floor = f"floor {row.get('floor')} " if kind == "post" else ""
            self.crawler.spider.record_gap(row.get("url") or self.site.site, kind,
                                           f"{floor}cannot be stored: {row_failure(error)}")

        return record

    def count(self, written: Written) -> None:
        """What a committed transaction stored (never before it committed)."""
        stats = self.crawler.stats
        stats.inc_value("storage/posts_stored", written.stored)
        stats.inc_value("storage/posts_new", written.new)
        stats.inc_value("storage/posts_changed", written.changed)
        stats.inc_value("storage/posts_deleted", written.deleted)

    def stop(self, message: str) -> None:
        """The database takes no more writes: the crawl stops and its run fails with ``message``;
        what is buffered is dropped uncounted."""
        if self.failure is None:
            self.failure = message
            self.crawler.stats.set_value(STORAGE_FAILED_STAT, message)
        self.forums, self.threads, self.posts, self.threads_read = {}, {}, [], []
        if not self.closing:
            self.closing = True
            self.crawler.engine.close_spider(self.crawler.spider, "failed")

    def close_spider(self) -> None:
        self.closing = True
        self.flush()

    def record_end(self, spider: Any, reason: str) -> None:
        self.closing = True
        self.flush()  # before the verdict: it counts what was committed and the rows that were not
        stats = self.crawler.stats
        gap_counts = spider.gaps.counts()
        page_cap = self.crawler.settings.getint("CLOSESPIDER_PAGECOUNT")
        status, message = run_verdict(reason, gap_counts, stats.get_stats(), page_cap)
        stats.set_value(RUN_STATUS_STAT, status)
        stats.set_value(RUN_MESSAGE_STAT, message)
        if self.engine is None:
            if spider.start_fetch_failed:
                self.record_start_failure(spider.start_url, message, run_errors(stats.get_stats(), gap_counts))
            return
        end = self.run_end(status, self.run_counts(spider, gap_counts), message)
        try:
            end.status, end.reasons = self.store.commit(lambda conn: self.close_run(conn, end))
        except StorageFailed as failure:
            self.stop(str(failure))
            end.status, end.message = run_verdict(reason, gap_counts, stats.get_stats(), page_cap)
            path = write_run_end(self.database_url, end)
            stats.set_value(JOURNAL_STAT, str(path) if path else None)
        stats.set_value(RUN_STATUS_STAT, end.status)
        stats.set_value(RUN_MESSAGE_STAT, end.message)
        if end.reasons:
            stats.set_value(HEALTH_STAT, end.reasons)
        self.engine.dispose()

    def run_counts(self, spider: Any, gap_counts: dict[str, int]) -> dict[str, Any]:
        stats = self.crawler.stats
        return {
            "pages": stats.get_value("response_received_count", 0),
            "threads": len(spider.threads_seen),
            "errors": run_errors(stats.get_stats(), gap_counts),
            "posts_new": stats.get_value("storage/posts_new", 0),
            "posts_changed": stats.get_value("storage/posts_changed", 0),
            "posts_deleted": stats.get_value("storage/posts_deleted", 0),
            "posts_stored": stats.get_value("storage/posts_stored", 0),
            **{name: stats.get_value(STAT_PREFIX + name, 0) for name in (*CLEANING_COUNTS, *POST_GAPS)},
            "scope": spider.args.scope,
            # What the spider met: page kinds, unreadable threads and forums, skipped threads.
            **{name: value for name, value in stats.get_stats().items()
               if name.startswith("forum_harvest/") and isinstance(value, int)},
        }

    def run_end(self, status: str, counts: dict[str, Any], message: str | None) -> RunEnd:
        started = self.crawler.stats.get_value("start_time") or datetime.now(UTC)
        return RunEnd(database_identity(self.database_url), self.run_id, self.crawler.spider.start_url,
                      self.site.site if self.site else None, socket.gethostname(), os.getpid(),
                      started.isoformat(), now_iso(), status, message, counts)

    def close_run(self, conn: Connection, end: RunEnd) -> tuple[str, list[str]]:
        """Record the run's end (its row too, when the first write failed); the status and
        the reasons a finished run is degraded."""
        reasons = self.health_reasons(conn, end.counts) if end.status == "finished" else []
        status = "degraded" if reasons else end.status
        if self.run_id is None:
            record_run_end(conn, replace(end, status=status, reasons=reasons))
        else:
            db.record_crawl_end(conn, self.run_id, status, end.counts, end.message, reasons)
        return status, reasons

    def health_reasons(self, conn: Any, counts: dict[str, Any]) -> list[str]:
        """Why this run is unlike the site's earlier ones (pipeline.run_health), if it is."""
        settings = self.crawler.settings
        if not settings.getbool("FORUM_HEALTH_ENABLED", True):
            return []
        limits = HealthLimits(settings.getfloat("FORUM_HEALTH_MAX_ERROR_RATE", 0.05),
                              settings.getfloat("FORUM_HEALTH_MAX_RISE", 0.2),
                              settings.getfloat("FORUM_HEALTH_MIN_THREADS_SHARE", 0.5))
        history = db.earlier_runs(conn, self.site_id, self.run_id, settings.getint("FORUM_HEALTH_HISTORY_RUNS", 5))
        return assess(RunFigures.from_counts(counts), [RunFigures.from_counts(run) for run in history], limits)

    def record_start_failure(self, start_url: str, message: str | None, errors: int) -> None:
        """A start URL that could not be fetched leaves a failed run in an existing database
        (none is created for it), so the history shows the site was down."""
        try:
            engine = db.open_existing(self.database_url)
        except (db.DatabaseMissingError, db.DatabaseOutdatedError):
            return
        try:
            with engine.begin() as conn:
                run_id = db.record_crawl_start(conn, start_url, host=socket.gethostname(), pid=os.getpid())
                db.record_crawl_end(conn, run_id, "failed", {"errors": errors}, message)
        finally:
            engine.dispose()


def merge_known(old: dict | None, new: dict) -> dict:
    """Combine two sightings of one forum or thread, a known value beating a missing one."""
    if old is None:
        return new
    return {key: new[key] if new.get(key) is not None else old.get(key) for key in new}
