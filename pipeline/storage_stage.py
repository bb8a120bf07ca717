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
from dataclasses import asdict, fields
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from sqlalchemy.engine import Engine

import db
from pipeline.cleaning_stage import POST_GAPS, STAT_PREFIX
from pipeline.post_cleaning import CleaningCounts
from pipeline.run_health import HealthLimits, RunFigures, assess
from pipeline.run_verdict import run_verdict
from scraper.items import ForumItem, PostItem, SiteItem, ThreadItem, ThreadPageItem, ThreadReadItem

POST_COLUMNS = (
    "thread_id", "floor", "post_id", "author", "author_banned", "content_hidden", "posted_at",
    "posted_at_precision", "edited_at", "edited_by", "body", "quotes", "images", "signature", "url",
    "fetched_at", "warc_file", "warc_offset",
)
# Cleaning counts kept in the run row's ``stats`` JSON (see pipeline.cleaning_stage).
CLEANING_COUNTS = tuple(counter.name for counter in fields(CleaningCounts))
RUN_STATUS_STAT = "forum_harvest/run_status"
RUN_MESSAGE_STAT = "forum_harvest/run_message"
HEALTH_STAT = "forum_harvest/health"  # the reasons a run is degraded, for the CLI


class StoragePipeline:
    def __init__(self, crawler: Crawler, database_url: str, batch_size: int) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.batch_size = batch_size
        self.engine: Engine | None = None
        self.site_id: int | None = None
        self.run_id: int | None = None
        self.forums: dict[int, dict] = {}
        self.threads: dict[int, dict] = {}
        self.posts: list[dict] = []
        self.threads_read: list[ThreadReadItem] = []  # whole threads: marked after their posts are stored

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        url = db.resolve_database_url(crawler.settings.get("DATABASE_URL"))
        pipeline = cls(crawler, url, crawler.settings.getint("STORAGE_BATCH_SIZE", 500))
        crawler.signals.connect(pipeline.record_end, signal=signals.spider_closed)
        return pipeline

    def process_item(self, item: Any) -> Any:
        if isinstance(item, SiteItem):
            self.begin(item)
        elif isinstance(item, ForumItem):
            row = {k: v for k, v in asdict(item).items() if k not in ("site", "url")}
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

    def add_post(self, item: PostItem) -> None:
        self.posts.append({name: getattr(item, name) for name in POST_COLUMNS})
        if len(self.posts) >= self.batch_size:
            self.flush()

    def begin(self, site: SiteItem) -> None:
        if self.engine is not None:
            return
        self.engine = db.make_engine(self.database_url)
        db.create_schema(self.engine)
        host, pid = socket.gethostname(), os.getpid()
        with self.engine.begin() as conn:
            self.site_id = db.upsert_site(conn, site.site, site.name, site.timezone)
            db.close_abandoned_runs(conn, self.site_id, host)
            self.run_id = db.record_crawl_start(conn, self.crawler.spider.start_url, self.site_id,
                                                host=host, pid=pid)

    def flush(self) -> None:
        """Write everything buffered in one transaction, with the gaps found and closed."""
        if self.engine is None:
            return
        gaps, cleared = self.crawler.spider.gaps.drain()
        with self.engine.begin() as conn:
            db.record_gaps(conn, self.site_id, self.run_id, gaps)
            db.clear_gaps(conn, self.site_id, cleared)
            if self.forums:
                db.upsert_forums(conn, self.site_id, list(self.forums.values()))
            if self.threads:
                db.upsert_threads(conn, self.site_id, list(self.threads.values()))
            if self.posts:
                new, changed = db.upsert_posts(conn, self.site_id, self.posts)
                self.crawler.stats.inc_value("storage/posts_new", new)
                self.crawler.stats.inc_value("storage/posts_changed", changed)
            for read in self.threads_read:
                deleted = db.mark_posts_deleted(conn, self.site_id, read.thread_id, read.shown)
                self.crawler.stats.inc_value("storage/posts_deleted", deleted)
        self.forums, self.threads, self.posts, self.threads_read = {}, {}, [], []

    def close_spider(self) -> None:
        self.flush()

    def record_end(self, spider: Any, reason: str) -> None:
        stats = self.crawler.stats
        gap_counts = spider.gaps.counts()
        status, message = run_verdict(reason, gap_counts, stats.get_stats(),
                                      self.crawler.settings.getint("CLOSESPIDER_PAGECOUNT"))
        stats.set_value(RUN_STATUS_STAT, status)
        stats.set_value(RUN_MESSAGE_STAT, message)
        if self.engine is None:
            if spider.start_fetch_failed:
                self.record_start_failure(spider.start_url, message)
            return
        self.flush()
        counts = {
            "pages": stats.get_value("response_received_count", 0),
            "threads": len(spider.threads_seen),
            "errors": stats.get_value("log_count/ERROR", 0) + sum(gap_counts.values()),
            "posts_new": stats.get_value("storage/posts_new", 0),
            "posts_changed": stats.get_value("storage/posts_changed", 0),
            "posts_deleted": stats.get_value("storage/posts_deleted", 0),
            **{name: stats.get_value(STAT_PREFIX + name, 0) for name in (*CLEANING_COUNTS, *POST_GAPS)},
            "scope": spider.args.scope,
            # What the spider met: page kinds, unreadable threads and forums, skipped threads.
            **{name: value for name, value in stats.get_stats().items()
               if name.startswith("forum_harvest/") and isinstance(value, int)},
        }
        with self.engine.begin() as conn:
            reasons = self.health_reasons(conn, counts) if status == "finished" else []
            if reasons:
                status = "degraded"
                stats.set_value(HEALTH_STAT, reasons)
                stats.set_value(RUN_STATUS_STAT, status)
            db.record_crawl_end(conn, self.run_id, status, counts, message, reasons)
        self.engine.dispose()

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


    def record_start_failure(self, start_url: str, message: str | None) -> None:
        """A start URL that could not be fetched leaves a failed run in an existing database
        (none is created for it), so the history shows the site was down."""
        try:
            engine = db.open_existing(self.database_url)
        except (db.DatabaseMissingError, db.DatabaseOutdatedError):
            return
        try:
            with engine.begin() as conn:
                run_id = db.record_crawl_start(conn, start_url, host=socket.gethostname(), pid=os.getpid())
                db.record_crawl_end(conn, run_id, "failed", {}, message)
        finally:
            engine.dispose()


def merge_known(old: dict | None, new: dict) -> dict:
    """Combine two sightings of one forum or thread, a known value beating a missing one."""
    if old is None:
        return new
    return {key: new[key] if new.get(key) is not None else old.get(key) for key in new}
