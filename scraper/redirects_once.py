"""Downloader middleware: a redirect a site answers a page's first view with once is not
followed; the page asked for is asked again.

Discuz answers the first view of a thread page after a moderator's delete with a 302, once,
and serves the page asked for from then on: X3.5 (and the last X3.4) to the same URL, X3.4 of
2019 (``forum_viewthread.php``: the thread's *first* page; the engine's ``redirected_once``).
Followed, the first hands the page to the duplicate filter, which drops it (a "redirect loop"
gap, ``scraper.gaps``), the second the first page to the callback in place of the one asked
for, which the crawl then never reads (the start page too: before a page told the crawl its
engine, every engine is asked). Placed before Scrapy's RedirectMiddleware (600), this asks
for the same URL again, past the duplicate filter; that second request is not redirected
again (``redirect_ttl`` 0 and ``SELF_REDIRECT_META``: a redirect of it is a gap, so a real
loop costs two requests).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urldefrag
from scrapy.crawler import Crawler
from scrapy.http import Request, Response

from scraper.engines import registered
from scraper.engines.base import Engine
from scraper.gaps import SELF_REDIRECT_META
from scraper.redirect_target import redirect_target


class RedirectOnceMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectOnceMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        target = redirect_target(request, response)
        if target is None or request.meta.get(SELF_REDIRECT_META):
            return response
        if urldefrag(target).url == urldefrag(request.url).url:
            counted = "forum_harvest/pages/redirected_to_themselves"
        elif any(engine.redirected_once(request.url, target) for engine in self._engines()):
            counted = "forum_harvest/pages/redirected_once"
        else:
            return response
        again = request.replace(dont_filter=True)
        again.meta[SELF_REDIRECT_META] = 1
        again.meta["redirect_ttl"] = 0
        self.crawler.stats.inc_value(counted)
        return again

    def _engines(self) -> tuple[Engine, ...]:
        """The crawl's engine; before the start page told it, every engine."""
        engine = getattr(self.crawler.spider, "engine", None)
        return (engine,) if engine is not None else registered()
