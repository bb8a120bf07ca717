"""One thread as a reader sees it, for ``forum-harvest browse`` (the template
``browse_templates/fh_thread.html``): each floor's author and time in the site's timezone,
its text with the pictures where the ``[图片]`` marks stand, quotes, attachments, edit notice
and signature.

A picture or attachment the crawl stored (``--media``) points at the local store, served by
the same Datasette under ``media_url``; any other at its original URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.engine import Connection

from db.media import media_of, shown_urls
from db.models import Site, Thread
from db.queries import thread_posts
from forum_harvest.query_tables import attachment_details
from pipeline.clean import IMAGE_PLACEHOLDER

# How a time of each precision is shown (db.models.PRECISION_RANK).
TIME_FORMATS = {"day": "%Y-%m-%d", "hour": "%Y-%m-%d %H:%M", "minute": "%Y-%m-%d %H:%M"}
SECOND_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class Piece:
    """A run of text, or a picture (``src``; ``original``: the URL the post showed)."""

    text: str = ""
    src: str | None = None
    original: str | None = None


@dataclass
class Floor:
    floor: int
    author: str
    posted_at: str
    pieces: list[Piece]
    quotes: list[dict[str, str]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    edited: str | None = None
    signature: str | None = None
    url: str | None = None


def read_thread(conn: Connection, thread_row_id: int, media_url: str | None) -> dict[str, Any]:
    """The template's variables for the ``threads`` row ``thread_row_id``.

    Raises ValueError naming the row when there is none or it has no stored posts."""
    found = conn.execute(select(Site.url, Site.timezone, Thread.thread_id, Thread.title,
                                Thread.url.label("thread_url"))
                         .join(Site, Site.id == Thread.site_id).where(Thread.id == thread_row_id)).first()
    if found is None:
        raise ValueError(f"thread row {thread_row_id}: no such thread")
    posts = thread_posts(conn, found.thread_id, site=found.url)
    urls = [url for post in posts for url in shown_urls(post)]
    stored = {url: row["path"] for url, row in media_of(conn, found.url, urls).items()
              if row["status"] == "stored"} if media_url else {}
    zone = ZoneInfo(found.timezone)
    return {"site": found.url, "thread_id": found.thread_id, "title": found.title or f"thread {found.thread_id}",
            "thread_url": found.thread_url,
            "timezone": found.timezone, "forum_name": posts[0]["forum_name"],
            "floors": [floor_of(post, zone, {url: media_url + path for url, path in stored.items()})
                       for post in posts]}


def floor_of(post: dict[str, Any], zone: ZoneInfo, local: dict[str, str]) -> Floor:
    """One post for the page; ``local``: the stored files' local URLs by original URL."""
    edited = None
    if post["edited_at"]:
        by = f" by {post['edited_by']}" if post.get("edited_by") else ""
        edited = f"edited{by} at {shown_time(post['edited_at'], 'minute', zone)}"
    attachments = [{"name": a.get("name") or "(unnamed)", "details": ", ".join(attachment_details(a)),
                    "href": local.get(a["url"], a["url"]) if a.get("url") else None,
                    "stored": a.get("url") in local} for a in post["attachments"]]
    quotes = [{"author": quote.get("author") or "", "text": quote.get("text") or "",
               "posted_at": shown_time(quote.get("posted_at"), "minute", zone)} for quote in post["quotes"] or []]
    return Floor(floor=post["floor"], author=post["author"] or "?",
                 posted_at=shown_time(post["posted_at"], post["posted_at_precision"], zone),
                 pieces=pieces_of(post["body"] or "", post["images"] or [], local), quotes=quotes,
                 attachments=attachments, edited=edited, signature=post["signature"], url=post["url"])


def pieces_of(body: str, images: list[str], local: dict[str, str]) -> list[Piece]:
    """The body's text with each ``[图片]`` mark replaced by its picture, in order; pictures
    beyond the marks follow the text."""
    texts = body.split(IMAGE_PLACEHOLDER)
    pieces: list[Piece] = []
    for index, text in enumerate(texts):
        if text:
            pieces.append(Piece(text=text))
        if index < len(texts) - 1 and index < len(images):
            pieces.append(Piece(src=local.get(images[index], images[index]), original=images[index]))
        elif index < len(texts) - 1:
            pieces.append(Piece(text=IMAGE_PLACEHOLDER))
    pieces += [Piece(src=local.get(url, url), original=url) for url in images[len(texts) - 1:]]
    return pieces


def shown_time(iso: str | None, precision: str | None, zone: ZoneInfo) -> str:
    """A stored UTC time (ISO 8601) in the site's timezone, as precise as it was read."""
    if not iso:
        return ""
    moment = datetime.fromisoformat(iso).astimezone(zone)
    return moment.strftime(TIME_FORMATS.get(precision or "", SECOND_FORMAT))
