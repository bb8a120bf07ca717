"""SMF 1.1's lists, tables whose cells carry few names, in the three themes 1.1 ships
(``Themes/default``, ``classic``, ``babylon``: their ``BoardIndex.template.php`` and
``MessageIndex.template.php``):

- a board is marked by its anchor ``a[name=bN]``: the board's own link (default ``<b><a
  href="…?board=N.0" name="bN">``, babylon the same), or an empty anchor before
  ``<b><a href="…?board=N.0">`` (classic); its child boards, if any, are the links of the
  ``td.windowbg3`` in the next row (default) or of the ``<i>`` "Child Boards: …" in its own
  cell (classic, babylon);
- the board index: per category a ``catbg`` (default ``div``, classic and babylon ``td``)
  holding ``<a name="C">`` and the category's name, then its boards; a board page lists its
  child boards the same way above its topics;
- a topic is a row of cells: two icons, the subject (default and babylon ``span#msg_K > a``,
  classic the bare link), the starter, the replies, the views (bare numbers), the last post
  (an icon link in some, naming the message, then "TIME<br />by POSTER"), and for a moderator a check box; the
  cells are counted from the subject's. A sticky topic's icon: default ``img#stickyiconK``,
  classic and babylon ``topic/…_sticky.gif``.
"""

from __future__ import annotations

import re

from parsel import Selector

from scraper.engines.base import ForumLink, PageRef, ThreadRow
from scraper.engines.smf import urls
from scraper.engines.smf.page import SMFPage

_BOARD_ANCHORS = "//a[starts-with(@name, 'b')][not(@href) or contains(@href, 'board=')]"
_CHILDREN = ("ancestor::tr[1]/following-sibling::tr[1]/td[contains(@class, 'windowbg3')]//a"
             " | ancestor::td[1]//i//a")
_SUBJECT = ".//span[starts-with(@id, 'msg_')] or a[contains(@href, 'topic=')]"  # a topic row's subject cell
_CATEGORY = ("(preceding::*[contains(@class, 'catbg')][a[@name][not(starts-with(@name, 'b'))]])[last()]"
             "/a[@name]")


def board_links(page: SMFPage, parent: int | None) -> list[ForumLink]:
    """The page's boards, each followed by its child boards; on the board index each under
    the category whose ``catbg`` comes before it."""
    found: list[ForumLink] = []
    for anchor in page.selector.xpath(_BOARD_ANCHORS):
        link = anchor if "href" in anchor.attrib else next(  # classic: an empty anchor, then the link
            iter(anchor.xpath("following-sibling::b[1]/a[@href]")), None)
        ref = _board(page, link)
        if ref is None or anchor.attrib["name"] != f"b{ref.forum_id}":
            continue
        heading = anchor.xpath(_CATEGORY) if parent is None else []
        category = page.text(heading[0]) if heading else None
        found.append(ForumLink(ref.forum_id, page.text(link), urls.page_url(page.url, "forum", ref.forum_id),
                               category, parent))
        for child in anchor.xpath(_CHILDREN):
            if (child_ref := _board(page, child)) is not None:
                found.append(ForumLink(child_ref.forum_id, page.text(child),
                                       urls.page_url(page.url, "forum", child_ref.forum_id), category, ref.forum_id))
    return found


def _board(page: SMFPage, link: Selector | None) -> PageRef | None:
    ref = urls.classify(page.absolute(link.attrib.get("href", ""))) if link is not None else None
    return ref if ref is not None and ref.kind == "forum" else None


def site_name(page: SMFPage) -> str | None:
    """The default theme's header (``td.catbg`` of the forum's title bar), else the link
    tree's first item (the forum's name in every theme; classic prints it nowhere else)."""
    name = page.selector.xpath("//td[contains(@class, 'catbg')]/span[1]/text()").get()
    crumb = page.selector.css(".nav a.nav")
    return name or (page.text(crumb[0]) if crumb else None)


def topic_rows(page: SMFPage) -> list[ThreadRow]:
    return [row for row in (_topic_row(page, node) for node in page.selector.xpath(
        f"//tr[td[{_SUBJECT}]]")) if row]



def _topic_row(page: SMFPage, row: Selector) -> ThreadRow | None:
    subject = row.xpath(f"./td[{_SUBJECT}][1]")
    cells = [*subject, *subject.xpath("following-sibling::td")]
    if len(cells) < 5:
        return None
    link = cells[0].css("span[id^=msg_] a") or cells[0].xpath("./a[contains(@href, 'topic=')]")
    ref = urls.classify(page.absolute(link.attrib.get("href", ""))) if link else None
    if ref is None or ref.kind != "thread":
        return None
    shown = re.match(r"^(?P<time>.+?)\s+by\s+(?P<poster>.+)$", page.text(cells[4]))
    replies, views = (page.text(cell).replace(",", "") for cell in cells[2:4])
    return ThreadRow(
        thread_id=ref.thread_id, title=page.text(link[0]), author=page.text(cells[1]) or None,
        replies=int(replies) if replies.isdigit() else None, views=int(views) if views.isdigit() else None,
        sticky=bool(row.xpath(".//img[starts-with(@id, 'stickyicon') or contains(@src, '_sticky.')]")),
        url=urls.page_url(page.url, "thread", ref.thread_id),
        last_post_text=shown["time"] if shown else None, last_poster=shown["poster"] if shown else None,
        last_post_id=page.linked_message(cells[4]))
