"""When a site refuses a page in the form the crawl asks (Discourse's JSON API answering
403/404 behind a proxy that blocks ``*.json``), ask the same page as the HTML the site serves
crawlers (``Engine.crawler_view_url``), and the rest of the crawl in that form. Runs before
``scraper.page_checks`` sees the answer: a refused API is not a firewall to back off from.

Settings: ``FORUM_CRAWLER_VIEW_STATUSES``, the statuses that mean "this form is refused".
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response


class CrawlerViewFallbackMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.statuses = frozenset(int(status) for status in crawler.settings.getlist("FORUM_CRAWLER_VIEW_STATUSES"))
        if not self.statuses:
            raise NotConfigured("FORUM_CRAWLER_VIEW_STATUSES is empty")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlerViewFallbackMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        if response.status not in self.statuses:
            return response
        switch = getattr(self.crawler.spider, "crawler_view_request", None)
        fallback = switch(request) if switch else None
        if fallback is None:
            return response
        self.crawler.stats.inc_value("forum_harvest/pages/crawler_view_fallback")
        return fallback
