"""Concrete views an engine's readers return: base.py's IndexView, ForumView and ThreadView
shapes as dataclasses, with the zone the page states (``page_timezone``, ``UTC±HH:MM``;
None when it states none)."""

from __future__ import annotations

from dataclasses import dataclass, field

from scraper.engines.base import ForumLink, PageRef, Pagination, RawPost, ThreadRow


@dataclass
class ThreadPageView:
    thread_id: int | None
    forum_id: int | None
    title: str | None
    page: int
    page_count: int
    replies: int | None
    posts: list[RawPost]
    message: str | None
    message_kind: str | None
    ref: PageRef | None
    page_timezone: str | None = None


@dataclass
class ForumPageView:
    forum_id: int | None
    name: str | None
    subforums: list[ForumLink]
    threads: list[ThreadRow]
    pagination: Pagination
    page_count: int
    message: str | None = None
    message_kind: str | None = None
    page_timezone: str | None = None
    ref: PageRef | None = None


@dataclass
class IndexPageView:
    site_root: str
    site_name: str | None
    forums: list[ForumLink] = field(default_factory=list)
    message: str | None = None
    # Boards the index shows that only send a visitor elsewhere (IP.Board 3.x's redirect
    # forums): known, never crawled as boards.
    links_out: list[ForumLink] = field(default_factory=list)
    # The board index a page that lists no board links, where it is not the site's index URL
    # (an Invision Community site whose front page is another app's: its ``forums/``).
    board_index: str | None = None
    # The times the index shows as printed (its forums' last posts), which tell the site's order
    # of numeric dates (scraper.engines.date_order) where the engine's reader gives them.
    shown_times: list[str] = field(default_factory=list)
