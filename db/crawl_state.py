"""What a recrawl needs to know about a site before it starts: the threads already stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, or_, select

from db.engine import Executor
from db.models import Post, Site, Thread

# What decoding a page in the wrong charset leaves in the text (Python's and w3lib's
# replacement character): such rows were stored wrongly and are read again.
REPLACEMENT_CHARACTER = "\ufffd"


@dataclass(frozen=True, slots=True)  # slots: a recrawl holds one per stored thread
class KnownThread:
    forum_id: int | None
    replies: int | None
    page_count: int | None
    status: str
    posts_stored: int
    last_floor: int
    last_post_at: datetime | None = None  # the thread list's last-post column, as last seen
    last_poster: str | None = None
    # The newest stored post id (Discuz numbers posts in order): a recrawl reading from the
    # last stored page expects it there at ``last_floor``; found elsewhere or gone, earlier
    # floors were deleted (or posts merged in) and the thread is read whole.
    last_post_id: int | None = None
    garbled: bool = False  # title, author, a post's body or author holds U+FFFD

    @property
    def complete(self) -> bool:
        """Every floor up to the last stored one is stored (no gap left by an interrupted
        crawl), and as many posts as the thread list announced."""
        return self.posts_stored == self.last_floor and self.posts_stored >= (self.replies or 0) + 1


def known_threads(conn: Executor, site: str) -> dict[int, KnownThread]:
    """The site's stored threads by Discuz thread id (empty for a site never crawled); their
    posts counted as now shown (not marked deleted)."""
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
    )
    return {row[0]: KnownThread(*row[1:-1], garbled=bool(row[-1])) for row in conn.execute(query)}
