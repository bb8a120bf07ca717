"""Discuz! (6.x, 7.x, X1.5–X3.5; every skin, the archiver, the touch pages) behind the engine
interface. Its readers are ``pages``, its URL forms ``urls``, its words (``wording``: edit,
hidden and banned notices) and time forms (``times``), which the readers and the cleaner both
take from here; docs/engines/discuz.md has its facts."""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from scraper.engines.discuz import urls
from scraper.engines.base import Wording
from scraper.engines.discuz import wording
from scraper.engines.discuz.times import parse_discuz_time
from scraper.engines.discuz.pages import ArchiverForumPage, ArchiverThreadPage, ForumPage, IndexPage, ThreadPage
from scraper.engines.discuz.pages.base import is_discuz_page
from scraper.engines.site_facts import SiteFacts


class Discuz:
    """Discuz's URLs name their pages outright (``page=N``, ``thread-5-2-1.html``): nothing a
    crawl learns changes them, and its ``facts`` are not asked."""

    name = "discuz"
    label = "Discuz!"
    post_anchor = "#pid{post_id}"
    message_statuses = ()  # Discuz answers its messages with HTTP 200
    # The forum index served from the guest index cache (forum_index_cache: the cached page, then
    # this script) ends here, without </body></html> before X3.4 (docs/engines/discuz.md).
    page_ends = (re.compile(rb"this page is cached {2}at [^']*';\s*}\s*</script>\s*$"),)
    wording = Wording(edit_notices=wording.EDIT_NOTICES, hidden=wording.HIDDEN_NOTICE,
                      banned=wording.BANNED_NOTICE, parse_time=parse_discuz_time)

    def recognizes(self, page: Selector) -> bool:
        return is_discuz_page(page)

    def classify(self, url: str, facts: SiteFacts | None = None) -> urls.PageRef | None:
        return urls.classify(url)

    def redirected_once(self, asked: str, location: str) -> bool:
        return urls.position_redirect(asked, location)

    def site_root(self, url: str) -> str:
        return urls.site_root(url)

    def page_url(self, site: str, kind: str, item_id: int, page: int = 1, form: str = "dynamic",
                 facts: SiteFacts | None = None) -> str:
        """``form``: Discuz serves a site in several URL forms (``urls.url_form``); the crawl
        stays in the start URL's."""
        return urls.page_url(site, kind, item_id, page, form)

    def url_form(self, response: Any) -> str:
        return urls.url_form(response.url)

    def crawler_view_url(self, url: str) -> str | None:
        return None  # every Discuz form is HTML

    def index_url(self, site: str) -> str:
        return site + "forum.php"

    def canonicalize(self, url: str) -> str:
        return urls.canonicalize(url)

    def index_page(self, response: Any, facts: SiteFacts | None = None) -> IndexPage:
        return IndexPage.from_response(response)

    def forum_page(self, response: Any, facts: SiteFacts | None = None, archiver: bool = False) -> ForumPage:
        return (ArchiverForumPage if archiver else ForumPage).from_response(response)

    def thread_page(self, response: Any, facts: SiteFacts | None = None, archiver: bool = False,
                    **kwargs: Any) -> ThreadPage | ArchiverThreadPage:
        return (ArchiverThreadPage if archiver else ThreadPage).from_response(response, **kwargs)


ENGINE = Discuz()
