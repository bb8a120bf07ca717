"""The sample forum served as phpBB (``--engine phpbb``), read by the phpBB reader page by page:
the URL forms a crawl does not walk from the root (``?p=N``, an offset past the end) and the
pages standing in for a topic (gone, closed to guests) answer as phpBB 3.3 does."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from forum_harvest.sample_forum import SampleForum
from forum_harvest.sample_forum.engines import responder
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.phpbb import POSTS_PER_PAGE
from scraper.engines.phpbb import reading
from scraper.engines.phpbb.urls import PageSizes

BASE = "http://127.0.0.1:9/"


@pytest.fixture(scope="module")
def forum() -> SampleForum:
    return SampleForum.build()


def served(forum: SampleForum, target: str) -> tuple[int, reading.ThreadPage]:
    """(HTTP status, the page as the phpBB reader reads it)."""
    response = responder("phpbb")(View(forum, BASE, forum.now), target)
    page = HtmlResponse(BASE + target.lstrip("/"), status=response.status, body=response.body.encode(), encoding="utf-8")
    return response.status, reading.thread_page(page, PageSizes())


def long_thread(forum: SampleForum) -> int:
    return max(forum.threads, key=lambda t: len(forum.thread_posts(t.thread_id))).thread_id


def test_a_post_link_answers_the_page_holding_the_post(forum):
    thread_id = long_thread(forum)
    post = forum.thread_posts(thread_id)[POSTS_PER_PAGE + 1]
    status, page = served(forum, f"/viewtopic.php?p={post.post_id}")
    assert (status, page.thread_id, page.page) == (200, thread_id, 2)
    assert post.post_id in [p.post_id for p in page.posts]
    assert [p.floor for p in page.posts] == list(range(POSTS_PER_PAGE + 1, 2 * POSTS_PER_PAGE + 1))


def test_an_offset_past_the_end_answers_the_last_page(forum):
    thread_id = long_thread(forum)
    posts = forum.thread_posts(thread_id)
    status, page = served(forum, f"/viewtopic.php?t={thread_id}&start={len(posts) + 50}")
    assert status == 200
    assert (page.page, page.page_count) == (page.page_count, -(-len(posts) // POSTS_PER_PAGE))
    assert [p.post_id for p in page.posts] == [p.post_id for p in posts[(page.page - 1) * POSTS_PER_PAGE:]]


def test_a_missing_topic_is_the_does_not_exist_page_with_404(forum):
    status, page = served(forum, "/viewtopic.php?t=9999")
    assert (status, page.message, page.message_kind) == (404, "The requested topic does not exist.", "deleted")


def test_a_topic_guests_may_not_read_is_the_login_box(forum):
    closed = next(t for t in forum.threads if not t.readable)
    status, page = served(forum, f"/viewtopic.php?t={closed.thread_id}")
    assert (status, page.posts, page.message_kind) == (200, [], "login_required")
