"""An engine assembled from its package's modules: ``urls`` (classify, site_root, page_url,
canonicalize), ``pages`` (thread_page), ``lists`` (forum_page, index_page), its ``Wording``
and the XPaths that recognise its pages. The vBulletin and XenForo packages are one each.

A module function whose URLs or pages depend on what the crawl learned of its site takes
``facts`` (a ``SiteFacts``, base.Engine's): the engine hands it the caller's, and the others
nothing."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from parsel import Selector

from scraper.engines.base import PageRef, Wording
from scraper.engines.site_facts import SiteFacts
from scraper.engines.views import ForumPageView, IndexPageView, ThreadPageView


def _given_facts(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` taking ``facts=``, passed on where it takes them."""
    if "facts" in inspect.signature(function).parameters:
        return function
    return lambda *args, facts=None, **kwargs: function(*args, **kwargs)


class PackagedEngine:
    def __init__(self, name: str, label: str, wording: Wording, markers: Sequence[str], *,
                 urls: ModuleType, pages: ModuleType, lists: ModuleType, post_anchor: str, index_path: str,
                 message_statuses: tuple[int, ...] = (), page_ends: tuple[re.Pattern[bytes], ...] = ()) -> None:
        """``post_anchor``: a post's fragment on its page (``#post{post_id}``); ``index_path``:
        the board index, relative to the site root; ``message_statuses``, ``page_ends``: base.Engine's."""
        self.name, self.label, self.wording, self.post_anchor = name, label, wording, post_anchor
        self.message_statuses, self.page_ends = message_statuses, page_ends
        self._markers, self._urls, self._pages = tuple(markers), urls, pages
        self._index_path = index_path
        self._classify, self._page_url = _given_facts(urls.classify), _given_facts(urls.page_url)
        self._index_page, self._forum_page = _given_facts(lists.index_page), _given_facts(lists.forum_page)
        self._thread_page = _given_facts(pages.thread_page)

    def recognizes(self, page: Selector) -> bool:
        return any(page.xpath(marker) for marker in self._markers)

    def classify(self, url: str, facts: SiteFacts | None = None) -> PageRef | None:
        return self._classify(url, facts=facts)

    def redirected_once(self, asked: str, location: str) -> bool:
        return False

    def site_root(self, url: str) -> str:
        return self._urls.site_root(url)

    def page_url(self, site: str, kind: str, item_id: int, page: int = 1, form: str | None = None,
                 facts: SiteFacts | None = None) -> str:
        """``form``: one of the engine's other URL forms (Discourse's crawler HTML)."""
        if form is None:
            return self._page_url(site, kind, item_id, page, facts=facts)
        return self._page_url(site, kind, item_id, page, form, facts=facts)

    def url_form(self, response: Any) -> str:
        """The page readers' ``url_form(response)`` where they have one (Invision 3.x)."""
        find = getattr(self._pages, "url_form", None)
        return find(response) if find else "dynamic"

    def crawler_view_url(self, url: str) -> str | None:
        find = getattr(self._urls, "crawler_view_url", None)
        return find(url) if find else None

    def index_url(self, site: str) -> str:
        return site + self._index_path

    def canonicalize(self, url: str) -> str:
        return self._urls.canonicalize(url)

    def index_page(self, response: Any, facts: SiteFacts | None = None) -> IndexPageView:
        return self._index_page(response, facts=facts)

    def forum_page(self, response: Any, facts: SiteFacts | None = None) -> ForumPageView:
        return self._forum_page(response, facts=facts)

    def thread_page(self, response: Any, facts: SiteFacts | None = None, **kwargs: Any) -> ThreadPageView:
        return self._thread_page(response, facts=facts)
