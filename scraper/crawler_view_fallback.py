"""When a site refuses a page in the form the crawl asks (Discourse's JSON API answering
403/404 behind a proxy that blocks ``*.json``), ask the same page as the HTML the site serves
crawlers (``Engine.crawler_view_url``); once the crawler HTML is served, the rest of the crawl
asks that form (a page gone in both forms, a deleted topic, switches nothing). Runs before
``scraper.page_checks`` sees the answer: a refused API is not a firewall to back off from.

Settings: ``FORUM_CRAWLER_VIEW_STATUSES``, the statuses that mean "this form is refused".
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

# Request meta of a page asked again as crawler HTML after its usual form was refused.
CRAWLER_VIEW_META = "crawler_view_fallback"


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
        forum = self.crawler.spider
        if request.meta.get(CRAWLER_VIEW_META):
            if response.status < 400:
                forum.crawler_view_served(request)
            return response
        if response.status not in self.statuses or not hasattr(forum, "crawler_view_request"):
            return response
        fallback = forum.crawler_view_request(request)
        if fallback is None:
            return response
        self.crawler.stats.inc_value("forum_harvest/pages/crawler_view_fallback")
        return fallback
