"""SMF 1.1's lists, tables whose cells carry no names (its default theme's
``BoardIndex.template.php`` and ``MessageIndex.template.php``):

- a board is a row whose ``td.windowbg2`` starts with ``<b><a href="…?board=N.0"
  name="bN">NAME</a></b>``; its child boards, if any, are the links of the
  ``td.windowbg3`` in the next row ("Child Boards: …");
- the board index: per category a ``div.tborder`` whose ``div.catbg`` holds ``<a name="C">``
  and the category's name, then the table of its boards; a board page lists its child
  boards the same way above its topics;
- a topic is a row of cells: two icons, the subject (``span#msg_K > a``; a sticky topic's has
  ``img#stickyiconK``), the starter, the replies, the views (bare numbers), the last post (an
  icon link, then ``span.smalltext`` "TIME<br />by POSTER"), and for a moderator a check box;
  the cells are counted from the subject's.
"""

from __future__ import annotations

import re

from parsel import Selector

from scraper.engines.base import ForumLink, ThreadRow
from scraper.engines.smf import urls
from scraper.engines.smf.page import SMFPage

_BOARD_LINKS = ".//td[contains(@class, 'windowbg2')]/b/a[starts-with(@name, 'b')]"
_CHILDREN = "ancestor::tr[1]/following-sibling::tr[1]/td[contains(@class, 'windowbg3')]//a"


def board_links(page: SMFPage, container: Selector, category: str | None,
                parent: int | None) -> list[ForumLink]:
    """The boards in ``container``'s rows, each followed by its child boards."""
    found: list[ForumLink] = []
    for link in container.xpath(_BOARD_LINKS):
        ref = urls.classify(page.absolute(link.attrib.get("href", "")))
        if ref is None or ref.kind != "forum":
            continue
        found.append(ForumLink(ref.forum_id, page.text(link), urls.page_url(page.url, "forum", ref.forum_id),
                               category, parent))
        for child in link.xpath(_CHILDREN):
            child_ref = urls.classify(page.absolute(child.attrib.get("href", "")))
            if child_ref and child_ref.kind == "forum":
                found.append(ForumLink(child_ref.forum_id, page.text(child),
                                       urls.page_url(page.url, "forum", child_ref.forum_id), category, ref.forum_id))
    return found


def index_boards(page: SMFPage) -> list[ForumLink]:
    found: list[ForumLink] = []
    for category in page.selector.xpath("//div[contains(@class, 'tborder')][div[contains(@class, 'catbg')]/a[@name]]"):
        name = category.xpath("./div[contains(@class, 'catbg')]/a[@name]")
        found += board_links(page, category, page.text(name[0]), None)
    return found


def site_name(page: SMFPage) -> str | None:
    """The header's name (``td.catbg`` of the forum's title bar)."""
    return page.selector.xpath("//td[contains(@class, 'catbg')]/span[1]/text()").get()


def topic_rows(page: SMFPage) -> list[ThreadRow]:
    return [row for row in (_topic_row(page, node) for node in page.selector.xpath(
        "//tr[td//span[starts-with(@id, 'msg_')]]")) if row]


def _topic_row(page: SMFPage, row: Selector) -> ThreadRow | None:
    cells = row.xpath("./td[descendant::span[starts-with(@id, 'msg_')]] | "
                      "./td[descendant::span[starts-with(@id, 'msg_')]]/following-sibling::td")
    if len(cells) < 5:
        return None
    link = cells[0].css("span[id^=msg_] a")
    ref = urls.classify(page.absolute(link.attrib.get("href", ""))) if link else None
    if ref is None or ref.thread_id is None:
        return None
    shown = re.match(r"^(?P<time>.+?)\s+by\s+(?P<poster>.+)$", page.text(cells[4]))
    replies, views = (page.text(cell).replace(",", "") for cell in cells[2:4])
    return ThreadRow(
        thread_id=ref.thread_id, title=page.text(link[0]), author=page.text(cells[1]) or None,
        replies=int(replies) if replies.isdigit() else None, views=int(views) if views.isdigit() else None,
        sticky=bool(cells[0].css("img[id^=stickyicon]")), url=urls.page_url(page.url, "thread", ref.thread_id),
        last_post_text=shown["time"] if shown else None, last_poster=shown["poster"] if shown else None)
