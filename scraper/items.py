"""Items the Discuz spider yields.

A post travels ``Response -> page object -> PostItem (raw fields) -> CleanPostPipeline
(fills the clean fields) -> StoragePipeline``. Raw fields are what the page says, untouched;
clean fields are what the export contract promises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class SiteItem:
    """One forum installation, identified by its root URL, and the engine that renders it."""

    site: str
    name: str | None = None
    timezone: str = "Asia/Shanghai"
    engine: str = "discuz"


@dataclass
class ForumItem:
    site: str
    forum_id: int
    name: str
    parent_forum_id: int | None = None
    category: str | None = None
    url: str | None = None


@dataclass
class ThreadItem:
    """A thread as a list row or a thread page shows it. ``title`` is None when only a
    message page was seen. ``status`` is what reading the thread found: ``ok``, or what its
    message page said (``deleted``, ``forbidden``, ``login_required``, ``missing_or_closed``:
    deleted or closed to guests, the page cannot tell which, ``message``); None for a list
    row, which cannot tell."""

    site: str
    thread_id: int
    title: str | None
    forum_id: int | None = None
    author: str | None = None
    replies: int | None = None
    views: int | None = None
    page_count: int | None = None
    url: str | None = None
    status: str | None = None
    # The list row's last-post column (UTC) and poster; None from a thread page.
    last_post_at: datetime | None = None
    last_poster: str | None = None


@dataclass
class PostItem:
    site: str
    thread_id: int
    floor: int
    url: str
    fetched_at: datetime
    site_timezone: str = "Asia/Shanghai"
    date_order: str | None = None  # the page's numeric date order (scraper.engines.date_order)
    post_id: int | None = None
    author: str | None = None
    author_banned: bool = False
    content_hidden: bool = False
    from_archiver: bool = False
    engine: str = "discuz"  # whose words the raw fields are in (scraper.engines)
    # Raw, as read from the page.
    body_html: str = ""
    time_text: str | None = None
    time_title: str | None = None
    signature_html: str | None = None
    attachments_html: str | None = None  # the attachment list below the message
    edit_notice: str | None = None  # printed outside the message (scraper.engines.base.RawPost)
    edit_time: str | None = None  # the notice's machine-readable time (RawPost.edit_time)
    # Clean, filled by pipeline.items.CleanPostPipeline.
    body: str | None = None
    quotes: list[dict] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    attachments: list[dict] = field(default_factory=list)  # pipeline.attachments records, URLs absolute
    signature: str | None = None
    posted_at: datetime | None = None
    posted_at_precision: str | None = None
    edited_at: datetime | None = None
    edited_by: str | None = None
    # The WARC record of the page (scraper.warc_source), when there is one.
    warc_file: str | None = None
    warc_offset: int | None = None


@dataclass
class ThreadPageItem:
    """One readable thread page: its thread row and its posts in one item, so Scrapy's
    per-item machinery (middlewares, pipelines, signals) runs once per page, not per post."""

    thread: ThreadItem
    posts: list[PostItem] = field(default_factory=list)


@dataclass
class ThreadReadItem:
    """A thread this crawl read whole, every page of it: the posts it showed, as (post id,
    floor). Stored posts of the thread not among them are gone from it (deleted, or moved
    to a thread not yet re-read) and are marked deleted once the posts are stored."""

    site: str
    thread_id: int
    shown: list[tuple[int | None, int]]
