"""A thread list (``forumdisplay``): the forum, its threads, its sub-forums, its pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from scraper import urls
from scraper.pages.base import BREADCRUMB_LINKS, CHROME, DiscuzPage
from scraper.pages.markup import visible_text
from scraper.pages.index import ForumLink

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
_NUMBER = re.compile(r"\d+")
_JS_FID = re.compile(r"\bfid\s*=\s*parseInt\('(\d+)'\)")


@dataclass(frozen=True)
class ThreadRow:
    thread_id: int
    title: str
    author: str | None = None
    replies: int | None = None
    views: int | None = None
    sticky: bool = False
    url: str | None = None
    last_post_text: str | None = None


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
        for link in row.xpath(TITLE_XPATH):
            url = self.absolute(link.attrib.get("href", ""))
            ref = urls.classify(url)
            title = visible_text(link)
            if ref and ref.kind in ("thread", "archiver_thread") and title and not title.isdigit():
                break
        else:
            return None
        cells = row.xpath(".//td[contains(concat(' ', normalize-space(@class), ' '), ' by ')]")
        author = visible_text(cells[0].xpath(".//cite")) if cells else visible_text(row.xpath("(.//cite)[1]"))
        counts = row.xpath(".//td[contains(@class, 'num')]")
        replies = number(visible_text(counts.xpath("./a"))) if counts else None
        views = number(visible_text(counts.xpath("./em"))) if counts else None
        if counts and (replies is None or views is None):
            numbers = [int(n) for n in _NUMBER.findall(visible_text(counts).replace(",", ""))]
            replies, views = (numbers + [None, None])[:2]
        last = cells[-1] if len(cells) > 1 else None
        last_post = None
        if last is not None:
            last_post = last.xpath(".//em//span/@title").get() or visible_text(last.xpath(".//em")) or None
        return ThreadRow(ref.thread_id, title, author or None, replies, views, sticky,
                         urls.canonicalize(url), last_post)

    @cached_property
    def threads(self) -> list[ThreadRow]:
        """Thread rows in page order; sticky ones flagged (they repeat on every page)."""
        rows = [(row, row.attrib.get("id", "").startswith("stickthread_")) for row in self.sel.xpath(ROWS_XPATH)]
        if not rows:
            rows = [(row, False) for row in self.sel.xpath(FALLBACK_ROWS_XPATH)]
        if not rows:
            rows = [(row, False) for row in self.sel.xpath(
                f"//*[@id='threadlist' or @id='moderate' or @id='threadlisttableid']//tr[.//a[@href]][not({CHROME})]"
            )]
        threads: dict[int, ThreadRow] = {}
        for row, sticky in rows:
            parsed = self._row(row, sticky)
            if parsed and parsed.thread_id not in threads:
                threads[parsed.thread_id] = parsed
        return list(threads.values())

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
