"""What a recrawl needs to know about a site before it starts: the threads already stored."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from db.engine import Executor
from db.models import Post, Site, Thread


@dataclass(frozen=True)
class KnownThread:
    forum_id: int | None
    replies: int | None
    page_count: int | None
    status: str
    posts_stored: int
    last_floor: int

    @property
    def complete(self) -> bool:
        """Every floor up to the last stored one is stored (no gap left by an interrupted
        crawl), and as many posts as the thread list announced."""
        return self.posts_stored == self.last_floor and self.posts_stored >= (self.replies or 0) + 1


def known_threads(conn: Executor, site: str) -> dict[int, KnownThread]:
    """The site's stored threads by Discuz thread id (empty for a site never crawled)."""
    posts = (
        select(Post.thread_id, func.count().label("stored"), func.max(Post.floor).label("last_floor"))
        .join(Site, Site.id == Post.site_id)
        .where(Site.url == site)
        .group_by(Post.thread_id)
        .subquery()
    )
    query = (
        select(Thread.thread_id, Thread.forum_id, Thread.replies, Thread.page_count, Thread.status,
               func.coalesce(posts.c.stored, 0), func.coalesce(posts.c.last_floor, 0))
        .join(Site, Site.id == Thread.site_id)
        .outerjoin(posts, posts.c.thread_id == Thread.thread_id)
        .where(Site.url == site)
    )
    return {row[0]: KnownThread(*row[1:]) for row in conn.execute(query)}
