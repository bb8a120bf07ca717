"""The export record of a post (contract in docs/architecture.md) and the filters that choose
which posts a listing, an export or a search returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, select

from db.models import Forum, Post, Site, Thread

_sites, _forums, _threads, _posts = (model.__table__ for model in (Site, Forum, Thread, Post))
THREAD_FORUM = and_(
    _forums.c.site_id == _threads.c.site_id, _forums.c.forum_id == _threads.c.forum_id
)
POST_THREAD = and_(_threads.c.site_id == _posts.c.site_id, _threads.c.thread_id == _posts.c.thread_id)


@dataclass(frozen=True)
class PostFilters:
    """Which posts to keep; None means any. ``forum`` is a forum id or an exact forum name;
    ``since`` is inclusive and ``until`` exclusive (aware datetimes, compared with posted_at)."""

    site: str | None = None
    forum: int | str | None = None
    thread_id: int | None = None
    author: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        wanted = {
            _sites.c.url: self.site,
            _posts.c.thread_id: self.thread_id,
            _posts.c.author: self.author,
            _threads.c.forum_id if isinstance(self.forum, int) else _forums.c.name: self.forum,
        }
        # Posts marked deleted are kept, never shown as current.
        found = [_posts.c.deleted_at.is_(None)]
        found += [column == value for column, value in wanted.items() if value is not None]
        if self.since is not None:
            found.append(_posts.c.posted_at >= self.since)
        if self.until is not None:
            found.append(_posts.c.posted_at < self.until)
        return found


def post_records_query(filters: PostFilters) -> Select[Any]:
    """Every export-record column of the posts ``filters`` keep (unordered, unlimited)."""
    return (
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
            _posts.c.author_banned,
            _posts.c.content_hidden,
            _posts.c.images,
            _sites.c.engine,
        )
        .join(_sites, _sites.c.id == _posts.c.site_id)
        .outerjoin(_threads, POST_THREAD)
        .outerjoin(_forums, THREAD_FORUM)
        .where(*filters.conditions())
    )


def as_record(row: Any) -> dict[str, Any]:
    """A result row as a plain dict; stored datetimes (aware UTC) as ISO 8601 strings."""
    return {
        key: value.isoformat() if isinstance(value, datetime) else value
        for key, value in row._mapping.items()
    }
