"""Read-side queries: database statistics, thread listings and the export record stream.

``site`` arguments are a site's root URL, as stored in ``sites.url``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, func, select

from db.engine import Executor
from db.models import CrawlRun, Forum, Post, Site, Thread

EXPORT_BATCH_ROWS = 1000
LAST_CRAWL_FIELDS = (
    "id",
    "status",
    "start_url",
    "started_at",
    "finished_at",
    "pages",
    "threads",
    "posts_new",
    "posts_changed",
    "errors",
    "message",
)
_sites, _forums, _threads, _posts, _runs = (
    model.__table__ for model in (Site, Forum, Thread, Post, CrawlRun)
)
_thread_forum = and_(
    _forums.c.site_id == _threads.c.site_id, _forums.c.forum_id == _threads.c.forum_id
)
_post_thread = and_(
    _threads.c.site_id == _posts.c.site_id, _threads.c.thread_id == _posts.c.thread_id
)


def stats(conn: Executor) -> dict[str, Any]:
    """Row counts per table, then the latest crawl run flattened as ``last_crawl_*`` keys
    (all None before the first crawl)."""
    counts = {
        name: conn.execute(select(func.count()).select_from(table)).scalar_one()
        for name, table in (
            ("sites", _sites),
            ("forums", _forums),
            ("threads", _threads),
            ("posts", _posts),
        )
    }
    last = (
        conn.execute(
            select(*(_runs.c[field] for field in LAST_CRAWL_FIELDS))
            .order_by(_runs.c.id.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return counts | {
        f"last_crawl_{field}": last[field] if last else None for field in LAST_CRAWL_FIELDS
    }


def list_threads(
    conn: Executor, site: str | None = None, forum_id: int | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Stored threads, newest thread id first within each site, with how many of their
    posts are stored and the latest post time."""
    posts_of_thread = and_(
        _posts.c.site_id == _threads.c.site_id, _posts.c.thread_id == _threads.c.thread_id
    )
    query = (
        select(
            _sites.c.url.label("site"),
            _threads.c.thread_id,
            _threads.c.title,
            _threads.c.forum_id,
            _forums.c.name.label("forum_name"),
            _threads.c.author,
            _threads.c.replies,
            select(func.count()).where(posts_of_thread).scalar_subquery().label("posts"),
            select(func.max(_posts.c.posted_at))
            .where(posts_of_thread)
            .scalar_subquery()
            .label("last_post_at"),
        )
        .join(_sites, _sites.c.id == _threads.c.site_id)
        .outerjoin(_forums, _thread_forum)
        .order_by(_sites.c.url, _threads.c.thread_id.desc())
        .limit(limit)
    )
    if forum_id is not None:
        query = query.where(_threads.c.forum_id == forum_id)
    return [dict(row) for row in conn.execute(_for_site(query, site)).mappings()]


def forum_summary(conn: Executor, site: str | None = None) -> list[dict[str, Any]]:
    """Each stored forum with how many of its threads and posts are stored."""
    in_forum = and_(
        _threads.c.site_id == _forums.c.site_id, _threads.c.forum_id == _forums.c.forum_id
    )
    query = (
        select(
            _sites.c.url.label("site"),
            _forums.c.forum_id,
            _forums.c.name,
            select(func.count()).where(in_forum).scalar_subquery().label("threads"),
            select(func.count())
            .select_from(_posts)
            .join(_threads, _post_thread)
            .where(in_forum)
            .scalar_subquery()
            .label("posts"),
        )
        .join(_sites, _sites.c.id == _forums.c.site_id)
        .order_by(_sites.c.url, _forums.c.forum_id)
    )
    return [dict(row) for row in conn.execute(_for_site(query, site)).mappings()]


def export_records(conn: Executor, site: str | None = None) -> Iterator[dict[str, Any]]:
    """One export record per post (the contract in docs/architecture.md), ordered by site,
    thread_id, floor; streamed in batches, never the whole table in memory."""
    query = (
        select(
            _sites.c.url.label("site"),
            _threads.c.forum_id,
            _forums.c.name.label("forum_name"),
            _posts.c.thread_id,
            _threads.c.title.label("thread_title"),
            _posts.c.post_id,
            _posts.c.floor,
            _posts.c.author,
            _posts.c.posted_at,
            _posts.c.posted_at_precision,
            _posts.c.edited_at,
            _posts.c.body,
            _posts.c.quotes,
            _posts.c.signature,
            _posts.c.url,
            _posts.c.fetched_at,
        )
        .join(_sites, _sites.c.id == _posts.c.site_id)
        .outerjoin(_threads, _post_thread)
        .outerjoin(_forums, _thread_forum)
        .order_by(_sites.c.url, _posts.c.thread_id, _posts.c.floor)
    )
    rows = conn.execute(_for_site(query, site), execution_options={"yield_per": EXPORT_BATCH_ROWS})
    for row in rows.mappings():
        # Stored datetimes come back as aware UTC, so isoformat() ends in "+00:00".
        yield {
            key: value.isoformat() if isinstance(value, datetime) else value
            for key, value in row.items()
        }


def crawl_runs(conn: Executor, limit: int = 20) -> list[dict[str, Any]]:
    """The latest crawl runs, newest first, with their site's URL (None if never known)."""
    query = (
        select(_runs, _sites.c.url.label("site"))
        .outerjoin(_sites, _sites.c.id == _runs.c.site_id)
        .order_by(_runs.c.id.desc())
        .limit(limit)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def _for_site(query: Select[Any], site: str | None) -> Select[Any]:
    return query if site is None else query.where(_sites.c.url == site)
