"""Downloader middleware: the right charset for pages that do not declare one.

Discuz sites are GBK or UTF-8 per installation. Scrapy trusts the HTTP header, then
``<meta charset>``; with neither it falls back to ASCII, which turns a GBK page into
mojibake. This middleware reads such pages as UTF-8 when they decode as UTF-8, else as
GB18030 (the superset GBK sites emit). The setting ``FORUM_CHARSET`` (a site profile's
charset override) forces one charset for every page.
"""

from __future__ import annotations

import re
from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=", re.I)


class CharsetMiddleware:
    def __init__(self, forced: str | None) -> None:
        self.forced = forced

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CharsetMiddleware:
        return cls(crawler.settings.get("FORUM_CHARSET") or None)

    def process_response(self, request: Any, response: Response, spider: Any = None) -> Response:
        if not isinstance(response, HtmlResponse):
            return response
        if self.forced:
            return response.replace(encoding=self.forced)
        content_type = response.headers.get(b"Content-Type", b"").lower()
        if b"charset=" in content_type or _META_CHARSET.search(response.body[:4096]):
            return response
        return response.replace(encoding=undeclared_charset(response.body))


def undeclared_charset(body: bytes) -> str:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"
