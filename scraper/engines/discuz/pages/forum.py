"""A thread list (``forumdisplay``): the forum, its threads, its sub-forums, its pages."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from scraper.engines.discuz import urls
from scraper.engines.base import ForumLink, ThreadRow
from scraper.engines.discuz.pages.base import BREADCRUMB_LINKS, CHROME, DiscuzPage
from scraper import markup
from scraper.markup import visible_text, xpath

ROWS_XPATH = "//tbody[starts-with(@id, 'normalthread_') or starts-with(@id, 'stickthread_')]"
# Customised templates: rows holding an ``a.xst`` title link, else any thread link in a table/list.
FALLBACK_ROWS_XPATH = (
    "//a[contains(concat(' ', normalize-space(@class), ' '), ' xst ')]/ancestor::*[self::tr or self::li][1]"
)
TITLE_XPATH = (
    ".//a[contains(concat(' ', normalize-space(@class), ' '), ' xst ')]"
    " | .//th//a[@href][not(contains(@class, 'showcontent') or contains(@class, 'closeprev'))]"
    " | .//a[@href]"
)
_BY_CELLS = ".//td[contains(concat(' ', normalize-space(@class), ' '), ' by ')]"
_COUNT_CELLS = ".//td[contains(@class, 'num')]"
# 6.x/7.x put the last post in ``td.lastpost`` (time in ``em``, ``by`` poster in ``cite``).
_LAST_POST_CELL = ".//td[contains(concat(' ', normalize-space(@class), ' '), ' lastpost ')]"
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")
_JS_FID = re.compile(r"\bfid\s*=\s*parseInt\('(\d+)'\)")


def number(text: str | None) -> int | None:
    match = _NUMBER.search((text or "").replace(",", ""))
    return int(match[0]) if match else None


class ForumPage(DiscuzPage):
    def _forum_links(self, xpath: str) -> list[tuple[Any, urls.PageRef, str]]:
        found = []
        for link in self.sel.xpath(xpath):
            url = self.absolute(link.attrib.get("href", ""))
            ref = urls.classify(url)
            if ref and ref.kind in ("forum", "archiver_forum"):
                found.append((link, ref, url))
        return found

    @cached_property
    def forum_id(self) -> int | None:
        if self.ref and self.ref.forum_id:
            return self.ref.forum_id
        for xpath in ("//h1//a[@href]", BREADCRUMB_LINKS):
            if links := self._forum_links(xpath):
                return links[-1][1].forum_id
        match = _JS_FID.search(" ".join(self.sel.xpath("//script/text()").getall()))
        return int(match[1]) if match else None

    @cached_property
    def name(self) -> str | None:
        """From the ``h1`` link, the breadcrumb's link to this forum, or the title."""
        for xpath in ("//h1//a[@href]", BREADCRUMB_LINKS):
            for link, ref, _ in reversed(self._forum_links(xpath)):
                if ref.forum_id == self.forum_id and (text := visible_text(link)):
                    return text
        heading = visible_text(self.sel.xpath("//h1"))
        return heading or (self.title_parts[0] if self.title_parts else None)

    def _row(self, row: Any, sticky: bool) -> ThreadRow | None:
        scope = markup.scope(row)  # what is shown is checked up to the row
        for link in xpath(TITLE_XPATH)(row):
            url = self.absolute(link.get("href", ""))
            ref = urls.classify(url)
            title = visible_text(link, scope)
            if ref and ref.kind in ("thread", "archiver_thread") and title and not title.isdigit():
                break
        else:
            return None
        cells = xpath(_BY_CELLS)(row)
        author = visible_text(xpath(".//cite")(cells[0]) if cells else xpath("(.//cite)[1]")(row), scope)
        counts = xpath(_COUNT_CELLS)(row)
        replies = number(visible_text(xpath(_COUNT_CELLS + "/a")(row), scope)) if counts else None
        views = number(visible_text(xpath(_COUNT_CELLS + "/em")(row), scope)) if counts else None
        if counts and (replies is None or views is None):
            numbers = [int(n) for n in _NUMBER.findall(visible_text(counts, scope).replace(",", ""))]
            replies, views = (numbers + [None, None])[:2]
        last = cells[-1] if len(cells) > 1 else next(iter(xpath(_LAST_POST_CELL)(row)), None)
        last_post = last_poster = None
        if last is not None:
            last_post = next(iter(xpath(".//em//span/@title")(last)), None) or visible_text(
                xpath(".//em")(last), scope) or None
            last_poster = _BY.sub("", visible_text(xpath(".//cite")(last), scope)) or None
        return ThreadRow(ref.thread_id, title, author or None, replies, views, sticky,
                         urls.canonicalize(url), last_post, last_poster)

    @cached_property
    def threads(self) -> list[ThreadRow]:
        """Thread rows in page order; sticky ones flagged (they repeat on every page)."""
        root = self.sel.root
        rows = [(row, row.get("id", "").startswith("stickthread_")) for row in xpath(ROWS_XPATH)(root)]
        if not rows:
            rows = [(row, False) for row in xpath(FALLBACK_ROWS_XPATH)(root)]
        if not rows:
            rows = [(row, False) for row in xpath(
                f"//*[@id='threadlist' or @id='moderate' or @id='threadlisttableid']//tr[.//a[@href]][not({CHROME})]"
            )(root)]
        threads: dict[int, ThreadRow] = {}
        for row, sticky in rows:
            parsed = self._row(row, sticky)
            if parsed and parsed.thread_id not in threads:
                threads[parsed.thread_id] = parsed
        return list(threads.values())

    @cached_property
    def message(self) -> str | None:
        """A page listing threads is no message page (and is spared the message page's lookups)."""
        return None if self.threads else super().message

    @cached_property
    def subforums(self) -> list[ForumLink]:
        """Sub-forums listed above the threads (``#subforum_F`` and look-alikes)."""
        xpath = (
            "//*[starts-with(@id, 'subforum_')]//a[@href]"
            " | //div[contains(@class, 'fl')]//table[contains(@class, 'fl_tb')]//a[@href]"
        )
        found: dict[int, ForumLink] = {}
        for link, ref, url in self._forum_links(xpath):
            name = visible_text(link) or (link.attrib.get("title") or "").strip()
            if ref.forum_id == self.forum_id or not name:
                continue
            found.setdefault(ref.forum_id, ForumLink(ref.forum_id, name, urls.canonicalize(url),
                                                     None, self.forum_id))
        return list(found.values())
