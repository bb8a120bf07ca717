"""Downloader middleware: answer every request from WARC files, never from the network.

On when ``WARC_REPLAY_FILES`` lists files (``forum-harvest reparse`` and ``warc import`` set
it, with ``FORUM_ENGINE``, the site's engine, whose ``canonicalize`` finds a page whatever
spelling the archiving tool used), so the spider, the page readers, the cleaning stage and the upserts run
exactly as in a crawl. A request the archive has no capture of is dropped
(``IgnoreRequest``, counted in ``warc_replay/missing``): a page the crawl did not fetch, or
that the archiving tool did not, is simply not read. Nothing ever reaches the downloader.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes


class NotInArchive(IgnoreRequest):
    """A page the archive has no capture of: not read, and no gap either (nothing failed)."""

from scraper.engines import by_name
from scraper.warc_archive import WarcArchive
from scraper.warc_capture import RECORD_META
from scraper.warc_source import CAPTURE_DATE_META


class WarcReplayMiddleware:
    def __init__(self, crawler: Crawler, archive: WarcArchive) -> None:
        self.stats = crawler.stats
        self.archive = archive

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcReplayMiddleware:
        files = crawler.settings.getlist("WARC_REPLAY_FILES")
        if not files:
            raise NotConfigured("no WARC_REPLAY_FILES")
        name = crawler.settings.get("FORUM_ENGINE")
        if not name:  # never the network instead: forum_harvest.reparse.replay always names one
            raise ValueError("WARC_REPLAY_FILES without FORUM_ENGINE: a replay names the site's engine")
        return cls(crawler, WarcArchive.scan(files, by_name(name).canonicalize))

    def process_request(self, request: Request, spider: Any = None) -> Response:
        capture = self.archive.find(request.url)
        if capture is None:
            self.stats.inc_value("warc_replay/missing")
            raise NotInArchive(f"not in the WARC files: {request.url}")
        archived = WarcArchive.read(capture)
        self.stats.inc_value("warc_replay/pages")
        request.meta[RECORD_META] = (capture.path, capture.offset)
        request.meta[CAPTURE_DATE_META] = capture.captured_at
        headers = Headers()
        for name, value in archived.headers:
            headers.appendlist(name, value)
        response_class = responsetypes.from_args(headers=headers, url=request.url, body=archived.body)
        return response_class(url=request.url, status=archived.status, headers=headers,
                              body=archived.body, request=request, protocol="HTTP/1.1")
