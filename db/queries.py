"""Read-side queries: database statistics, thread listings and the export record stream.

``site`` arguments are a site's root URL, as stored in ``sites.url``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Select, and_, func, select

from db.engine import Executor
from db.models import CrawlRun, Forum, Post, Site, Thread
from db.media import add_media
from db.post_attachments import attachments_of
from db.post_records import POST_THREAD, THREAD_FORUM, PostFilters, as_record, post_records_query

EXPORT_BATCH_ROWS = 1000
THREAD_SORTS = ("newest", "oldest", "replies", "views", "posts", "last-post")
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


def stats(conn: Executor) -> dict[str, Any]:
    """Row counts per table (posts: current ones, and those marked deleted), then the latest crawl run flattened as ``last_crawl_*`` keys
    (all None before the first crawl)."""
    deleted = _posts.c.deleted_at.is_not(None)
    counts = {
        name: conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
        for name, table, where in (
            ("sites", _sites, ()),
            ("forums", _forums, ()),
            ("threads", _threads, ()),
            ("posts", _posts, (~deleted,)),
            ("posts_deleted", _posts, (deleted,)),
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
    conn: Executor,
    site: str | None = None,
    forum_id: int | str | None = None,
    limit: int = 50,
    min_replies: int | None = None,
    sort: str = "newest",
) -> list[dict[str, Any]]:
    """Stored threads with how many of their posts are stored and the latest post time.

    ``forum_id`` is a forum id or an exact forum name; ``sort`` is one of THREAD_SORTS
    (``newest`` = highest thread id first, within each site)."""
    if sort not in THREAD_SORTS:
        raise ValueError(f"thread sort {sort!r}: expected one of {', '.join(THREAD_SORTS)}")
    posts_of_thread = and_(
        _posts.c.site_id == _threads.c.site_id, _posts.c.thread_id == _threads.c.thread_id,
        _posts.c.deleted_at.is_(None),
    )
    stored_posts = select(func.count()).where(posts_of_thread).scalar_subquery()
    last_post_at = select(func.max(_posts.c.posted_at)).where(posts_of_thread).scalar_subquery()
    orderings = {
        "newest": (_sites.c.url, _threads.c.thread_id.desc()),
        "oldest": (_sites.c.url, _threads.c.thread_id),
        "replies": (_threads.c.replies.desc(), _threads.c.thread_id.desc()),
        "views": (_threads.c.views.desc(), _threads.c.thread_id.desc()),
        "posts": (stored_posts.desc(), _threads.c.thread_id.desc()),
        "last-post": (last_post_at.desc(), _threads.c.thread_id.desc()),
    }
    query = (
        select(
            _sites.c.url.label("site"),
            _threads.c.thread_id,
            _threads.c.title,
            _threads.c.forum_id,
            _forums.c.name.label("forum_name"),
            _threads.c.author,
            _threads.c.replies,
            _threads.c.views,
            stored_posts.label("posts"),
            last_post_at.label("last_post_at"),
        )
        .join(_sites, _sites.c.id == _threads.c.site_id)
        .outerjoin(_forums, THREAD_FORUM)
        .order_by(*orderings[sort])
        .limit(limit)
    )
    if forum_id is not None:
        column = _threads.c.forum_id if isinstance(forum_id, int) else _forums.c.name
        query = query.where(column == forum_id)
    if min_replies is not None:
        query = query.where(_threads.c.replies >= min_replies)
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
            .join(_threads, POST_THREAD)
            .where(in_forum, _posts.c.deleted_at.is_(None))
            .scalar_subquery()
            .label("posts"),
        )
        .join(_sites, _sites.c.id == _forums.c.site_id)
        .order_by(_sites.c.url, _forums.c.forum_id)
    )
    return [dict(row) for row in conn.execute(_for_site(query, site)).mappings()]


def export_records(
    conn: Executor, site: str | None = None, filters: PostFilters | None = None
) -> Iterator[dict[str, Any]]:
    """One export record per post (the contract in docs/architecture.md), ordered by site,
    thread_id, floor; streamed in batches, never the whole table in memory. ``site`` is a
    shorthand for ``PostFilters(site=...)``."""
    chosen = filters or PostFilters()
    if site is not None:
        chosen = replace(chosen, site=site)
    query = (post_records_query(chosen).add_columns(_posts.c.id.label("row_id"))
             .order_by(_sites.c.url, _posts.c.thread_id, _posts.c.floor))
    rows = conn.execute(query, execution_options={"yield_per": EXPORT_BATCH_ROWS})
    for batch in rows.partitions():
        yield from _with_attachments(conn, batch)


def _with_attachments(conn: Executor, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """The rows (with their ``row_id``) as records carrying their ``attachments`` and
    ``media`` (the downloads of their pictures and attachments, ``db.media``)."""
    attached = attachments_of(conn, [row.row_id for row in rows])
    records = []
    for row in rows:
        record = as_record(row)
        record["attachments"] = attached.get(record.pop("row_id"), [])
        records.append(record)
    add_media(conn, records)
    return records


def crawl_runs(conn: Executor, limit: int = 20, site: str | None = None) -> list[dict[str, Any]]:
    """The latest crawl runs, newest first, with their site's URL (None if never known);
    ``site``: only runs whose site or start URL contains it."""
    query = (
        select(_runs, _sites.c.url.label("site"))
        .outerjoin(_sites, _sites.c.id == _runs.c.site_id)
        .order_by(_runs.c.id.desc())
        .limit(limit)
    )
    if site:
        query = query.where(_sites.c.url.contains(site, autoescape=True)
                            | _runs.c.start_url.contains(site, autoescape=True))
    return [dict(row) for row in conn.execute(query).mappings()]


def earlier_runs(conn: Executor, site_id: int, before_run_id: int, limit: int = 5) -> list[dict[str, Any]]:
    """The site's last ``limit`` finished runs before ``before_run_id``, newest first: their
    count columns merged with their ``stats`` (what forum_harvest's run health compares)."""
    query = (
        select(_runs)
        .where(_runs.c.site_id == site_id, _runs.c.id < before_run_id, _runs.c.status == "finished")
        .order_by(_runs.c.id.desc())
        .limit(limit)
    )
    return [{**(row["stats"] or {}), **row} for row in conn.execute(query).mappings()]


def _for_site(query: Select[Any], site: str | None) -> Select[Any]:
    return query if site is None else query.where(_sites.c.url == site)


def thread_posts(conn: Executor, thread_id: int, site: str | None = None) -> list[dict[str, Any]]:
    """Every stored post of one thread in floor order (export records, attachments
    included, plus ``edited_by``).

    Raises ValueError naming the thread when no site has it, or several do and ``site``
    does not say which."""
    query = (
        post_records_query(PostFilters(site=site, thread_id=thread_id))
        .add_columns(_posts.c.edited_by, _posts.c.id.label("row_id"))
        .order_by(_sites.c.url, _posts.c.floor)
    )
    records = _with_attachments(conn, conn.execute(query).all())
    sites = sorted({record["site"] for record in records})
    if not records:
        where = f" on {site}" if site else ""
        raise ValueError(f"thread {thread_id}: no stored posts{where}")
    if len(sites) > 1:
        raise ValueError(f"thread {thread_id} exists on several sites ({', '.join(sites)}): add --site")
    return records
