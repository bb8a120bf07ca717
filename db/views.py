"""Documented SQL views, so any SQLite or PostgreSQL tool can read the collection.

``v_posts``: one row per current post (not marked deleted) with its site URL, thread title and
forum name (the export record's columns plus ``id``, which is the rowid of ``post_search``);
``attachments`` is text there, one line per attachment in page order: "name (size) URL"
(each part only when shown; the records themselves are in ``post_attachments``).
``v_threads``: one row per thread with its site URL, forum name and stored current post count.
Posts marked deleted stay in ``posts`` (``deleted_at`` set).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text

from db.models import Base
from db.search_index import dialect_name

if TYPE_CHECKING:
    from db.engine import Executor

_SHOWN_ATTACHMENT = "coalesce(a.name, '?') || coalesce(' (' || a.size || ')', '') || coalesce(' ' || a.url, '')"
# A post's attachments as lines of text, in page order, per dialect (NULL when it has none).
ATTACHMENT_LINES = {
    "sqlite": f"""(SELECT group_concat(shown, char(10)) FROM (
                    SELECT {_SHOWN_ATTACHMENT} AS shown FROM post_attachments a
                    WHERE a.post_row_id = p.id ORDER BY a.position))""",
    "postgresql": f"""(SELECT string_agg({_SHOWN_ATTACHMENT}, chr(10) ORDER BY a.position)
                        FROM post_attachments a WHERE a.post_row_id = p.id)""",
}

VIEWS = {
    "v_posts": """
        SELECT p.id, s.url AS site, t.forum_id, f.name AS forum_name, p.thread_id,
               t.title AS thread_title, p.post_id, p.floor, p.author, p.author_banned,
               p.posted_at, p.posted_at_precision, p.edited_at, p.edited_by, p.body,
               p.quotes, p.signature, p.url, p.fetched_at, {attachments} AS attachments
        FROM posts p
        JOIN sites s ON s.id = p.site_id
        LEFT JOIN threads t ON t.site_id = p.site_id AND t.thread_id = p.thread_id
        LEFT JOIN forums f ON f.site_id = t.site_id AND f.forum_id = t.forum_id
        WHERE p.deleted_at IS NULL""",
    "v_threads": """
        SELECT t.id, s.url AS site, t.forum_id, f.name AS forum_name, t.thread_id, t.title,
               t.author, t.replies, t.views, t.last_post_at, t.last_poster, t.page_count, t.status, t.url,
               (SELECT count(*) FROM posts p
                WHERE p.site_id = t.site_id AND p.thread_id = t.thread_id AND p.deleted_at IS NULL) AS stored_posts
        FROM threads t
        JOIN sites s ON s.id = t.site_id
        LEFT JOIN forums f ON f.site_id = t.site_id AND f.forum_id = t.forum_id""",
}


def view_queries(dialect: str) -> dict[str, str]:
    """Each view's query in the dialect's SQL."""
    return {name: query.replace("{attachments}", ATTACHMENT_LINES[dialect]) for name, query in VIEWS.items()}


def create_views(conn: Executor) -> None:
    """(Re)create every view with its current definition."""
    drop_views(conn)
    for name, query in view_queries(dialect_name(conn)).items():
        conn.execute(text(f"CREATE VIEW {name} AS {query}"))


def drop_views(conn: Executor) -> None:
    """Remove the views; also run before ``Base.metadata.drop_all`` (they refer to tables)."""
    for name in VIEWS:
        conn.execute(text(f"DROP VIEW IF EXISTS {name}"))


@event.listens_for(Base.metadata, "before_drop")
def _before_drop_all(metadata: Any, conn: Executor, **_: Any) -> None:
    drop_views(conn)
