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

C0 control bytes other than tab, newline and carriage return (``\x01``, ``\x0b``, ``\x1f``…)
are removed from the page here, before any reader sees it: readers fold whitespace, and
Python counts ``\x0b`` and ``\x1c``–``\x1f`` as whitespace, so an author ``青\x0b山`` would
become ``青 山``. In every charset a Discuz page comes in (UTF-8, GBK/GB18030, Big5) such bytes
are never part of a multi-byte character. Character references to them (``&#1;``, ``&#x1f;``)
go too. The WARC copy (captured before this) keeps the bytes as sent.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.statscollectors import StatsCollector

from scraper.charset_detection import UndecodableBytes, header_charset, meta_charset, read_charset

logger = logging.getLogger(__name__)
UNDECODABLE_STAT = "forum_harvest/pages/undecodable"
C0_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # all but \t \n \r
CHARACTER_REFERENCE = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")


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
            return _without_controls(response, self.forced)
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
        return _without_controls(response, reading.codec)


def _without_controls(response: Response, codec: str) -> Response:
    """The response in ``codec``, without C0 control bytes (UTF-16/32 pages as they are)."""
    if codec.lower().replace("_", "-").startswith(("utf-16", "utf-32")):
        return response.replace(encoding=codec)
    body = C0_CONTROL_BYTES.sub(b"", CHARACTER_REFERENCE.sub(_control_reference, response.body))
    return response.replace(encoding=codec, body=body)


def _control_reference(match: re.Match[bytes]) -> bytes:
    """A character reference to a C0 control (but tab, newline, carriage return) removed."""
    digits = match.group(1)
    code = int(digits[1:], 16) if digits[:1] in (b"x", b"X") else int(digits)
    return b"" if code < 0x20 and code not in (0x09, 0x0A, 0x0D) else match.group(0)
