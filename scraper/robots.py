"""Downloader middleware: robots.txt read as RFC 9309 says (§2.3.1.3, §2.3.1.4), in place of
Scrapy's ``RobotsTxtMiddleware``, which allows everything whatever went wrong.

- 2xx: its rules are obeyed (Scrapy's parser, ``ROBOTSTXT_PARSER``);
- 4xx ("unavailable"): everything may be crawled;
- 5xx, or no answer after the retries (``RETRY_TIMES``; timeouts, connection refused):
  "unreachable": nothing of the site is crawled this run. Every request to it raises
  :class:`RobotsUnreachable` (the start page's errback fails the crawl with its one line:
  ``cannot fetch URL: robots.txt unreachable (HTTP 500): the site's rules cannot be read;
  try later``),
  the error is counted (:data:`ROBOTS_ERROR_STAT`) and the next crawl asks again.

A redirect loop is "unavailable" (the RFC allows stopping after five redirects), as is a
request dropped because the crawl is stopping. ``ROBOTSTXT_OBEY = False`` turns it all off.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached

ROBOTS_ERROR_STAT = "forum_harvest/robots/errors"


class RobotsUnreachable(IgnoreRequest):
    """The site's robots.txt could not be read: its rules are unknown; the message is one line."""

    def __init__(self, cause: str) -> None:
        super().__init__(f"robots.txt unreachable ({cause}): the site's rules cannot be read; try later")


class RobotsRulesMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.unreachable: dict[str, str] = {}  # netloc -> why its robots.txt could not be read

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        cause = self.unreachable.get(urlparse_cached(request).netloc)
        if cause is not None:
            raise RobotsUnreachable(cause)
        super().process_request_2(rp, request)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if 400 <= response.status < 500:  # unavailable: no rules, everything allowed
            response = response.replace(body=b"")
        elif not 200 <= response.status < 300:  # 5xx (after the retries), or a redirect left over
            self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
            self._give_up(netloc, f"HTTP {response.status}")
            return
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):  # a redirect loop, the crawl stopping: unavailable
            super()._robots_error(exc, netloc)
        else:
            self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
            self._give_up(netloc, _cause(exc))

    def _give_up(self, netloc: str, cause: str) -> None:
        self.unreachable[netloc] = cause
        self._stats.inc_value(ROBOTS_ERROR_STAT)
        super()._robots_error(IgnoreRequest(), netloc)  # resolves the waiting requests


def _cause(error: Exception) -> str:
    name = type(error).__name__
    if isinstance(error, TimeoutError) or "Timeout" in name:
        return "no answer: timed out"
    if "ConnectionRefused" in name:
        return "no answer: connection refused"
    if "DNSLookup" in name:
        return "no answer: DNS lookup failed"
    return f"no answer: {name}"
