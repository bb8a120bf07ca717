"""Which thread lists name a thread's last post by its id (``ThreadRow.last_post_id``, what the
incremental recrawl compares with the newest stored post): the sample forum's lists, served as
each engine prints them, read by that engine's reader. phpBB (``viewtopic.php?p=N#pN``), SMF
(``topic=T.M#msgN``, as a real 2.1 shows a guest: tests/fixtures/smf-2.1) and vBulletin 4
(``showthread.php?t=T&p=N#postN``) name it; MyBB (``action=lastpost``, tests/fixtures/mybb-1.8),
XenForo 2 (``threads/…/latest``, tests/fixtures/xenforo-2/forum.html), Invision
(``?do=getLastComment``) and phpwind (``page=e#a``, tests/fixtures/phpwind-8.7 and 9.1) link a
jump that names none, as the real ones do."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from forum_harvest.sample_forum import SampleForum
from forum_harvest.sample_forum.engines import responder
from forum_harvest.sample_forum.layout import View
from scraper.engines import by_name

BASE = "http://127.0.0.1:9/"
LISTS = {"phpbb": "/viewforum.php?f={}", "smf": "/index.php?board={}.0", "vbulletin": "/forumdisplay.php?f={}",
         "mybb": "/forumdisplay.php?fid={}", "xenforo": "/forums/{}/", "invision": "/forum/{}--/",
         "phpwind": "/index.php?c=thread&fid={}", "phpwind8": "/thread.php?fid={}"}
LINKED = {"phpbb", "smf", "vbulletin"}


@pytest.fixture(scope="module")
def forum() -> SampleForum:
    return SampleForum.build()


@pytest.mark.parametrize("served", sorted(LISTS))
def test_a_list_names_its_threads_last_posts_where_the_engine_links_them(forum, served):
    board = max((f for f in forum.forums if not f.members_only), key=lambda f: len(forum.forum_threads(f.forum_id)))
    target = LISTS[served].format(board.forum_id)
    response = responder(served)(View(forum, BASE, forum.now), target)
    page = HtmlResponse(BASE + target.lstrip("/"), body=response.body.encode(), encoding="utf-8")
    rows = by_name(served.removesuffix("8")).forum_page(page).threads
    assert rows
    assert {row.thread_id: row.last_post_id for row in rows} == {
        row.thread_id: forum.thread_posts(row.thread_id)[-1].post_id if served in LINKED else None for row in rows}
