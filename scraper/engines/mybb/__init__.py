"""MyBB 1.8 (mybb.com): URL forms in ``urls``, readers in ``index``/``forum``/``thread``, the
words it prints in ``wording``. Facts and their sources: ``docs/engines/mybb.md``."""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from scraper.engines.base import PageRef
from scraper.engines.mybb import urls
from scraper.engines.mybb.forum import read_forum
from scraper.engines.mybb.index import read_index
from scraper.engines.mybb.thread import read_thread
from scraper.engines.mybb.wording import WORDING
from scraper.engines.views import ForumPageView, IndexPageView, ThreadPageView

# headerinclude's script globals (``var rootpath``, ``var my_post_key``, ``MyBBEditor``),
# the footer's copyright comment and "Powered By MyBB" link.
_SCRIPT_MARKS = re.compile(r"var (?:MyBBEditor|my_post_key|rootpath)\b")


class MyBB:
    name = "mybb"
    label = "MyBB 1.8"
    wording = WORDING
    post_anchor = "#pid{post_id}"

    def recognizes(self, page: Selector) -> bool:
        scripts = " ".join(page.css("script::text").getall())
        marks = len(set(_SCRIPT_MARKS.findall(scripts)))
        powered = bool(page.xpath("//a[contains(@href, 'mybb.com') and normalize-space()='MyBB']"))
        comment = bool(page.xpath("//comment()[contains(., 'MyBB is free software')]"))
        return marks >= 2 or powered or comment

    def classify(self, url: str) -> PageRef | None:
        return urls.classify(url)

    def site_root(self, url: str) -> str:
        return urls.site_root(url)

    def page_url(self, site: str, kind: str, item_id: int, page: int = 1) -> str:
        return urls.page_url(site, kind, item_id, page)

    def index_url(self, site: str) -> str:
        return urls.site_root(site) + "index.php"

    def canonicalize(self, url: str) -> str:
        return urls.canonicalize(url)

    def index_page(self, response: Any) -> IndexPageView:
        return read_index(response)

    def forum_page(self, response: Any) -> ForumPageView:
        return read_forum(response)

    def thread_page(self, response: Any, **kwargs: Any) -> ThreadPageView:
        return read_thread(response, **kwargs)


ENGINE = MyBB()
