"""The sample forum served as phpBB, MyBB and SMF (``--engine phpbb|mybb|smf``), read page by
page by that engine's reader: the URL forms a crawl does not walk from the root (a post's link,
followed through SMF's redirect; a page past the end) and the pages standing in for a thread
(gone, closed to guests) answer as phpBB 3.3, MyBB 1.8 and SMF 2.1 do (SMF shows a guest the
same login form for both)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from scrapy.http import HtmlResponse

from forum_harvest.sample_forum import SampleForum, mybb, phpbb, smf
from forum_harvest.sample_forum.engines import responder
from forum_harvest.sample_forum.layout import View
from scraper.engines.mybb import ENGINE as MYBB
from scraper.engines.phpbb import ENGINE as PHPBB
from scraper.engines.smf import ENGINE as SMF

BASE = "http://127.0.0.1:9/"


@dataclass(frozen=True)
class Served:
    reader: object  # the engine's reader (scraper.engines)
    post: Callable[[int], str]  # a post's link
    page: Callable[[int, int], str]  # (thread id, page) -> path
    posts_per_page: int
    missing: tuple[int, str, str]  # (HTTP status, words of the message, its kind) for a thread that does not exist
    closed: str = "login_required"  # the kind of a thread guests may not read (SMF: "missing or off limits")


SERVED = {
    "phpbb": Served(PHPBB, lambda p: f"/viewtopic.php?p={p}",
                    lambda t, n: f"/viewtopic.php?t={t}&start={(n - 1) * phpbb.POSTS_PER_PAGE}", phpbb.POSTS_PER_PAGE,
                    (404, "The requested topic does not exist.", "deleted")),
    "mybb": Served(MYBB, lambda p: f"/showthread.php?pid={p}", lambda t, n: f"/showthread.php?tid={t}&page={n}",
                   mybb.POSTS_PER_PAGE, (200, "The specified thread does not exist.", "deleted")),
    "smf": Served(SMF, lambda p: f"/index.php?msg={p}", lambda t, n: f"/index.php?topic={t}.{(n - 1) * smf.MESSAGES_PER_PAGE}",
                  smf.MESSAGES_PER_PAGE, (200, "appears to be either missing or off limits to you", "missing_or_closed"), "missing_or_closed"),
}


@pytest.fixture(scope="module")
def forum() -> SampleForum:
    return SampleForum.build()


def served(forum: SampleForum, engine: str, target: str):
    """(HTTP status, the page as the engine's reader reads it), a redirect followed."""
    response = responder(engine)(View(forum, BASE, forum.now), target)
    if response.status == 302:
        target = "/" + response.headers["Location"].removeprefix(BASE).split("#")[0]
        response = responder(engine)(View(forum, BASE, forum.now), target)
    page = HtmlResponse(BASE + target.lstrip("/"), status=response.status, body=response.body.encode(), encoding="utf-8")
    return response.status, SERVED[engine].reader.thread_page(page)


def long_thread(forum: SampleForum) -> int:
    return max(forum.threads, key=lambda t: len(forum.thread_posts(t.thread_id))).thread_id


@pytest.mark.parametrize("engine", sorted(SERVED))
def test_a_post_link_answers_the_page_holding_the_post(forum, engine):
    per_page = SERVED[engine].posts_per_page
    thread_id = long_thread(forum)
    post = forum.thread_posts(thread_id)[per_page + 1]
    status, page = served(forum, engine, SERVED[engine].post(post.post_id))
    assert (status, page.thread_id, page.page) == (200, thread_id, 2)
    assert post.post_id in [p.post_id for p in page.posts]
    last = min(2 * per_page, len(forum.thread_posts(thread_id)))  # SMF's 15 a page: page 2 is the last
    assert [p.floor for p in page.posts] == list(range(per_page + 1, last + 1))


@pytest.mark.parametrize("engine", sorted(SERVED))
def test_a_page_past_the_end_answers_the_last_page(forum, engine):
    per_page = SERVED[engine].posts_per_page
    thread_id = long_thread(forum)
    posts = forum.thread_posts(thread_id)
    last = -(-len(posts) // per_page)
    status, page = served(forum, engine, SERVED[engine].page(thread_id, last + 5))
    assert (status, page.page, page.page_count) == (200, last, last)
    assert [p.post_id for p in page.posts] == [p.post_id for p in posts[(last - 1) * per_page:]]


@pytest.mark.parametrize("engine", sorted(SERVED))
def test_a_missing_thread_is_the_engine_s_does_not_exist_page(forum, engine):
    status, page = served(forum, engine, SERVED[engine].page(9999, 1))
    wanted_status, words, kind = SERVED[engine].missing
    assert (status, page.message_kind) == (wanted_status, kind) and words in page.message


@pytest.mark.parametrize("engine", sorted(SERVED))
def test_a_thread_guests_may_not_read_wants_a_login(forum, engine):
    closed = next(t for t in forum.threads if not t.readable)
    status, page = served(forum, engine, SERVED[engine].page(closed.thread_id, 1))
    assert (status, page.posts, page.message_kind) == (200, [], SERVED[engine].closed)


def test_smf_a_missing_message_is_its_fatal_error_with_403(forum):
    """``index.php?msg=K`` of no message: ``fatal_lang_error('topic_gone')``, not a guest's login form."""
    missing = max(p.post_id for p in forum.posts) + 1
    status, page = served(forum, "smf", f"/index.php?msg={missing}")
    assert (status, page.posts, page.message_kind) == (403, [], "missing_or_closed")
    assert "missing or off limits" in page.message
