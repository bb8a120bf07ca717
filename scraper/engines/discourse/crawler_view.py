"""The HTML Discourse serves crawlers (app/views/topics/show.html.erb): what the engine reads
when an answer is not JSON (a saved page, ``forum-harvest clean --mode html``).

A post is ``div.topic-body.crawler-post`` (2.x: ``itemscope`` DiscussionForumPosting; 3.x
on: ``id="post_N"``) holding ``span.creator [itemprop=name]`` (the username),
``time.post-time[datetime]`` (ISO, UTC), ``meta[itemprop=dateModified]`` (the post's
``last_version_at``: its creation until an edit makes a revision, so a later time is the edit
notice's, as ``version`` > 1 and ``updated_at`` are in the JSON),
``span[itemprop=position]`` ("#5" in 2.x, "5" later: the post number) and the cooked message
in ``div.post`` (``itemprop=articleBody`` in 2.x, ``text`` later). The page prints no post
ids: a post is known by its topic and post number (``floor``), which the JSON shows too and
Discourse never reuses, so storage takes it for the post of that id read there
(``db.upsert_posts``). The title is ``#topic-title h1``, the category the breadcrumb's
``/c/slug/ID`` link. The page count is the topic's own when the page preloads its JSON for the app
(``#data-preloaded``, ``topic_ID``: the post ids of ``post_stream.stream``; the
application layout has it, the crawler layout not), else one more while a ``rel=next`` link
says there is a next page.
"""

from __future__ import annotations

import re
from math import ceil
from typing import Any

from lxml import etree

from scraper.engines.base import RawPost
from scraper.engines.discourse import urls
from scraper.engines.discourse.posts import as_base_markup
from scraper.engines.discourse.wording import EDIT_NOTICE
from scraper.engines.fragments import first, message_html, page_tree, text_of
from scraper.engines.views import ThreadPageView

_POSITION = re.compile(r"(\d+)")
_STREAM = re.compile(r'\\*"stream\\*"\s*:\s*\[([\d,\s]*)\]')  # "stream":[1,2] with its quotes escaped
POSTS = "//div[contains(concat(' ', normalize-space(@class), ' '), ' crawler-post ')][not(@role='navigation')]"


def _post(node: etree._Element) -> RawPost:
    author = text_of(first(node, ".//*[contains(@class, 'creator')]//*[@itemprop='name']")) or None
    stamp = first(node, ".//time[contains(@class, 'post-time')]")
    position = _POSITION.search(text_of(first(node, ".//*[@itemprop='position']")))
    message = first(node, "./div[contains(concat(' ', normalize-space(@class), ' '), ' post ')]")
    posted = stamp.get("datetime") if stamp is not None else None
    modified = first(node, ".//meta[@itemprop='dateModified']")
    edited = modified.get("content") if modified is not None else None
    return RawPost(
        post_id=None, floor=int(position.group(1)) if position else None, author=author, author_banned=False,
        time_text=text_of(stamp) or None, time_title=posted,
        edit_notice=EDIT_NOTICE.format(time=edited) if edited and posted and edited != posted else None,
        body_html=message_html(message, as_base_markup),
        unreadable=None if author or message is not None else "neither author nor message")


def error_title(response: Any) -> str | None:
    """The title of the error page Discourse serves in place of a page (``exceptions/not_found``:
    "Oops! That page doesn't exist or is private."), None on any other page."""
    return text_of(first(page_tree(response).root, "//*[contains(@class, 'page-not-found')]//h1")) or None


def preloaded_page_count(page: Any, thread_id: int | None) -> int | None:
    """The topic's page count from the post ids its preloaded JSON streams, None when the page
    preloads none. Found by pattern, not parsed: it is JSON text inside JSON text, and one flaw
    elsewhere in it (the saved 2.8 page has a stray ``&quoquot;``) would lose it."""
    preloaded = page.xpath("//*[@id='data-preloaded']/@data-preloaded").get() or ""
    start = preloaded.find(f'"topic_{thread_id}"')
    match = _STREAM.search(preloaded, start) if start >= 0 else None
    ids = [part for part in match.group(1).split(",") if part.strip()] if match else []
    return ceil(len(ids) / urls.POSTS_PER_PAGE) if ids else None


def thread_page(response: Any) -> ThreadPageView | None:
    """The crawler view's topic page, None when the page is not one."""
    page = page_tree(response)
    nodes = page.root.xpath(POSTS)
    if not nodes:
        return None
    ref = urls.classify(response.url)
    forums = [urls.classify(href) for href in page.xpath("//*[@id='topic-title']//a/@href").getall()]
    forum_ids = [forum.forum_id for forum in forums if forum and forum.kind == "forum"]
    current = ref.page if ref else 1
    more = bool(page.xpath("//a[@rel='next'] | //link[@rel='next']"))
    count = preloaded_page_count(page, ref.thread_id if ref else None) or (current + 1 if more else current)
    return ThreadPageView(
        thread_id=ref.thread_id if ref else None, forum_id=forum_ids[0] if forum_ids else None,
        title=text_of(first(page.root, "//*[@id='topic-title']//h1")) or None, page=current,
        page_count=count, replies=None, posts=[_post(node) for node in nodes],
        message=None, message_kind=None, ref=ref, page_timezone="UTC")
