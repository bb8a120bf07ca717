"""The database schema: sites, forums, threads, posts, crawl runs and the pages they missed.

Discuz ids (``forum_id`` = fid, ``thread_id`` = tid, ``post_id`` = pid) are stored as the site
gives them and are unique only within a site, hence the ``(site_id, ...)`` unique keys.
Threads and posts refer to their forum and thread by those Discuz ids, without a foreign key:
the crawler meets items in any order (a post's page may be stored before its forum list).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Finer first: a post time read at ``second`` precision beats one read at ``day``.
PRECISION_RANK = {"second": 1, "minute": 2, "hour": 3, "day": 4}
# ``incomplete``: the crawl ran to its end but some pages failed (see ``crawl_gaps``) or it
# stopped at the per-run page cap. ``degraded``: finished, but unlike the site's earlier runs
# (pipeline.run_health); see ``reasons``.
CRAWL_RUN_STATUSES = ("running", "finished", "incomplete", "failed", "interrupted", "degraded")
# ``media``: a picture or attachment the crawl meant to download (pipeline.media_stage).
GAP_KINDS = ("index", "forum", "list", "thread", "post", "media")
# What became of a media URL (pipeline.media_answer): only ``failed`` is fetched again.
MEDIA_STATUSES = ("stored", "too_large", "login_required", "not_allowed", "failed")


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes, stored as UTC and always read back as aware UTC.

    SQLite has no timezone type, so values are stored there as naive UTC; PostgreSQL gets a
    ``timestamptz``. Naive datetimes are refused: their zone would be a guess.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: give it a timezone")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# JSONB on PostgreSQL: plain ``json`` has no equality operator, which the upserts' change
# detection needs. SQL NULL (not JSON ``null``) for a missing value.
JSONValue = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


def _one_of(column: str, values: Iterable[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class Base(DeclarativeBase):
    # Named constraints, so later Alembic migrations can refer to them on every backend.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class Site(Base):
    """One forum installation, identified by its root URL (the folder holding its scripts:
    forum.php, viewtopic.php…); ``engine`` names what renders it (scraper.engines)."""

    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    name: Mapped[str | None] = mapped_column(String(512))
    timezone: Mapped[str] = mapped_column(String(64))
    engine: Mapped[str] = mapped_column(String(32), server_default="discuz")
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_crawled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Forum(Base):
    __tablename__ = "forums"
    __table_args__ = (UniqueConstraint("site_id", "forum_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    forum_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(512))
    parent_forum_id: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(String(512))


class Thread(Base):
    __tablename__ = "threads"
    __table_args__ = (UniqueConstraint("site_id", "thread_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    thread_id: Mapped[int] = mapped_column(Integer)
    forum_id: Mapped[int | None] = mapped_column(Integer)
    # NULL for a thread only ever seen as a message page (deleted, forbidden...).
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(255))
    replies: Mapped[int | None] = mapped_column(Integer)
    views: Mapped[int | None] = mapped_column(Integer)
    # The thread list's last-post column (migration 0007): with ``replies``, what tells an
    # incremental crawl that a thread changed (one reply deleted and one added keeps the count).
    last_post_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_poster: Mapped[str | None] = mapped_column(String(255))
    page_count: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str | None] = mapped_column(String(2048))
    status: Mapped[str] = mapped_column(String(32), default="ok", server_default="ok")
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Post(Base):
    """One post, identified by the site's post id (``post_id``, Discuz's pid): a post keeps
    its row when moderators renumber the floors (a deleted reply moves every later one up)
    or move it to another thread. ``floor`` (the #N shown) and ``thread_id`` are where it
    was last seen. A post read without an id (archiver pages print none) is identified by
    its position instead, until a page showing its id adopts the row (migration 0007).
    ``deleted_at``: gone from its thread when the whole thread was last read; kept, never
    shown as current."""

    __tablename__ = "posts"
    __table_args__ = (
        Index("uq_posts_site_id_post_id", "site_id", "post_id", unique=True,
              postgresql_where=text("post_id IS NOT NULL"), sqlite_where=text("post_id IS NOT NULL")),
        Index("uq_posts_site_id_thread_id_floor_unnumbered", "site_id", "thread_id", "floor", unique=True,
              postgresql_where=text("post_id IS NULL"), sqlite_where=text("post_id IS NULL")),
        Index(None, "site_id", "thread_id", "floor"),
        CheckConstraint(_one_of("posted_at_precision", PRECISION_RANK), name="posted_at_precision"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    thread_id: Mapped[int] = mapped_column(Integer)
    floor: Mapped[int] = mapped_column(Integer)
    post_id: Mapped[int | None] = mapped_column(Integer)
    author: Mapped[str | None] = mapped_column(String(255))
    author_banned: Mapped[bool] = mapped_column(Boolean, default=False)
    # Part or all of the message is hidden from the crawler ([hide] block, paid content).
    content_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    posted_at_precision: Mapped[str | None] = mapped_column(String(8))
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    edited_by: Mapped[str | None] = mapped_column(String(255))
    body: Mapped[str | None] = mapped_column(Text)
    # [{"author": str | None, "posted_at": ISO string | None, "text": str}, ...]
    quotes: Mapped[list[dict[str, Any]]] = mapped_column(JSONValue)
    # URLs of the post's pictures, in body order (each is a ``[图片]`` in the body).
    images: Mapped[list[str]] = mapped_column(JSONValue, server_default=text("'[]'"))
    signature: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(2048))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The WARC record (file, byte offset of its gzip member) of the page this version was
    # read from; NULL when the crawl kept no WARC (migration 0004).
    warc_file: Mapped[str | None] = mapped_column(String(1024))
    warc_offset: Mapped[int | None] = mapped_column(BigInteger)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PostAttachment(Base):
    """An attachment a post showed (``pipeline.attachments``), in the order the page showed
    them; a post's rows are replaced whenever the post is stored again (migration 0009).
    ``attachment_id`` is the attachment's number when its URL tells it (``pipeline.attachment_ids``:
    Discuz's and MyBB's ``aid``, vBulletin's, phpBB's, SMF's, XenForo's): X's download URLs
    carry a token that changes with every page view, the number does not."""

    __tablename__ = "post_attachments"
    __table_args__ = (UniqueConstraint("post_row_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_row_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    attachment_id: Mapped[int | None] = mapped_column(BigInteger)
    name: Mapped[str | None] = mapped_column(String(1024))
    url: Mapped[str | None] = mapped_column(String(2048))
    size: Mapped[str | None] = mapped_column(String(32))  # as shown: "28.02 KB"
    downloads: Mapped[int | None] = mapped_column(Integer)
    uploaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    needs_login: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_credits: Mapped[bool] = mapped_column(Boolean, default=False)


class MediaFile(Base):
    """A picture or attachment URL of a site the crawl downloaded (``--media``), once per
    URL: its status and, when ``stored``, the content-addressed file (``path``, relative to
    the media folder: ``<site>/<2 hex>/<sha256>.<ext>``; identical bytes share one file).
    Posts link to it by URL: a post's ``images`` and its ``post_attachments.url`` (migration
    0011). ``attachment_id``: the attachment's number (Discuz's aid, whose X download URLs change
    with every view; the other engines' number in their download URL)."""

    __tablename__ = "media"
    __table_args__ = (
        UniqueConstraint("site_id", "url"),
        CheckConstraint(_one_of("status", MEDIA_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(2048))
    attachment_id: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str | None] = mapped_column(String(64))
    bytes: Mapped[int | None] = mapped_column(BigInteger)
    content_type: Mapped[str | None] = mapped_column(String(255))
    path: Mapped[str | None] = mapped_column(String(1024))
    reason: Mapped[str | None] = mapped_column(Text)  # why it is not stored, one line
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PostRevision(Base):
    """What a post was before it changed: its body before an edit, or its thread and floor
    before a moderator moved or renumbered it (a row per change seen by a later crawl)."""

    __tablename__ = "post_revisions"
    __table_args__ = (Index(None, "site_id", "thread_id", "floor"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    thread_id: Mapped[int] = mapped_column(Integer)
    floor: Mapped[int] = mapped_column(Integer)
    post_id: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[str | None] = mapped_column(Text)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # This body was current from its first sighting until the crawl that saw the new one.
    seen_from: Mapped[datetime] = mapped_column(UTCDateTime)
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CrawlRun(Base):
    __tablename__ = "crawl_runs"
    __table_args__ = (CheckConstraint(_one_of("status", CRAWL_RUN_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"))
    start_url: Mapped[str] = mapped_column(String(2048))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16))
    pages: Mapped[int] = mapped_column(Integer, default=0)
    threads: Mapped[int] = mapped_column(Integer, default=0)
    posts_new: Mapped[int] = mapped_column(Integer, default=0)
    posts_changed: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    # The crawling process, so that a later crawl can tell a run whose process died
    # (killed, crashed) from one still going.
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)
    # Whatever else the crawler reported (e.g. Scrapy stats) beyond the count columns.
    stats: Mapped[dict[str, Any] | None] = mapped_column(JSONValue)
    message: Mapped[str | None] = mapped_column(Text)
    # Why a run is degraded: one line each (migration 0006).
    reasons: Mapped[list[str] | None] = mapped_column(JSONValue)


CRAWL_QUEUE_STATUSES = ("queued", "running", "done")


class QueuedCrawl(Base):
    """A crawl put on the broker's queue (distributed mode): queued until a worker takes it,
    running on ``worker``, done once its crawl run (``crawl_run_id``) is final. At most one
    entry per start URL waits at a time: a second enqueue is coalesced into it."""

    __tablename__ = "crawl_queue"
    __table_args__ = (
        CheckConstraint(_one_of("status", CRAWL_QUEUE_STATUSES), name="status"),
        Index("uq_crawl_queue_waiting", "start_url", unique=True,
              postgresql_where=text("status = 'queued'"), sqlite_where=text("status = 'queued'")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    start_url: Mapped[str] = mapped_column(String(2048))
    job: Mapped[str | None] = mapped_column(String(255))  # the scheduler's job; None if by hand
    status: Mapped[str] = mapped_column(String(16))
    enqueued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    worker: Mapped[str | None] = mapped_column(String(255))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # The newest crawl run before the current attempt: a redelivered job closes the runs
    # its lost attempt left open.
    after_run_id: Mapped[int | None] = mapped_column(Integer)
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id", ondelete="SET NULL"))
    message: Mapped[str | None] = mapped_column(Text)


class CrawlGap(Base):
    """A page (or a post) a crawl meant to read and could not: failed after retries, cut
    short, refused. One row per URL and site while it stays unread; the next crawl of the
    site fetches it first and deletes the row once the page is read."""

    __tablename__ = "crawl_gaps"
    __table_args__ = (
        UniqueConstraint("site_id", "url"),
        CheckConstraint(_one_of("kind", GAP_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    # The last run that failed to read it.
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id", ondelete="SET NULL"))
    url: Mapped[str] = mapped_column(String(2048))
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    # Fetches that failed, over every run that tried it.
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
