"""phpBB (2.0 to 3.3) behind ``scraper.engines.base.Engine``.

Modules: ``urls`` (URL forms, canonical spellings, page sizes), ``wording`` (edit notices and
times), ``markup`` (a message's quotes and code boxes in the contract's form), ``pages``
(what every page has: message, pagination, forum lists), ``prosilver`` (posts and topic rows
of prosilver, 3.0 to 3.3), ``tables`` (subsilver2 and 2.0's subSilver), ``reading`` (the
three views).

Checked against real pages, captured with the harness of ``tests/real_phpbb`` and compared with
the boards' tables (``tests/test_phpbb_pages.py``): phpBB 3.3.10 with prosilver
(``tests/fixtures/phpbb-33-live``; also live, ``make real-phpbb-test``), 3.0.14 with prosilver
and with subsilver2 (``phpbb-30-prosilver``, ``phpbb-30-subsilver2``) and 2.0.23 with subSilver,
ISO-8859-1 (``phpbb-20-subsilver``). English wording only (``wording``).
"""

from __future__ import annotations

from typing import Any

from parsel import Selector

from scraper.engines.base import PageRef, Wording
from scraper.engines.phpbb import reading, urls
from scraper.engines.phpbb.wording import WORDING

# A phpBB page by what phpBB prints whatever the style (a message page too): the footer's
# credit (the element holding the phpBB link, not a post quoting it), prosilver's body id
# (3.1+) and style comment (3.0+), its post and profile markup.
MARKERS = (
    "//*[contains(., 'Powered by')][a[contains(., 'phpBB')]][not(ancestor-or-self::*[contains(@class, 'content')"
    " or contains(@class, 'postbody')])]"
    " | //body[@id='phpbb'] | //comment()[contains(., 'phpBB style name')]"
    " | //div[starts-with(@id, 'p')][contains(@class, 'post')]//dl[contains(@class, 'postprofile')]"
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
        return bool(page.xpath(MARKERS))

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
