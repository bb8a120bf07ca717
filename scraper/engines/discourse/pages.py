"""A Discourse topic page as base.py's ThreadView, from its JSON: ``/t/ID.json?page=M``
(TopicViewSerializer: ``id``, ``title``, ``category_id``, ``posts_count``, ``views``,
``post_stream.stream`` = every visible post id in order) or ``/t/ID/posts.json`` (the posts
only, each with the topic's ``posts_count``). Pages hold 20 posts (TopicView.chunk_size).

An HTML page is read as the crawler view (``crawler_view``); the crawl itself asks the JSON
API for every page (``urls.page_url``). Times are ISO with an offset: ``page_timezone`` is UTC.
"""

from __future__ import annotations

from math import ceil
from typing import Any

from scraper.engines.discourse import crawler_view, urls
from scraper.engines.discourse.posts import read_posts
from scraper.engines.json_answers import json_of, number
from scraper.engines.views import ThreadPageView

NOT_READ = "neither a Discourse JSON answer nor its crawler view"
# Why a page holds no topic: the JSON error's ``error_type`` (Discourse::NotFound, InvalidAccess,
# NotLoggedIn), else the status the crawler HTML's "Oops! That page doesn't exist or is
# private." came with (a deleted topic is 404 to a guest, one they may not see 403).
ERROR_KINDS = {"not_found": "deleted", "invalid_access": "forbidden", "not_logged_in": "login_required"}
STATUS_KINDS = {404: "deleted", 410: "deleted", 403: "forbidden"}


def _page_count(topic: dict[str, Any], stream: dict[str, Any]) -> int:
    ids = stream.get("stream")
    if isinstance(ids, list):
        return max(1, ceil(len(ids) / urls.POSTS_PER_PAGE))
    counts = [number(post.get("posts_count")) for post in stream.get("posts") or []]
    total = number(topic.get("posts_count")) or max(filter(None, counts), default=None)
    return max(1, ceil(total / urls.POSTS_PER_PAGE)) if total else 1


def _page(stream: dict[str, Any], url_page: int) -> int:
    """The page the answer is: its first post's place in the stream when the answer has one
    (exact for ``?page=M``), else the URL's."""
    ids, posts = stream.get("stream"), stream.get("posts") or []
    if isinstance(ids, list) and posts and posts[0].get("id") in ids:
        return ids.index(posts[0]["id"]) // urls.POSTS_PER_PAGE + 1
    return url_page


def _why_not_read(response: Any, answer: dict[str, Any]) -> tuple[str | None, str | None]:
    """The message and its kind for an answer that is no topic: a JSON error, Discourse's error
    page; (None, None) for an error status without either (not the engine's answer: a gap)."""
    errors = answer.get("errors")
    said = " ".join(map(str, errors)) if isinstance(errors, list) and errors else crawler_view.error_title(response)
    status = getattr(response, "status", 200)
    if said:
        return said, ERROR_KINDS.get(answer.get("error_type")) or STATUS_KINDS.get(status, "message")
    return (None, None) if status >= 400 else (NOT_READ, "message")


def thread_page(response: Any) -> ThreadPageView:
    ref = urls.classify(response.url)
    topic = json_of(response)
    stream = topic.get("post_stream") if topic else None
    if topic is None and (crawled := crawler_view.thread_page(response)) is not None:
        return crawled
    if not isinstance(stream, dict):
        message, kind = _why_not_read(response, topic or {})
        return ThreadPageView(thread_id=ref.thread_id if ref else None, forum_id=None, title=None,
                              page=ref.page if ref else 1, page_count=1, replies=None, posts=[],
                              message=message, message_kind=kind, ref=ref)
    posts_count = number(topic.get("posts_count"))
    return ThreadPageView(
        thread_id=number(topic.get("id")) or (ref.thread_id if ref else None),
        forum_id=number(topic.get("category_id")), title=topic.get("title") or None,
        page=_page(stream, ref.page if ref else 1), page_count=_page_count(topic, stream),
        replies=posts_count - 1 if posts_count else None, posts=read_posts(stream),
        message=None, message_kind=None, ref=ref, page_timezone="UTC")
