"""The forum index (``forum.php``, ``index.php``, ``archiver/``): categories and forums."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property
from typing import Any

from scraper.engines.discuz import urls
from scraper.engines.base import ForumLink
from scraper.engines.discuz.pages.base import CHROME, DiscuzPage
from scraper.markup import visible_text

SUBFORUM_MARK = re.compile(r"子版块|子版塊|子论坛|子論壇|sub-?forums?", re.I)
# Elements that end the search for a "子版块:" label before a link.
BLOCKS = frozenset({"p", "dd", "dt", "li", "td", "th", "div", "tr", "table", "ul", "dl",
                    "h1", "h2", "h3", "h4", "body"})
FORUM_KINDS = ("forum", "archiver_forum")
# Discuz! names a forum icon uploaded in the admin panel after the forum's id
# (upload_icon_banner: data/attachment/common/<xx>/common_<fid>_icon.<ext>).
FORUM_ICON = re.compile(r"/common_(\d+)_icon\.\w+$")
# X's header prints ``<body id="nv_{basescript}">``: a portal page (the site root, often) links
# forums from its navigation and blocks, never the forum list, which is forum.php's.
PORTAL_PAGE = "/html/body[@id='nv_portal']"
# A forum-list block (``div#category_<gid>``, X2 to X3.5).
FORUM_LIST = "*[starts-with(@id, 'category_')]"
IN_FORUM_LIST = f"ancestor::{FORUM_LIST}"


def in_subforum_list(element: Any) -> bool:
    """True when a ``子版块:`` label precedes the link inside its nearest block element."""
    node = element
    while (parent := node.getparent()) is not None:
        before = [parent.text or ""]
        for sibling in node.itersiblings(preceding=True):
            before += ["".join(sibling.itertext()), sibling.tail or ""]
        if SUBFORUM_MARK.search("".join(before)):
            return True
        if parent.tag in BLOCKS:
            return False
        node = parent
    return False


def archiver_parent(link: Any, page: DiscuzPage) -> int | None:
    """Archiver lists nest sub-forums in an inner ``ul`` of the parent's ``li``."""
    for href in link.xpath("ancestor::li[2]/a[1]/@href | ancestor::li[2]/*[not(self::ul)]//a[1]/@href").getall():
        ref = urls.classify(page.absolute(href))
        if ref and ref.kind in FORUM_KINDS:
            return ref.forum_id
    return None


class IndexPage(DiscuzPage):
    # No board of Discuz's index is a link out, and its portal's board index is forum.php
    # (Engine.index_url): base.IndexView's links_out and board_index are empty.
    board_index: str | None = None

    @property
    def links_out(self) -> list[ForumLink]:
        return []

    @cached_property
    def icon_forums(self) -> dict[str, int]:
        """Forum id by URL, from the forum icons of the forum list: the only place its id is
        printed when a site links its forums by a name (a forum domain, a rewrite plugin's
        ``bbs/lobby/``) instead of by ``fid``."""
        found: dict[str, int] = {}
        for link in self.sel.xpath(f"//a[@href][img][{IN_FORUM_LIST}]"):
            if match := FORUM_ICON.search(link.xpath("img/@src").get() or ""):
                found.setdefault(self.absolute(link.attrib["href"]), int(match[1]))
        return found

    @cached_property
    def list_headings(self) -> dict[Any, str]:
        """The heading printed before each forum-list block whose heading is its name alone
        (no ``forum.php?gid=`` link, as some skins print it): that block's category."""
        headings: dict[Any, str] = {}
        for block in self.sel.xpath(f"//{FORUM_LIST}"):
            if text := visible_text(block.xpath("preceding::*[self::h2 or self::h3][1][not(.//a)]")):
                headings[block.root] = text
        return headings

    def forum_ref(self, link: Any, url: str) -> urls.PageRef | None:
        """What a link of the page points at: its URL's reading, or for a forum-list link
        whose URL carries no id, the forum its icon names."""
        ref = urls.classify(url)
        if ref is None and url in self.icon_forums and link.xpath(IN_FORUM_LIST):
            return urls.PageRef("forum", forum_id=self.icon_forums[url])
        return ref

    @cached_property
    def forums(self) -> list[ForumLink]:
        """Every forum linked from the forum list, in page order, with its category and,
        for sub-forums, the forum listed before it as parent."""
        if self.sel.xpath(PORTAL_PAGE):
            return []  # the crawl goes on to forum.php (ForumSpider.parse_index)
        found: dict[int, ForumLink] = {}
        category: str | None = None
        parent: int | None = None
        for link in self.sel.xpath(f"//a[@href][not({CHROME})]"):
            url = self.absolute(link.attrib["href"])
            ref = self.forum_ref(link, url)
            if ref is None or ref.kind not in (*FORUM_KINDS, "category"):
                continue
            name = visible_text(link) or (link.attrib.get("title") or "").strip()
            if ref.kind == "category":
                category = name or category
                continue
            if ref.kind == "archiver_forum":
                heading = link.xpath("preceding::*[self::h2 or self::h3][1][not(.//a)]")
                category = visible_text(heading) or category
                forum_parent = archiver_parent(link, self)
            else:
                block = link.xpath(f"{IN_FORUM_LIST}[1]")
                category = (self.list_headings.get(block[0].root) if block else None) or category
                forum_parent = parent if in_subforum_list(link.root) else None
            if forum_parent is None:
                parent = ref.forum_id
            known = found.get(ref.forum_id)
            if known is None:
                found[ref.forum_id] = ForumLink(ref.forum_id, name, url, category, forum_parent)
            elif not known.name and name:
                found[ref.forum_id] = replace(known, name=name)
        return [forum for forum in found.values() if forum.name]
