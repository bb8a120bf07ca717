"""What a recrawl needs to know about a site before it starts: the threads already stored."""

from __future__ import annotations

from sqlalchemy import case, func, or_, select

from db.compact_known import KnownThread, KnownThreads
from db.engine import Executor
from db.models import Post, Site, Thread

# What decoding a page in the wrong charset leaves in the text (Python's and w3lib's
# replacement character): such rows were stored wrongly and are read again.
REPLACEMENT_CHARACTER = "\ufffd"


def known_threads(conn: Executor, site: str) -> KnownThreads:
    """The site's stored threads by thread id (empty for a site never crawled); their posts
    counted as now shown (not marked deleted)."""
    garbled_post = or_(Post.body.contains(REPLACEMENT_CHARACTER), Post.author.contains(REPLACEMENT_CHARACTER))
    posts = (
        select(Post.thread_id, func.count().label("stored"), func.max(Post.floor).label("last_floor"),
               func.max(Post.post_id).label("last_post_id"), func.max(case((garbled_post, 1), else_=0)).label("garbled"))
        .join(Site, Site.id == Post.site_id)
        .where(Site.url == site, Post.deleted_at.is_(None))
        .group_by(Post.thread_id)
        .subquery()
    )
    query = (
        select(Thread.thread_id, Thread.forum_id, Thread.replies, Thread.page_count, Thread.status,
               func.coalesce(posts.c.stored, 0), func.coalesce(posts.c.last_floor, 0),
               Thread.last_post_at, Thread.last_poster, posts.c.last_post_id,
               or_(Thread.title.contains(REPLACEMENT_CHARACTER), Thread.author.contains(REPLACEMENT_CHARACTER),
                   posts.c.garbled == 1))
        .join(Site, Site.id == Thread.site_id)
        .outerjoin(posts, posts.c.thread_id == Thread.thread_id)
        .where(Site.url == site)
        .order_by(Thread.thread_id)
    )
    return KnownThreads((row[0], KnownThread(*row[1:-1], garbled=bool(row[-1]))) for row in conn.execute(query))
