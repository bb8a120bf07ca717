"""An engine assembled from its package's modules: ``urls`` (classify, site_root, page_url,
canonicalize), ``pages`` (thread_page), ``lists`` (forum_page, index_page), its ``Wording``
and the XPaths that recognise its pages. The vBulletin and XenForo packages are one each."""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from parsel import Selector

from scraper.engines.base import PageRef, Wording
from scraper.engines.views import ForumPageView, IndexPageView, ThreadPageView


class PackagedEngine:
    def __init__(self, name: str, label: str, wording: Wording, markers: Sequence[str], *,
                 urls: ModuleType, pages: ModuleType, lists: ModuleType, post_anchor: str, index_path: str,
                 message_statuses: tuple[int, ...] = (), page_ends: tuple[re.Pattern[bytes], ...] = ()) -> None:
        """``post_anchor``: a post's fragment on its page (``#post{post_id}``); ``index_path``:
        the board index, relative to the site root; ``message_statuses``, ``page_ends``: base.Engine's."""
        self.name, self.label, self.wording, self.post_anchor = name, label, wording, post_anchor
        self.message_statuses, self.page_ends = message_statuses, page_ends
        self._markers, self._urls, self._pages, self._lists = tuple(markers), urls, pages, lists
        self._index_path = index_path

    def recognizes(self, page: Selector) -> bool:
        return any(page.xpath(marker) for marker in self._markers)

    def classify(self, url: str) -> PageRef | None:
        return self._urls.classify(url)

    def redirected_once(self, asked: str, location: str) -> bool:
        return False

    def site_root(self, url: str) -> str:
        return self._urls.site_root(url)

    def page_url(self, site: str, kind: str, item_id: int, page: int = 1, form: str | None = None) -> str:
        """``form``: one of the engine's other URL forms (Discourse's crawler HTML)."""
        if form is None:
            return self._urls.page_url(site, kind, item_id, page)
        return self._urls.page_url(site, kind, item_id, page, form)

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

    def index_page(self, response: Any) -> IndexPageView:
        return self._lists.index_page(response)

    def forum_page(self, response: Any) -> ForumPageView:
        return self._lists.forum_page(response)

    def thread_page(self, response: Any, **kwargs: Any) -> ThreadPageView:
        return self._pages.thread_page(response)
