"""phpBB (2.0 to 3.3) behind ``scraper.engines.base.Engine``.

Modules: ``urls`` (URL forms, canonical spellings, page sizes), ``wording`` (edit notices and
times), ``markup`` (a message's quotes and code boxes in the contract's form), ``pages``
(what every page has: message, pagination, forum lists), ``prosilver`` (posts and topic rows
of prosilver, 3.0 to 3.3), ``tables`` (subsilver2 and 2.0's subSilver), ``reading`` (the
three views).

Checked against real pages of phpBB 3.3.10 (prosilver), installed on loopback by
``tests/real_phpbb`` and captured in ``tests/fixtures/phpbb-33-live``.
"""

from __future__ import annotations

from typing import Any

from parsel import Selector

from scraper.engines.base import PageRef, Wording
from scraper.engines.phpbb import reading, urls
from scraper.engines.phpbb.wording import WORDING

# A phpBB page by what phpBB prints whatever the style: the footer's credit, the body id, the
# style comment, the scripts' globals, its script names in links.
MARKERS = (
    "//*[contains(., 'Powered by') and .//a[contains(., 'phpBB')]]"
    " | //body[@id='phpbb'] | //comment()[contains(., 'phpBB style name')]"
    " | //script[contains(., 'phpbb.') or contains(., 'phpbb_')]"
    " | //a[contains(@href, 'viewtopic.php?') or contains(@href, 'viewforum.php?')]"
    "[contains(@href, 'sid=') or contains(@href, 'f=') or contains(@href, 't=')]"
)


class PhpbbEngine:
    name = "phpbb"
    label = "phpBB"
    wording: Wording = WORDING

    def __init__(self) -> None:
        self.sizes = urls.PageSizes()

    def recognizes(self, page: Selector) -> bool:
        if page.xpath("//meta[@name='generator'][contains(@content, 'phpBB')]"):
            return True
        footer = page.xpath("//*[contains(., 'Powered by') and .//a[contains(., 'phpBB')]]")
        structure = page.xpath("//body[@id='phpbb'] | //comment()[contains(., 'phpBB style name')]"
                               " | //div[starts-with(@id, 'p')][contains(@class, 'post')]/div/dl[contains(@class, 'postprofile')]")
        links = page.xpath("//a[contains(@href, 'viewtopic.php?') or contains(@href, 'viewforum.php?')]")
        return bool(footer or structure) and bool(links or structure)

    def classify(self, url: str) -> PageRef | None:
        return urls.classify(url, self.sizes)

    def site_root(self, url: str) -> str:
        return urls.site_root(url)

    def page_url(self, site: str, kind: str, item_id: int, page: int = 1) -> str:
        return urls.page_url(site, kind, item_id, page, self.sizes)

    def canonicalize(self, url: str) -> str:
        return urls.canonicalize(url)

    def index_page(self, response: Any) -> reading.IndexPage:
        return reading.read_index(response, self.sizes)

    def forum_page(self, response: Any) -> reading.ForumPage:
        return reading.read_forum(response, self.sizes)

    def thread_page(self, response: Any, **kwargs: Any) -> reading.ThreadPage:
        return reading.read_thread(response, self.sizes)


ENGINE = PhpbbEngine()
