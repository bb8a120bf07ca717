"""Downloader middleware: a response that is not the page asked for never reaches the spider.

Between decompression/charset (590/580) and Scrapy's RetryMiddleware (550), every response
is checked; a bad one is retried (``get_retry_request``: ``RETRY_TIMES``) and, when the
retries are spent, raised as :class:`PageFailed` so the request's errback records a gap:

- an empty 200, or an HTML page cut before its end (no ``</html>`` or ``</body>`` in its
  last bytes): the body is never parsed;
- 429 and 503: the site's slot slows down, and ``Retry-After`` (seconds or an HTTP date) is
  honoured up to ``FORUM_RETRY_AFTER_MAX`` seconds: the retry waits that long; a longer wait
  makes the page a gap at once instead of hammering the site;
- a refusal (:mod:`scraper.refusal`: JavaScript challenge, CC protection, login form, WAF
  page): the slot slows down (``FORUM_REFUSAL_BACKOFF`` seconds, doubled per refusal up to
  ``AUTOTHROTTLE_MAX_DELAY``). After ``FORUM_REFUSALS_BEFORE_STOP`` refusals in a row (of
  one kind of page: thread pages refused while lists are served count as in a row) the crawl
  stops, with one line saying what the site sent and what the user can do. We never
  try to pass a challenge.
"""

from __future__ import annotations

import asyncio
import time
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response, TextResponse

from scraper.engines import registered
from scraper.gaps import page_kind
from scraper.refusal import ADVICE, Refusal, refusal_of

NOT_BEFORE = "forum_harvest_not_before"  # request meta: do not send before this time.time()
FATAL_STAT = "forum_harvest/fatal"
PAGE_END_WINDOW = 8192  # bytes at the end of a page where </html> or </body> must be
WAIT_STEP = 0.25  # seconds between checks that the crawl is still running, while waiting
# Request meta of a picture or attachment the crawl downloads (pipeline.media_stage; the value
# is Discuz's aid or None). A login page or a 403 answering it is the file's answer (recorded
# login_required / not_allowed: picture hosts refuse hotlinks), not a refusal of the site.
MEDIA_META = "forum_media"
MEDIA_REFUSALS = ("throttled", "cc-protection", "js-challenge")


class PageFailed(IgnoreRequest):
    """The page could not be read after its retries; the message is the gap's reason."""

    def __init__(self, reason: str, refusal: Refusal | None = None) -> None:
        super().__init__(reason)
        self.refusal = refusal


class CrawlStopping(IgnoreRequest):
    """A request still waiting to be sent when the crawl stops."""


class PageCheckMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.retry_after_max = settings.getfloat("FORUM_RETRY_AFTER_MAX", 120.0)
        self.refusal_backoff = settings.getfloat("FORUM_REFUSAL_BACKOFF", 10.0)
        self.max_delay = settings.getfloat("AUTOTHROTTLE_MAX_DELAY", 60.0)
        self.refusals_before_stop = settings.getint("FORUM_REFUSALS_BEFORE_STOP", 5)
        self.refusals_in_a_row = 0
        self.refused_kind: str | None = None
        self.stopped = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageCheckMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        """A retry that must wait (Retry-After) waits here, without holding a download slot.
        Once the crawl is stopping nothing new goes to the downloader: a request that waited
        for robots.txt while SIGTERM came would else wait out DOWNLOAD_DELAY in its slot."""
        if self.stopped or not self.crawler.crawling:
            raise CrawlStopping("the crawl is stopping")
        not_before = request.meta.get(NOT_BEFORE, 0.0)
        while time.time() < not_before:
            if self.stopped or not self.crawler.crawling:
                raise CrawlStopping("the crawl is stopping")
            await asyncio.sleep(min(WAIT_STEP, not_before - time.time()))

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        if request.meta.get("dont_obey_robotstxt"):
            return response  # robots.txt itself: RobotsTxtMiddleware's business
        if self.stopped:
            raise CrawlStopping("the crawl is stopping")
        refusal = refusal_of(response.status, response.url, _text(response))
        if refusal is not None and (MEDIA_META not in request.meta or refusal.kind in MEDIA_REFUSALS):
            return self._refused(request, response, refusal)
        if page_kind(request) == self.refused_kind:
            self.refusals_in_a_row = 0  # the kind of page refused is served again
        if response.status == 503:
            wait = self._retry_after(response)
            self._slow_down(request, wait or self.refusal_backoff)
            return self._retry(request, f"HTTP 503{_seconds_note(wait)}", wait)
        problem = _cut_short(response)
        if problem:
            return self._retry(request, problem)
        return response

    def _refused(self, request: Request, response: Response, refusal: Refusal) -> Request:
        self.refusals_in_a_row += 1
        self.refused_kind = page_kind(request)
        self.crawler.stats.inc_value(f"forum_harvest/refused/{refusal.kind}")
        wait = self._retry_after(response)
        if wait is not None and wait > self.retry_after_max:
            raise PageFailed(f"{refusal}; Retry-After {wait:g} s is over FORUM_RETRY_AFTER_MAX "
                             f"({self.retry_after_max:g} s)", refusal)
        self._slow_down(request, max(wait or 0.0, self.refusal_backoff * 2 ** (self.refusals_in_a_row - 1)))
        if self.refusals_in_a_row >= self.refusals_before_stop:
            self._stop(request, refusal)
            raise PageFailed(str(refusal), refusal)
        return self._retry(request, str(refusal), wait, refusal)

    def _retry(self, request: Request, reason: str, wait: float | None = None,
               refusal: Refusal | None = None) -> Request:
        if wait is not None and wait > self.retry_after_max:
            raise PageFailed(f"{reason}: over FORUM_RETRY_AFTER_MAX ({self.retry_after_max:g} s)", refusal)
        retry = get_retry_request(request, spider=self.crawler.spider, reason=reason.split(":")[0])
        if retry is None:
            raise PageFailed(reason, refusal)
        if wait:
            retry.meta[NOT_BEFORE] = time.time() + wait
        return retry

    def _retry_after(self, response: Response) -> float | None:
        if response.status not in (429, 503):
            return None
        return parse_retry_after(response.headers.get(b"Retry-After", b"").decode("latin-1"))

    def _slow_down(self, request: Request, delay: float) -> None:
        """The site's downloader slot waits at least ``delay`` between requests from now on
        (AutoThrottle lowers it again gradually as good answers come back)."""
        slot = self.crawler.engine.downloader.slots.get(request.meta.get("download_slot"))
        if slot is not None:
            slot.delay = min(max(slot.delay, delay), self.max_delay)
            self.crawler.stats.max_value("forum_harvest/backoff_delay", round(slot.delay, 3))

    def _stop(self, request: Request, refusal: Refusal) -> None:
        if self.stopped:
            return
        self.stopped = True
        for slot in self.crawler.engine.downloader.slots.values():
            slot.delay = 0  # what is queued already goes at once (and is dropped): no backoff wait
        spider = self.crawler.spider
        self.crawler.stats.set_value(FATAL_STAT, (
            f"stopped after {self.refusals_in_a_row} refusals in a row from {_host(request.url)}: "
            f"the site sent {refusal.seen} instead of its pages; {ADVICE}"
        ))
        self.crawler.engine.close_spider(spider, "refused")


def parse_retry_after(value: str) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _cut_short(response: Response) -> str | None:
    """Why a 200 is not a whole page: empty, or HTML that stops before its end."""
    if response.status != 200:
        return None
    if not response.body.strip():
        return "empty response (HTTP 200 with no content)"
    if isinstance(response, HtmlResponse):
        tail = response.body[-PAGE_END_WINDOW:].lower()
        if b"</html>" not in tail and b"</body>" not in tail and not _engine_page_end(tail):
            return f"cut short: the page stops before its end ({len(response.body)} bytes, no </html>)"
    return None


def _engine_page_end(tail: bytes) -> bool:
    """Whether a page ends as one of the engines ends a whole page without </html>."""
    return any(end.search(tail) for engine in registered() for end in engine.page_ends)


def _seconds_note(wait: float | None) -> str:
    return f" (Retry-After {wait:g} s)" if wait is not None else ""


def _text(response: Response) -> str:
    return response.text if isinstance(response, TextResponse) else ""


def _host(url: str) -> str:
    return urlsplit(url).netloc
