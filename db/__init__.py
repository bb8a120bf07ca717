"""Storage for forum-harvest: schema, engine, batched upserts and read queries."""

from db.abandoned_runs import close_abandoned_runs, interrupt_own_runs
from db.gaps import Gap, clear_gaps, open_gaps, record_gaps
from db.crawl_state import KnownThread, known_threads
from db.engine import (
    DEFAULT_DATABASE_URL,
    DatabaseMissingError,
    DatabaseURLError,
    Executor,
    create_schema,
    make_engine,
    open_existing,
    read_existing,
    resolve_database_url,
    session_factory,
)
from db.migrate import HEAD_REVISION, DatabaseOutdatedError, is_known_revision, schema_revision
from db.models import Base, CrawlGap, CrawlRun, Forum, Post, PostRevision, QueuedCrawl, Site, Thread
from db.queries import crawl_runs, earlier_runs, export_records, forum_summary, list_threads, stats
from db.upsert import (
    mark_posts_deleted,
    record_crawl_end,
    record_crawl_start,
    set_crawl_site,
    upsert_forums,
    upsert_posts,
    upsert_site,
    upsert_threads,
)

__all__ = [
    "DEFAULT_DATABASE_URL",
    "HEAD_REVISION",
    "Base",
    "CrawlGap",
    "CrawlRun",
    "Gap",
    "DatabaseMissingError",
    "DatabaseOutdatedError",
    "DatabaseURLError",
    "Executor",
    "Forum",
    "KnownThread",
    "Post",
    "PostRevision",
    "QueuedCrawl",
    "Site",
    "Thread",
    "clear_gaps",
    "close_abandoned_runs",
    "crawl_runs",
    "earlier_runs",
    "create_schema",
    "export_records",
    "forum_summary",
    "interrupt_own_runs",
    "is_known_revision",
    "list_threads",
    "known_threads",
    "make_engine",
    "mark_posts_deleted",
    "open_existing",
    "read_existing",
    "open_gaps",
    "record_crawl_end",
    "record_crawl_start",
    "record_gaps",
    "resolve_database_url",
    "schema_revision",
    "session_factory",
    "set_crawl_site",
    "stats",
    "upsert_forums",
    "upsert_posts",
    "upsert_site",
    "upsert_threads",
]
