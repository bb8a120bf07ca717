"""XenForo 1.x and 2.x (closed source: read from pages others saved, see
docs/engines/xenforo.md)."""

from __future__ import annotations

from typing import Any

from parsel import Selector

from scraper.engines.base import PageRef
from scraper.engines.xenforo import lists, pages, urls
from scraper.engines.xenforo.wording import WORDING

# ``<html id="XF">`` (2.x) / ``<html id="XenForo">`` (1.x) on every page of the stock
# ``PAGE_CONTAINER``; the footer's "Forum software by XenForo" link; 1.x's ``XenForo.``
# script namespace.
_MARKERS = (
    "/html[@id='XF' or @id='XenForo']",
    "//a[contains(., 'Forum software by XenForo')]",
    "//script[contains(., 'XenForo.init') or contains(., 'XF.ready')]",
)


class XenForo:
    name = "xenforo"
    label = "XenForo"
    wording = WORDING

    def recognizes(self, page: Selector) -> bool:
        return any(page.xpath(marker) for marker in _MARKERS)

    def classify(self, url: str) -> PageRef | None:
        return urls.classify(url)

    def site_root(self, url: str) -> str:
        return urls.site_root(url)

    def page_url(self, site: str, kind: str, item_id: int, page: int = 1) -> str:
        return urls.page_url(site, kind, item_id, page)

    def canonicalize(self, url: str) -> str:
        return urls.canonicalize(url)

    def index_page(self, response: Any) -> pages.XenForoIndex:
        return lists.index_page(response)

    def forum_page(self, response: Any) -> pages.XenForoForum:
        return lists.forum_page(response)

    def thread_page(self, response: Any, **kwargs: Any) -> pages.XenForoThread:
        return pages.thread_page(response)


ENGINE = XenForo()
