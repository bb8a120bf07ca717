"""SMF 2.x (simplemachines.org): URL forms in ``urls``, readers in ``index``/``forum``/
``thread``, the words it prints in ``wording``. Facts and their sources: ``docs/engines/smf.md``."""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from scraper.engines.base import PageRef
from scraper.engines.smf import urls
from scraper.engines.smf.forum import read_forum
from scraper.engines.smf.index import read_index
from scraper.engines.smf.thread import read_thread
from scraper.engines.smf.wording import WORDING
from scraper.engines.views import ForumPageView, IndexPageView, ThreadPageView

# index.template.php's script globals (smf_theme_url, smf_scripturl, smf_session_var) and
# its footer's copyright links ("SMF 2.1.4 © 2023, Simple Machines" to simplemachines.org).
_SCRIPT_MARKS = re.compile(r"var (?:smf_theme_url|smf_scripturl|smf_session_var|smf_default_theme_url)\b")


class SMF:
    name = "smf"
    label = "SMF 2.x"
    wording = WORDING
    post_anchor = "#msg{post_id}"

    def recognizes(self, page: Selector) -> bool:
        scripts = " ".join(page.css("script::text").getall())
        marks = len(set(_SCRIPT_MARKS.findall(scripts)))
        footer = bool(page.xpath("//a[contains(@href, 'simplemachines.org') and "
                                 "(contains(., 'SMF') or contains(., 'Simple Machines'))]"))
        return marks >= 2 or footer

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


ENGINE = SMF()
