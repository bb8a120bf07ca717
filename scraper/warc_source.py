"""Spider middleware: each post remembers the WARC record of the page it was read from.

The page's response carries ``meta["warc_record"]``, its (file, offset) (``record_location``) when written to
WARC (``scraper.warc_capture``) or replayed from it (``scraper.warc_replay``); the post items
read from it get ``warc_file`` and ``warc_offset``. A replayed page also carries the time it
was captured (``meta["warc_date"]``): its posts are dated by it, so relative times ("3 小时前")
resolve exactly as they did on the day of the crawl. With ``WARC_REPLAY_SINCE`` set, thread
rows and posts of pages captured before it are left out (the pages still lead the way).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime
from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import Response

from scraper.items import ThreadItem, ThreadPageItem, ThreadReadItem
from scraper.warc_capture import record_location

CAPTURE_DATE_META = "warc_date"


class WarcSourceMiddleware:
    def __init__(self, since: datetime | None) -> None:
        self.since = since

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcSourceMiddleware:
        return cls(crawler.settings.get("WARC_REPLAY_SINCE"))

    def process_spider_output(self, response: Response, result: Iterable[Any], spider: Any = None) -> Iterator[Any]:
        for item in result:
            if self.keep(response, item):
                yield item
        record_location(response.meta)  # a record that could not be written makes the page a gap

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any],
                                          spider: Any = None) -> AsyncIterator[Any]:
        async for item in result:
            if self.keep(response, item):
                yield item
        record_location(response.meta)

    def keep(self, response: Response, item: Any) -> bool:
        """Drop what pages captured before WARC_REPLAY_SINCE say; give posts their record.
        A replayed thread marks nothing deleted: an archive may be older than what is stored."""
        captured: datetime | None = response.meta.get(CAPTURE_DATE_META)
        if captured is not None and isinstance(item, ThreadReadItem):
            return False
        if self.since is not None and captured is not None and captured < self.since \
                and isinstance(item, ThreadPageItem | ThreadItem):
            return False
        if isinstance(item, ThreadPageItem):
            record = record_location(response.meta)  # written while the page was read
            for post in item.posts:
                post.warc_file, post.warc_offset = record
                if captured is not None:
                    post.fetched_at = captured
        return True
