"""Downloader middleware: every HTML page decoded in the charset its bytes are really in.

Scrapy trusts the HTTP header, then ``<meta charset>``, and decodes with replacement
characters: a GBK page declared UTF-8 becomes mojibake (U+FFFD everywhere), and a page that
declares nothing falls back to ASCII. This middleware decides with
``scraper.charset_detection.read_charset`` (valid UTF-8 first, the declared charsets,
GB18030...) and hands the spider a response in that charset.

A page no charset reads is not parsed, never stored as mojibake: the middleware raises
:class:`UndecodablePage` (an ``IgnoreRequest``, so it reaches the request's errback with its
URL and reason), logs an error (so the run counts it in ``errors``) and counts it in the
stat ``forum_harvest/pages/undecodable``.
Pages read in another charset than they declared count in ``forum_harvest/pages/charset_corrected``,
pages read with a few broken byte sequences in ``forum_harvest/pages/charset_damaged``.

The setting ``FORUM_CHARSET`` (a site profile's charset override) forces one charset for
every page, unchecked.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.statscollectors import StatsCollector

from scraper.charset_detection import UndecodableBytes, header_charset, meta_charset, read_charset

logger = logging.getLogger(__name__)
UNDECODABLE_STAT = "forum_harvest/pages/undecodable"


class UndecodablePage(IgnoreRequest):
    """A page whose bytes no charset reads: a gap (``url``, ``reason``), not a parsed page."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"undecodable page {url}: {reason}")
        self.url = url
        self.reason = f"undecodable: {reason}"


class CharsetMiddleware:
    def __init__(self, forced: str | None, stats: StatsCollector) -> None:
        self.forced = forced
        self.stats = stats
        self.warned_correction = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CharsetMiddleware:
        return cls(crawler.settings.get("FORUM_CHARSET") or None, crawler.stats)

    def process_response(self, request: Any, response: Response, spider: Any = None) -> Response:
        if not isinstance(response, HtmlResponse):
            return response
        if self.forced:
            return response.replace(encoding=self.forced)
        declared = (header_charset(response.headers.get(b"Content-Type")), meta_charset(response.body))
        try:
            reading = read_charset(response.body, declared)
        except UndecodableBytes as error:
            self.stats.inc_value(UNDECODABLE_STAT)
            logger.error("undecodable page %s (not parsed): %s", response.url, error)
            raise UndecodablePage(response.url, str(error)) from None
        if reading.corrected:
            self.stats.inc_value("forum_harvest/pages/charset_corrected")
            if not self.warned_correction:
                self.warned_correction = True
                logger.warning("%s declares %s but is %s: read as %s (and so on for such pages)",
                               response.url, reading.declared, reading.codec, reading.codec)
        if reading.broken:
            self.stats.inc_value("forum_harvest/pages/charset_damaged")
        return response.replace(encoding=reading.codec)
