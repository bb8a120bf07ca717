"""What keeps a large crawl's memory flat: ``bench/crawl.py`` measures it (peak RSS of a
25,000-page crawl against a 2,500-page one); these tests pin down the mechanisms."""

from __future__ import annotations

import gc
from pathlib import Path

from scrapy.http import HtmlResponse, Request
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from scraper.items import ThreadItem
from scraper.pages import ForumPage
from scraper.spiders.discuz import DiscuzSpider

FIXTURES = Path(__file__).parent / "fixtures" / "discuz-x35"
LIST_URL = "http://127.0.0.1:8090/forum.php?mod=forumdisplay&fid=2"


def live_forum_pages() -> int:
    gc.collect()
    return sum(isinstance(thing, ForumPage) for thing in gc.get_objects())


def test_a_thread_list_page_is_freed_before_its_output_is_processed() -> None:
    """The scraper takes a callback's output bit by bit, and list pages arrive in bursts: a
    parsed page (~10x its size) must not live as long as its ~40 outputs wait their turn."""
    crawler = get_crawler(settings_dict={"FORUM_MAX_LIST_PAGES": 5000})
    crawler.stats.open_spider()
    spider = DiscuzSpider(url=LIST_URL)
    spider._set_crawler(crawler)
    spider.site = "http://127.0.0.1:8090/"
    body = (FIXTURES / "forumdisplay-fid2-page1.html").read_bytes()
    response = HtmlResponse(LIST_URL, body=body, encoding="utf-8", request=Request(LIST_URL))
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
