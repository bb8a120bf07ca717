"""vBulletin 3.x, 4.x and 5.x (closed source: read from pages others saved, see
docs/engines/vbulletin.md)."""

from __future__ import annotations

from typing import Any

from parsel import Selector

from scraper.engines.base import PageRef
from scraper.engines.vbulletin import lists, pages, urls
from scraper.engines.vbulletin.wording import WORDING

# Markers every stock vBulletin page carries (generator meta, 3.x/4.x script globals and
# init call, 5.x's page data and ``vBulletin.`` namespace, the copyright footer).
_MARKERS = (
    "//meta[@name='generator'][starts-with(@content, 'vBulletin')]",
    "//script[contains(., 'vBulletin_init()') or contains(., 'var SESSIONURL') or contains(., 'vBulletin.version')]",
    "//*[@id='footer_copyright' or @id='copyright'][contains(., 'vBulletin')]",
    "//div[contains(@class, 'smallfont')][contains(., 'Powered by vBulletin')]",
)


class VBulletin:
    name = "vbulletin"
    label = "vBulletin"
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

    def index_page(self, response: Any) -> lists.VBulletinIndex:
        return lists.index_page(response)

    def forum_page(self, response: Any) -> lists.VBulletinForum:
        return lists.forum_page(response)

    def thread_page(self, response: Any, **kwargs: Any) -> pages.VBulletinThread:
        return pages.thread_page(response)


ENGINE = VBulletin()
