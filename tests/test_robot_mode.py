"""Discuz's robot templates (issue 24). Discuz serves pages without floor links to any
User-Agent with ``bot``, ``crawl`` or ``spider`` in it, and our honest default says "archival
crawler": a crawl with it must export exactly what a crawl with a browser's User-Agent does.

The sample forum answers as the real engines do (``sample_forum.robot_mode``); the readers
place floorless posts by page and order (``scraper.engines.discuz.pages.positions``). Reader tests of the
robot pages of every family are in tests/test_page_families.py.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from forum_harvest.sample_forum import SampleForum, start_server
from forum_harvest.sample_forum.look import SKINS
from forum_harvest.sample_forum.mutations import CHANGES, later
from forum_harvest.sample_forum.robot_mode import is_robot
from scraper.engines.discuz.pages.positions import place
from db.crawl_state import KnownThread
from scraper.items import ThreadPageItem, ThreadReadItem
from scraper.recrawl import RecrawlPlan
from scraper.settings import USER_AGENT
from scraper.spiders.forum import PLACE_AFTER_META, PLACED_AGAIN_META, ForumSpider
from tests.exports import Shows, crawl, differences, expected, export, summary

BROWSER = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/131.0.0.0 Safari/537.36")
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.mark.parametrize("skin", SKINS)
def test_discuz_takes_our_default_user_agent_for_a_robot_and_a_browser_for_none(skin):
    assert is_robot(USER_AGENT, skin) and is_robot(GOOGLEBOT, skin)
    assert not is_robot(BROWSER, skin) and not is_robot(None, skin)


def test_each_engine_asks_its_word_lists_in_its_own_order():
    """X3.4+ checkrobot() asks the spider words first; X2 - X3.2 and 6.x/7.x the browser words
    (a UA naming a browser is no robot unless it carries http://)."""
    masked = "Mozilla/5.0 (compatible; ExampleCrawler/1.0)"
    assert [is_robot(masked, skin) for skin in ("x35", "custom", "touch", "x25", "d7")] == [True] * 3 + [False] * 2


@pytest.mark.parametrize("page, page_count, posts, known, before", [
    (1, 3, 10, None, 0),  # page 1 starts the thread
    (2, 3, 10, None, 10),  # a page before the last is full: it tells the page size
    (2, 3, 7, 10, 10),  # the largest full page the crawl read wins
    (3, 3, 8, 10, 20),  # the last page: the page size learnt elsewhere
    (3, 3, 8, None, None),  # ... or nothing
    (3, 3, 12, 10, None),  # more posts than the page size learnt: that was no page size
])
def test_where_a_floorless_page_starts(page, page_count, posts, known, before):
    placement = place(page, page_count, posts, known)
    assert placement.before == before
    assert (placement.reason is None) == (before is not None)


# (look, start path, what the family shows of the truth)
FAMILIES = [
    pytest.param({}, "forum.php", Shows(), id="x35"),
    pytest.param({"skin": "x25"}, "forum.php", Shows(), id="x25"),
    pytest.param({"skin": "d7"}, "index.php", Shows(seconds=False), id="d7"),
    pytest.param({"skin": "custom"}, "forum.php", Shows(), id="custom"),
    # The readers know touch thread pages, not its thread lists: one thread, compared with the
    # browser crawl only (touch pages print neither signatures nor absolute times).
    pytest.param({"skin": "touch"}, "forum.php?mod=viewthread&tid=13", None, id="touch"),
    pytest.param({"real_archiver": True}, "archiver/", Shows(archiver="real", seconds=False), id="x35 archiver"),
    pytest.param({"skin": "d7"}, "archiver/",
                 Shows(archiver="real", seconds=False, paid_threads=False, archiver_attachments=True),
                 id="d7 archiver"),
]


def comparable(records: list[dict]) -> list[dict]:
    """An export without what differs between any two crawls: when each post was fetched, and
    the minute a relative time (``35 分钟前``) resolves to, which moves on when two crawls
    seconds apart straddle a minute (``posted_within_a_minute`` checks it). Attachments by name:
    the robot templates print an attached picture as a bare ``<img>`` (its file's URL, no size,
    downloads or upload time)."""
    return sorted(({k: v for k, v in record.items() if k not in ("fetched_at", "posted_at", "attachments")}
                   | {"attachments": [a["name"] for a in record["attachments"]]} for record in records),
                  key=lambda record: (record["thread_id"], record["floor"]))


def posted_within_a_minute(records: list[dict], others: list[dict]) -> bool:
    def times(export: list[dict]) -> dict:
        return {(r["thread_id"], r["floor"]): r["posted_at"] and datetime.fromisoformat(r["posted_at"])
                for r in export}
    mine, theirs = times(records), times(others)
    return mine.keys() == theirs.keys() and all(
        (mine[key] is None) == (theirs[key] is None)
        and (mine[key] is None or abs(mine[key] - theirs[key]) <= timedelta(minutes=1))
        for key in mine)


@pytest.mark.parametrize("look, start, shows", FAMILIES)
def test_our_user_agent_and_a_browsers_export_the_same_records(sample_site, tmp_path, look, start, shows):
    forum, _ = sample_site
    server = start_server(forum, port=0, **look)
    try:
        robot = crawl(server.url + start, f"sqlite:///{tmp_path / 'robot.db'}")
        robot_pages = list(server.robot_requests)
        server.requests.clear()
        browser = crawl(server.url + start, f"sqlite:///{tmp_path / 'browser.db'}", "-s", f"USER_AGENT={BROWSER}")
        browser_pages = list(server.robot_requests)[len(robot_pages):]
    finally:
        server.stop()
    assert robot.returncode == 0, robot.stderr
    assert browser.returncode == 0, browser.stderr
    assert any("tid" in path for path in robot_pages) and browser_pages == []  # robot pages, then none
    records = export(f"sqlite:///{tmp_path / 'robot.db'}")
    browser_records = export(f"sqlite:///{tmp_path / 'browser.db'}")
    assert records and comparable(records) == comparable(browser_records)
    assert posted_within_a_minute(records, browser_records)
    if shows is not None:
        wanted = expected(forum, server.url, shows)
        wrong = differences(records, wanted)
        assert not wrong, summary(wrong, len(wanted))


def thread_path(thread_id: int, page: int = 1) -> str:
    return f"/forum.php?mod=viewthread&tid={thread_id}" + (f"&page={page}" if page > 1 else "")


def test_a_recrawl_reading_the_last_page_alone_places_its_posts(tmp_path):
    """The incremental recrawl of a thread with one new reply reads only its last stored page,
    which is still its last: a floorless page nothing in the crawl has told the page size of.
    The crawl reads page 1 for it, then the last page again: every post stored with its floor."""
    before = SampleForum.build(now=datetime.now(UTC) - timedelta(hours=2))
    after = later(before, minutes=60, replies_added=1)
    replied = CHANGES.replied_thread
    last = after.thread(replied).page_count
    assert last == before.thread(replied).page_count > 1
    server = start_server(before)
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    try:
        assert crawl(server.url + "forum.php", db_url).returncode == 0
        server.forum = after
        server.requests.clear()
        second = crawl(server.url + "forum.php", db_url)
        requests = list(server.requests)
        robot_pages = set(server.robot_requests)
    finally:
        server.stop()
    assert second.returncode == 0, second.stderr
    assert thread_path(replied, last) in robot_pages
    assert [path for path in requests if f"tid={replied}" in path] == [
        thread_path(replied, last), thread_path(replied), thread_path(replied, last)]
    wanted = {key: fields for key, fields in expected(after, server.url, Shows()).items() if key[0] == replied}
    wrong = differences([r for r in export(db_url) if r["thread_id"] == replied], wanted)
    assert not wrong, summary(wrong, len(wanted))


LIVE = Path(__file__).resolve().parent / "fixtures" / "discuz-x35-live"
LIVE_SITE = "http://127.0.0.1:8080/"


def live_spider() -> ForumSpider:
    crawler = get_crawler(settings_dict={"FORUM_MAX_PAGES_PER_THREAD": 5000, "FORUM_MAX_POSTS_PER_PAGE": 1000})
    crawler.stats.open_spider()
    spider = ForumSpider(url=LIVE_SITE + "forum.php", engine="discuz")
    spider._set_crawler(crawler)
    spider.site = LIVE_SITE
    return spider


def live_response(page: int, request: Request | None = None) -> HtmlResponse:
    """A real X3.5's robot page of thread 1 (3 posts a page, 3 pages), answering ``request``."""
    url = f"{LIVE_SITE}forum.php?mod=viewthread&tid=1&page={page}"
    body = (LIVE / f"viewthread-tid1-page{page}-robot-seeded.html").read_bytes()
    return HtmlResponse(url, body=body, encoding="utf-8", request=request or Request(url))


def stored_floors(output: list) -> list[int]:
    return [post.floor for item in output if isinstance(item, ThreadPageItem) for post in item.posts]


def test_a_last_page_read_first_waits_for_page_one_then_is_read_again():
    """The spider's side of the recrawl above, on a real X3.5's robot pages."""
    spider = live_spider()
    first = list(spider.parse_thread(live_response(3)))
    assert stored_floors(first) == [] and not spider.gaps.failed
    (for_size,) = [r for r in first if isinstance(r, Request) and r.meta.get(PLACE_AFTER_META)]
    assert for_size.url.endswith("tid=1") and for_size.dont_filter and for_size.meta[PLACE_AFTER_META] == 3
    page_one = list(spider.parse_thread(live_response(1, for_size)))
    assert stored_floors(page_one) == [1, 2, 3]
    (again,) = [r for r in page_one if isinstance(r, Request) and r.meta.get(PLACED_AGAIN_META)]
    assert again.url.endswith("tid=1&page=3") and again.dont_filter
    assert stored_floors(list(spider.parse_thread(live_response(3, again)))) == [7, 8, 9]


def test_a_post_that_cannot_be_placed_is_a_gap_never_stored():
    """Read again and still no page size known (page 1 turned out no full page): each post a
    gap of kind post, named by its page and pid."""
    spider = live_spider()
    again = Request(f"{LIVE_SITE}forum.php?mod=viewthread&tid=1&page=3", meta={PLACED_AGAIN_META: True})
    output = list(spider.parse_thread(live_response(3, again)))
    assert stored_floors(output) == [] and not [r for r in output if isinstance(r, Request) and r.meta]
    gaps = spider.gaps.failed
    assert sorted(gaps) == [f"{again.url}#pid{pid}" for pid in (7, 8, 9)]
    assert {gap.kind for gap in gaps.values()} == {"post"}
    assert all("no floor: page 3 of 3 shows no floors" in gap.reason for gap in gaps.values())


def test_a_renumbered_thread_found_on_a_floorless_last_page_is_read_whole_without_page_one_twice():
    """After a moderator's delete on page 2 the stored newest post (pid 9, floor 9) stands at
    floor 8 of the still-last page 3: the thread is read whole, and page 1, just read for the
    page size, counts for that (the real X3.5's 'after-delete' pages)."""
    spider = live_spider()
    spider.plan = RecrawlPlan({1: KnownThread(2, 8, 3, "ok", 9, 9, last_post_id=9)})
    spider.thread_first_page[1] = 3

    def read(page: int, request: Request | None = None) -> list:
        url = f"{LIVE_SITE}forum.php?mod=viewthread&tid=1&page={page}"
        body = (LIVE / f"viewthread-tid1-page{page}-robot-after-delete.html").read_bytes()
        return list(spider.parse_thread(HtmlResponse(url, body=body, encoding="utf-8", request=request or Request(url))))

    (for_size,) = read(3)
    (again,) = [r for r in read(1, for_size) if isinstance(r, Request)]
    placed = read(3, again)
    assert stored_floors(placed) == [7, 8]
    assert [r.url for r in placed if isinstance(r, Request)] == [f"{LIVE_SITE}forum.php?mod=viewthread&tid=1&page=2"]
    (whole,) = [item for item in read(2) if isinstance(item, ThreadReadItem)]
    assert sorted(pid for pid, _ in whole.shown) == [1, 2, 3, 4, 6, 7, 8, 9]  # pid 5: deleted
