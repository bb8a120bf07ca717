"""What keeps a large crawl's memory flat: ``bench/crawl.py`` measures it (peak RSS of a
25,000-page crawl against a 2,500-page one); these tests pin down the mechanisms."""

from __future__ import annotations

import gc
from pathlib import Path

from scrapy.http import HtmlResponse, Request
from twisted.python.failure import Failure
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

import db
from pipeline.storage_stage import StoragePipeline
from scraper.items import SiteItem, ThreadItem
from scraper.engines.discuz.pages import ForumPage
from scraper.spiders.forum import LIST_CHAIN_META, ForumSpider

FIXTURES = Path(__file__).parent / "fixtures" / "discuz-x35"
LIST_URL = "http://127.0.0.1:8090/forum.php?mod=forumdisplay&fid=2"
THREAD_URL = "http://127.0.0.1:8090/forum.php?mod=viewthread&tid=2&page=2"


def spider_reading(url: str, fixture: str, **settings: int) -> tuple[ForumSpider, HtmlResponse]:
    crawler = get_crawler(settings_dict={"FORUM_MAX_LIST_PAGES": 5000, "FORUM_MAX_PAGES_PER_THREAD": 5000,
                                         "FORUM_MAX_POSTS_PER_PAGE": 1000, **settings})
    crawler.stats.open_spider()
    spider = ForumSpider(url=url, engine="discuz")
    spider._set_crawler(crawler)
    spider.site = "http://127.0.0.1:8090/"
    body = (FIXTURES / fixture).read_bytes()
    return spider, HtmlResponse(url, body=body, encoding="utf-8", request=Request(url))


def live_forum_pages() -> int:
    gc.collect()
    return sum(isinstance(thing, ForumPage) for thing in gc.get_objects())


def test_a_thread_list_page_is_freed_before_its_output_is_processed() -> None:
    """The scraper takes a callback's output bit by bit, and list pages arrive in bursts: a
    parsed page (~10x its size) must not live as long as its ~40 outputs wait their turn."""
    spider, response = spider_reading(LIST_URL, "forumdisplay-fid2-page1.html")
    output = iter(spider.parse_forum(response))
    first = next(output)
    assert live_forum_pages() == 0
    rest = list(output)
    threads = [item for item in (first, *rest) if isinstance(item, ThreadItem)]
    assert len(threads) >= 10 and len([r for r in rest if isinstance(r, Request)]) >= len(threads)


def test_the_scraper_holds_at_most_sixteen_pages_of_60_kb() -> None:
    """Scrapy lets responses pile up in the scraper to 5 MB of bodies (~80 pages, each with its
    parsed tree): ours stops sending requests at about CONCURRENT_REQUESTS' worth of pages."""
    settings = get_project_settings()
    assert settings.getint("SCRAPER_SLOT_MAX_ACTIVE_SIZE") <= 16 * 64 * 1024


def test_a_thread_forgets_where_its_pages_start_once_they_are_queued() -> None:
    """Per-thread state a large site would pile up (one entry per listed thread) is dropped
    when the thread's first page read has queued its other pages."""
    spider, response = spider_reading(THREAD_URL, "viewthread-tid2-page2.html")
    spider.thread_first_page[2] = 1  # as its list row left it
    queued = [r.url for r in spider.parse_thread(response) if isinstance(r, Request)]
    assert queued and all("tid=2" in url or "thread-2-" in url for url in queued)
    assert 2 not in spider.thread_first_page and 2 in spider.threads_paged
    assert not [r for r in spider.parse_thread(response) if isinstance(r, Request)]  # pages queued once
    assert spider.thread_first_page == {}


def list_pages_queued(output: list) -> list[tuple[int, int, int]]:
    return [r.meta[LIST_CHAIN_META] for r in output if isinstance(r, Request) and LIST_CHAIN_META in r.meta]


def test_thread_list_pages_are_queued_a_few_at_a_time_each_once() -> None:
    """All of a forum's list pages queued at once made the scheduler's queue (~8 KB a request)
    grow with the site: page 1 queues FORUM_LIST_PAGES_AHEAD of them, each of those the one
    that many pages on, and a list page that fails or says nothing passes its turn on."""
    spider, first_page = spider_reading(LIST_URL, "forumdisplay-fid2-page1.html", FORUM_LIST_PAGES_AHEAD=1)
    assert list_pages_queued(spider.parse_forum(first_page)) == [(2, 2, 3)]  # the fixture's pager: 3 pages
    second = first_page.replace(request=Request(LIST_URL + "&page=2", meta={LIST_CHAIN_META: (2, 2, 3)}))
    assert list_pages_queued(spider.parse_forum(second)) == [(2, 3, 3)]
    third = first_page.replace(request=Request(LIST_URL + "&page=3", meta={LIST_CHAIN_META: (2, 3, 3)}))
    assert list_pages_queued(spider.parse_forum(third)) == []
    failed = Failure(OSError("connection refused"))
    failed.request = Request(LIST_URL + "&page=2", callback=spider.parse_forum, meta={LIST_CHAIN_META: (2, 2, 3)})
    assert list_pages_queued(spider.page_failed(failed)) == [(2, 3, 3)]
    assert spider.crawler.stats.get_value("forum_harvest/gaps/list") == 1
    spider, first_page = spider_reading(LIST_URL, "forumdisplay-fid2-page1.html", FORUM_LIST_PAGES_AHEAD=4)
    assert list_pages_queued(spider.parse_forum(first_page)) == [(2, 2, 3), (2, 3, 3)]


def test_thread_rows_are_written_in_batches_when_no_posts_come(tmp_path: Path) -> None:
    """An unchanged recrawl reads thread lists only: their rows used to wait for
    STORAGE_BATCH_SIZE posts that never came, every listed thread's row held to the end."""
    database_url = f"sqlite:///{tmp_path / 'rows.db'}"
    crawler = get_crawler(settings_dict={"DATABASE_URL": database_url, "STORAGE_BATCH_SIZE": 10})
    crawler.stats.open_spider()
    crawler.spider = ForumSpider.from_crawler(crawler, url=LIST_URL, engine="discuz")
    storage = StoragePipeline.from_crawler(crawler)
    site = "http://127.0.0.1:8090/"
    storage.process_item(SiteItem(site=site))
    for thread_id in range(1, 26):
        storage.process_item(ThreadItem(site=site, thread_id=thread_id, title=f"thread {thread_id}", forum_id=2))
        assert len(storage.threads) < 10
    storage.engine.dispose()
    engine = db.make_engine(database_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM threads").scalar() == 20
    engine.dispose()
