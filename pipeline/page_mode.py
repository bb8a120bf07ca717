"""HTML mode: a whole thread page, archiver page or single post element -> clean records.

The page is parsed once (``scraper.markup.ParsedPage``): its engine is found on the tree, which
its readers then take (``scraper.engines.discuz.pages``' page objects, other engines'
``thread_page``); only each post's
small message fragment goes through BeautifulSoup (``pipeline.clean``). Records have the
export-record shape (docs/architecture.md) plus ``author_banned``, ``edited_by`` and
``images``; times are ISO 8601 in UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from pipeline.control_chars import without_controls
from pipeline.post_cleaning import CleanedPost, CleaningContext, CleaningCounts, clean_post
from scraper.engines.discuz import urls
from scraper.engines import Engine, by_name, date_order, detect
from scraper import markup
from scraper.markup import ParsedPage
from scraper.engines.discuz.pages import ArchiverThreadPage, DiscuzPage, RawPost, ThreadPage

# Where an engine's readers resolve links when the page's URL is not given.
UNKNOWN_URL = "http://unknown.invalid/"


_ARCHIVER_AUTHOR = re.compile(r"<p\s+class=[\"']?author\b|class=[\"']?archiver_post\b", re.I)


class NotAThread(ValueError):
    """The page holds no posts: a Discuz message page (no permission, deleted thread…)."""


@dataclass
class CleanThread:
    site: str | None
    forum_id: int | None
    forum_name: str | None
    thread_id: int | None
    thread_title: str | None
    url: str | None
    page_kind: str  # "thread" | "archiver" | "post"
    site_name: str | None
    posts: list[dict[str, Any]] = field(default_factory=list)
    counts: CleaningCounts = field(default_factory=CleaningCounts)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _record(thread: CleanThread, raw: RawPost, cleaned: CleanedPost, fetched_at: datetime,
            post_anchor: str = "#pid{post_id}") -> dict[str, Any]:
    anchor = post_anchor.format(post_id=raw.post_id) if raw.post_id else ""
    return {
        "site": thread.site, "forum_id": thread.forum_id, "forum_name": thread.forum_name,
        "thread_id": thread.thread_id, "thread_title": thread.thread_title, "post_id": raw.post_id,
        "floor": raw.floor, "author": without_controls(raw.author), "posted_at": _iso(cleaned.posted_at),
        "posted_at_precision": cleaned.posted_at_precision, "edited_at": _iso(cleaned.edited_at),
        "edited_by": cleaned.edited_by, "body": cleaned.body, "quotes": cleaned.quotes,
        "signature": cleaned.signature, "author_banned": raw.author_banned,
        "content_hidden": raw.content_hidden, "images": cleaned.images,
        "attachments": [attachment.record() for attachment in cleaned.attachments],
        "url": (thread.url + anchor) if thread.url else None, "fetched_at": _iso(fetched_at),
    }


def _read(page: ParsedPage, floor_offset: int) -> tuple[DiscuzPage, list[RawPost], str]:
    """The page object that finds posts on this page (its tree, parsed once), its posts and the
    page kind. The archiver is told by its URL or its ``p.author`` lines."""
    url, html = page.url, page.text
    ref = urls.classify(url) if url else None
    if (ref and ref.kind == "archiver_thread") or _ARCHIVER_AUTHOR.search(html):
        archiver = ArchiverThreadPage(url, html, floor_offset=floor_offset, tree=page.tree)
        if archiver.posts:
            return archiver, archiver.posts, "archiver"
    thread = ThreadPage(url, html, tree=page.tree)
    if thread.posts:
        return thread, thread.posts, "thread"
    if thread.message:
        raise NotAThread(f"not a thread page: the forum says: {thread.message}")
    if not thread.sel.xpath("//body//text()[normalize-space()] | //body//img"):
        raise NotAThread("no post found: the page has no text")
    lone = RawPost(None, None, None, False, None, None, html)
    return thread, [lone], "post"


def clean_page(html: str, *, context: CleaningContext, url: str = "", floor_offset: int = 0,
               engine: str | None = None) -> CleanThread:
    """Clean every post on one page, read by ``engine`` (a name), else by the engine that
    rendered it; a page no engine recognizes (a lone post element) is read as Discuz's.
    ``context.site_names`` gains the name the page shows (meta application-name, ``<title>``
    suffix, archiver header); ``floor_offset`` is the number of posts on earlier archiver
    pages (the archiver prints no floors)."""
    parsed = ParsedPage(url, html, markup.parse(html))  # parsed once: detected, then read
    reader = by_name(engine) if engine else detect(parsed.tree)
    if reader is not None and reader.name != "discuz":
        return _clean_engine_page(reader, parsed, context=replace(context, engine=reader.name), url=url)
    page, posts, kind = _read(parsed, floor_offset)
    context = context.with_site_name(page.site_name)
    forum_id, forum_name = page.breadcrumb_forum
    is_thread = kind != "post"
    site = page.site_root if page.site_root.startswith(("http://", "https://")) else None
    thread_id = page.thread_id if is_thread else None
    if url:
        url = urls.canonicalize(url)
    elif site and thread_id:
        url = urls.thread_url(site, thread_id, page.page)
    thread = CleanThread(
        site=site,
        forum_id=(forum_id or page.forum_id) if is_thread else None,
        forum_name=without_controls(forum_name),
        thread_id=thread_id,
        thread_title=without_controls(page.title) if is_thread else None,
        url=url or None,
        page_kind=kind,
        site_name=page.site_name,
    )
    for raw in posts:
        cleaned = clean_post(raw.body_html, time_text=raw.time_text, time_title=raw.time_title,
                             signature_html=raw.signature_html, archiver=kind == "archiver", context=context,
                             attachments_html=raw.attachments_html)
        thread.counts.add(cleaned.counts)
        thread.posts.append(_record(thread, raw, cleaned, context.fetched_at))
    return thread


def _clean_engine_page(engine: Engine, page: ParsedPage, *, context: CleaningContext,
                       url: str) -> CleanThread:
    """A thread page of an engine other than Discuz, read by that engine's readers."""
    view = engine.thread_page(replace(page, url=url or UNKNOWN_URL))
    context = replace(context, date_order=date_order.page_order(view, page.text, wording=engine.wording,
                                                                setting=context.date_order))
    if view.message and not view.posts:
        raise NotAThread(f"not a thread page: the forum says: {view.message}")
    if not view.posts:
        raise NotAThread(f"no post found on this {engine.label} page")
    site = engine.site_root(url) if url else None
    thread = CleanThread(
        site=site, forum_id=view.forum_id, forum_name=None, thread_id=view.thread_id,
        thread_title=without_controls(view.title), page_kind="thread", site_name=None,
        url=engine.canonicalize(url) if url else (engine.page_url(site, "thread", view.thread_id, view.page)
                                                  if site and view.thread_id else None),
    )
    for raw in view.posts:
        cleaned = clean_post(raw.body_html, time_text=raw.time_text, time_title=raw.time_title,
                             signature_html=raw.signature_html, archiver=False, context=context,
                             edit_notice=raw.edit_notice, edit_time=raw.edit_time)
        thread.counts.add(cleaned.counts)
        thread.posts.append(_record(thread, raw, cleaned, context.fetched_at, engine.post_anchor))
    return thread
