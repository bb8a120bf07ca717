"""Every page accounted for: the gaps of one crawl, and the spider middleware that closes them.

:class:`GapLedger` (``spider.gaps``) holds what this crawl learnt about unreadable pages:
the gaps earlier crawls left open (fetched first, see ``DiscuzSpider.gap_requests``), the
pages that failed now (``DiscuzSpider.record_gap``), and the open gaps whose page was read
now. The storage pipeline drains it at every flush into ``crawl_gaps``.

:class:`GapMiddleware` marks a page read once its callback has run to its end without
recording a gap for it, and turns a callback that raised into a gap with the reason. Once
the crawl is stopping (SIGTERM, Ctrl-C) it stops reading callbacks' output, so a callback
yielding millions of requests cannot hold the shutdown up.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import TimeoutError as TwistedTimeoutError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed

import db
from db.gaps import Gap
from scraper.refusal import login_redirect

# Which kind of page a callback reads (crawl_gaps.kind).
CALLBACK_KINDS = {
    "parse_start": "index", "parse_index": "index", "parse_forum": "list",
    "parse_thread": "thread", "parse_archiver_thread": "thread",
}


# Request meta: the request is a page asked again after the site's one-time redirect of it
# (scraper.redirects_once); a redirect of it is a loop.
SELF_REDIRECT_META = "self_redirects"


def _page(url: str) -> str:
    return url.split("#", 1)[0]


def page_url(request: Request) -> str:
    """The URL the crawl asked for (before any redirect): the gap's key."""
    return request.meta.get("redirect_urls", [request.url])[0]


def page_kind(request: Request) -> str:
    return CALLBACK_KINDS.get(getattr(request.callback, "__name__", ""), "index")


@dataclass
class GapLedger:
    open: dict[str, Gap] = field(default_factory=dict)  # left by earlier crawls, by URL
    failed: dict[str, Gap] = field(default_factory=dict)  # failed in this crawl
    read: set[str] = field(default_factory=set)  # open gaps read in this crawl
    _unsaved: list[Gap] = field(default_factory=list)
    _post_gaps: dict[str, list[str]] | None = None

    @classmethod
    def load(cls, database_url: str, site: str) -> GapLedger:
        rows = db.read_existing(database_url, lambda conn: db.open_gaps(conn, site), [])
        return cls({row["url"]: Gap(row["url"], row["kind"], row["reason"], row["attempts"]) for row in rows})

    def record(self, gap: Gap) -> None:
        if gap.url not in self.failed:
            self.failed[gap.url] = gap
            self._unsaved.append(gap)
        self.read.discard(gap.url)

    def page_read(self, url: str) -> None:
        """The page at ``url`` was read: its open gap, and those of its posts (``url#pidN``),
        are closed unless this crawl recorded them again."""
        page = _page(url)
        for gap_url in (url, *self._posts_of().get(page, ())):
            if gap_url in self.open and gap_url not in self.failed:
                self.read.add(gap_url)

    def _posts_of(self) -> dict[str, list[str]]:
        """Open post gaps by their page's URL (built once: open gaps only shrink)."""
        if self._post_gaps is None:
            self._post_gaps = {}
            for gap in self.open.values():
                if gap.kind == "post":
                    self._post_gaps.setdefault(_page(gap.url), []).append(gap.url)
        return self._post_gaps

    def drain(self) -> tuple[list[Gap], set[str]]:
        """The gaps to record and the URLs to clear since the last drain."""
        unsaved, self._unsaved = self._unsaved, []
        cleared = set(self.read)
        for url in cleared:
            self.open.pop(url, None)
        self.read.clear()
        return unsaved, cleared

    def counts(self) -> dict[str, int]:
        """Failed pages of this crawl by kind."""
        kinds: dict[str, int] = {}
        for gap in self.failed.values():
            kinds[gap.kind] = kinds.get(gap.kind, 0) + 1
        return kinds


class GapMiddleware:
    """Spider middleware: a page whose callback finished is read; one that raised is a gap."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GapMiddleware:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.redirect_dropped, signal=signals.request_dropped)
        return middleware

    def redirect_dropped(self, request: Request, spider: Any = None) -> None:
        """A redirect back to a URL already asked for is dropped by the duplicate filter:
        a redirect loop, which would otherwise lose the page without a word. (A redirect to
        the very URL asked for is asked once more before it gets here: ``scraper.redirects_once``.)"""
        if "redirect_urls" not in request.meta or request.errback is None:
            return
        reason = f"redirect loop (redirected back to {request.url})"
        if page_kind(request) == "index" and getattr(request.callback, "__name__", "") == "parse_start":
            self.crawler.spider.start_dropped(reason)
        else:
            self.crawler.spider.record_gap(page_url(request), page_kind(request), reason,
                                           attempts=request.meta.get("retry_times", 0) + 1)

    def process_spider_output(self, response: Response, result: Iterable[Any],
                              spider: Any = None) -> Iterator[Any]:
        for item in result:
            if not self.crawler.crawling:
                return  # stopping: a callback's endless output must not hold the shutdown up
            yield item
        self._read(response)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any],
                                          spider: Any = None) -> AsyncIterator[Any]:
        async for item in result:
            if not self.crawler.crawling:
                return
            yield item
        self._read(response)

    def process_spider_exception(self, response: Response, exception: Exception, spider: Any = None) -> None:
        request = response.request
        if request is not None and hasattr(response, "text"):
            self.crawler.spider.record_gap(page_url(request), page_kind(request),
                                              f"cannot read the page: {type(exception).__name__}: {exception}")

    def _read(self, response: Response) -> None:
        if response.request is not None:
            self.crawler.spider.gaps.page_read(page_url(response.request))


def failure_reason(failure: Failure) -> str:
    """One line for why a request failed, from the errback's Failure."""
    error = failure.value
    login = login_redirect(failure.request.url) if hasattr(failure, "request") else None
    if login is not None:
        return str(login)
    if isinstance(error, HttpError):
        return f"HTTP {error.response.status}"
    if isinstance(error, IgnoreRequest) and "max redirections" in str(error):
        again = hasattr(failure, "request") and failure.request.meta.get(SELF_REDIRECT_META)
        return f"redirect loop (redirected to {failure.request.url} again)" if again else "redirect loop (too many redirects)"
    if isinstance(error, IgnoreRequest) and str(error):
        return str(error)
    if isinstance(error, TimeoutError | TwistedTimeoutError) or "Timeout" in type(error).__name__:
        return f"timed out: {error}"
    if "DataLoss" in type(error).__name__ or (isinstance(error, ResponseFailed) and any(
            "DataLoss" in repr(reason) for reason in error.reasons)):
        return "cut short: the body is shorter than its Content-Length"
    if "download max size" in str(error):
        return f"larger than DOWNLOAD_MAXSIZE: {str(error).split(' in request')[0]}"
    name = type(error).__name__
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{name}: {message}" if message else name
