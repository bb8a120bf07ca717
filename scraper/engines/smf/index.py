"""The board index (``BoardIndex.template.php``): per category a ``div.cat_bar`` (its
``h3.catbg`` names it) and ``div#category_N_boards`` holding one ``div#board_N`` per board
(``.info a.subject``), whose child boards are listed in ``div.children`` (the ``strong``
there is ``#child_list_PARENT``). A board page lists its own children the same way in
``div#board_N_childboards``."""

from __future__ import annotations

from typing import Any

from parsel import Selector

from scraper.engines.base import ForumLink
from scraper.engines.smf import urls
from scraper.engines.views import IndexPageView
from scraper.engines.smf.page import SMFPage


def board_links(page: SMFPage, container: Selector, category: str | None,
                parent: int | None) -> list[ForumLink]:
    """Each ``div[id^=board_]`` of ``container``: the board, then its children."""
    found: list[ForumLink] = []
    for board in container.xpath("./div[starts-with(@id, 'board_')]"):
        link = board.css(".info a.subject")
        ref = urls.classify(page.absolute(link.attrib.get("href", ""))) if link else None
        if ref is None or ref.kind != "forum":
            continue
        found.append(ForumLink(ref.forum_id, page.text(link[0]),
                               urls.page_url(page.url, "forum", ref.forum_id), category, parent))
        for child in board.css(".children a, .board_children a"):
            child_ref = urls.classify(page.absolute(child.attrib.get("href", "")))
            if child_ref and child_ref.kind == "forum":
                found.append(ForumLink(child_ref.forum_id, page.text(child),
                                       urls.page_url(page.url, "forum", child_ref.forum_id),
                                       category, ref.forum_id))
    return found


def read_index(response: Any) -> IndexPageView:
    page = SMFPage(response)
    forums: list[ForumLink] = []
    for boards in page.selector.css("#boardindex_table div[id$=_boards]"):
        header = boards.xpath("preceding-sibling::div[contains(@class, 'cat_bar')][1]//h3")
        forums += board_links(page, boards, page.text(header[0]) if header else None, None)
    name = page.selector.css("meta[property='og:site_name']::attr(content)").get() or \
        page.selector.css("#forumtitle a span::text, h1.forumtitle a::text").get()
    message, _ = page.error_message()
    return IndexPageView(urls.site_root(page.url), name.strip() if name else None, forums, message)
