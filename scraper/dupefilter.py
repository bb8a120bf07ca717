"""Scrapy's duplicate filtering with the seen fingerprints kept compact.

Scrapy's ``RFPDupeFilter`` keeps every request's fingerprint (a 20-byte SHA-1 digest) in a
Python set for the whole crawl, ~100 bytes a request; on a large site that was a quarter of
the crawl's memory growth. ``CompactDupeFilter`` filters the same requests (the crawler's
request fingerprinter, ``DUPEFILTER_DEBUG``'s logging) and keeps only each digest's first 8
bytes, in a ``scraper.compact_ids.IntSet``: ~9 bytes a request. Two different requests are
taken for one only when their digests share those 8 bytes: a chance of about n²/2^65 for n
requests (3 in 100 million at a million requests).

It owns its storage through Scrapy's public interface only (``BaseDupeFilter``), so a Scrapy
that renames ``RFPDupeFilter``'s private set cannot break it. With ``JOBDIR`` it keeps Scrapy's
file and format (``seen_file``), so a job folder Scrapy's filter or an earlier forum-harvest
wrote is resumed, and one written here resumes with Scrapy's filter.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, BinaryIO

from scrapy.dupefilters import BaseDupeFilter
from scrapy.utils.job import job_dir
from scrapy.utils.request import RequestFingerprinter, RequestFingerprinterProtocol, referer_str

from scraper import seen_file
from scraper.compact_ids import IntSet

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

PREFIX_BYTES = 8
logger = logging.getLogger(__name__)


def _prefix(fingerprint: bytes) -> int:
    return int.from_bytes(fingerprint[:PREFIX_BYTES], "big")


class CompactDupeFilter(BaseDupeFilter):
    """Filters a request whose fingerprint's first 8 bytes were seen: in this crawl, or in the
    ``JOBDIR`` it resumes (``requests.seen``, read on ``open`` and appended to as it goes)."""

    def __init__(self, path: str | None = None, debug: bool = False, *,
                 fingerprinter: RequestFingerprinterProtocol | None = None) -> None:
        self.path = path
        self.debug = debug
        self.fingerprinter: RequestFingerprinterProtocol = fingerprinter or RequestFingerprinter()
        self.seen = IntSet()
        self.file: BinaryIO | None = None
        self.logdupes = True

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(job_dir(crawler.settings), crawler.settings.getbool("DUPEFILTER_DEBUG"),
                   fingerprinter=crawler.request_fingerprinter)

    def open(self) -> None:
        if self.path:
            self.file = seen_file.open_for_resume(self.path)
            for fingerprint in seen_file.read(self.file):
                self.seen.add(_prefix(fingerprint))

    def request_seen(self, request: Request) -> bool:
        fingerprint = self.fingerprinter.fingerprint(request)
        prefix = _prefix(fingerprint)
        if prefix in self.seen:
            return True
        self.seen.add(prefix)
        if self.file:
            seen_file.append(self.file, fingerprint)
        return False

    def close(self, reason: str) -> None:
        if self.file:
            self.file.close()
            self.file = None

    def log(self, request: Request, spider: Spider) -> None:
        """As Scrapy's filter logs: every duplicate with ``DUPEFILTER_DEBUG``, else the first
        one; each counted in ``dupefilter/filtered``."""
        if self.debug:
            logger.debug("Filtered duplicate request: %(request)s (referer: %(referer)s)",
                         {"request": request, "referer": referer_str(request)}, extra={"spider": spider})
        elif self.logdupes:
            logger.debug("Filtered duplicate request: %(request)s - no more duplicates will be shown"
                         " (see DUPEFILTER_DEBUG to show all duplicates)", {"request": request},
                         extra={"spider": spider})
            self.logdupes = False
        spider.crawler.stats.inc_value("dupefilter/filtered")
