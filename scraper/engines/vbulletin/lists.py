"""vBulletin's index and thread-list pages (3.x/4.x ``forumdisplay.php``, 5.x channel pages).

Template facts (vBulletin 3.8 ``threadbit``/``forumhome_forumbit_level*``, 4.2 ``threadbit``
``li.threadbit#thread_N``/``forumbit`` ``li.forumbit_*#forumN``, 5.x ``tr.topic-item[data-node-id]``):
a thread's title link is ``a#thread_title_N`` (3.x, 4.x) or ``a.topic-title`` (5.x); its replies
and views are in ``td[title^="Replies"]`` (3.x), ``ul.threadstats`` (4.x), ``.topics-cell``/
``.posts-count`` (5.x); a sticky row is marked ``sticky`` in its class or a "Sticky:" prefix;
4.x's ``dl.threadlastpost`` holds the last poster, the last post's date and time, and the "Go to
last post" link naming the post (``showthread.php?t=T&p=N#postN``).
No saved real thread-list page was found: that reader is checked against the templates only; the
index reader is also read on real 4.1.11 and 3.6.4 indexes (tests/fixtures/vbulletin-4-index,
vbulletin-3-index).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from scraper.engines.base import ForumLink, PageRef, Pagination, ThreadRow
from scraper.engines.fragments import first, forum_links, number, page_tree, text_of
from scraper.engines.post_links import fragment_post
from scraper.engines.vbulletin import urls
from scraper.engines.vbulletin.pages import feed_forum, pagination, page_timezone
from scraper.engines.views import ForumPageView, IndexPageView

_REPLIES = re.compile(r"Replies:?\s*([\d,.]+)", re.I)
_VIEWS = re.compile(r"Views:?\s*([\d,.]+)", re.I)


def _row(row: etree._Element) -> ThreadRow | None:
    link = first(row, ".//a[starts-with(@id, 'thread_title_')] | .//a[contains(@class, 'topic-title')]")
    if link is None:
        return None
    ref = urls.classify(link.get("href") or "")
    thread_id = ref.thread_id if ref and ref.thread_id else number(row.get("data-node-id"))
    if thread_id is None:
        return None
    stats = " ".join(row.xpath(".//*[contains(@class, 'threadstats') or starts-with(@title, 'Replies')]"
                               "/@title | .//*[contains(@class, 'threadstats')]//text()"))
    replies, views = _REPLIES.search(stats), _VIEWS.search(stats)
    author = first(row, ".//a[contains(@class, 'username')] | .//span[contains(@onclick, 'member.php')]")
    last = first(row, ".//dl[contains(@class, 'threadlastpost')]")  # 4.x: its poster, then "06-15-2016, 03:03 PM"
    last_poster = first(last, ".//a[contains(@class, 'username')]") if last is not None else None
    last_time = first(last, "./dd[.//*[contains(@class, 'time')]]") if last is not None else None
    return ThreadRow(
        thread_id=thread_id, title=text_of(link), author=text_of(author) or None,
        replies=number(replies.group(1)) if replies else None, views=number(views.group(1)) if views else None,
        sticky="sticky" in (row.get("class") or "") or "Sticky:" in text_of(row),
        url=urls.canonicalize(link.get("href") or ""),
        last_post_text=text_of(last_time) or None, last_poster=text_of(last_poster) or None,
        last_post_id=_linked_post(last) if last is not None else None)


def _linked_post(last: etree._Element) -> int | None:
    """The post 4.x's "Go to last post" link names: ``showthread.php?t=T&p=N#postN`` (its
    ``#postN`` also in the friendly and rewritten forms)."""
    for href in last.xpath(".//a/@href"):
        ref = urls.classify(href)
        post_id = ref.post_id if ref is not None and ref.kind == "post" else fragment_post(href, "post")
        if post_id is not None:
            return post_id
    return None


# 4.x's forum rows (``forumhome_forumbit_level1_nopost``: ``li.forumbit_nopost#catN``, ``…_post``:
# ``li.forumbit_post#forumN``, the title link in ``.forumtitle``; ``forumhome_subforumbit_*``:
# ``li.subforum``, its status icon ``img#forum_statusicon_N`` where the board shows sub-forums' icons)
# name each board's id, the only place that keeps it where vBSEO links a board as ``/forum-slug/``
# (javaprogrammingforums.com's index, tests/fixtures/vbulletin-4-index). A site's own style may
# keep the rows' ids and print the title in a heading of its own (forospyware.com's
# ``li.forum_area#forumN`` > ``h3.forumheaders``, tests/fixtures/vbulletin-4-es-index).
# 3.x's are table cells: a category's ``td.tcat`` heading beside its collapse link
# (``toggle_collapse('forumbit_N')``), its forums in ``tbody#collapseobj_forumbit_N``, a forum's
# ``td.alt1Active#fN`` with the title the first link of its first ``div`` and sub-forums each after
# its ``img#forum_statusicon_N``; vBSEO links them ``/forum-slug/`` and a category ``/#anchor``
# (excelbanter.com's 3.6.4 index, tests/fixtures/vbulletin-3-index). A site's own 3.8 style may
# print a board as a list item, its title the link after its ``img#forum_statusicon_N`` in an
# ``h3`` (myth-weavers.com's ``ul#forumhome_forumlist``, tests/fixtures/vbulletin-38-mythweavers-index).
# A board's title wins over any other link to it: myth-weavers.com's menu links forum 141 as
# "Games" before its row names it "Games & Ads".
_BIT = "li[contains(@class, 'forumbit_')]"
_STYLED_ROW = "li[starts-with(@id, 'forum')][not(contains(@class, 'forumbit_'))][not(.//*[contains(@class, 'forumtitle')])]"
_CELL = "td[starts-with(@id, 'f')][contains(@class, 'alt1Active')]"
_HEADING = "td[contains(@class, 'tcat')][a[contains(@onclick, 'forumbit_')]]"
_HEADING_TITLE = "a[@href][not(@onclick)]"
_TITLES = (f"//{_BIT}[starts-with(@id, 'forum') or starts-with(@id, 'cat')]/div//*[contains(@class, 'forumtitle')]"
           "//a[@href] | //li[contains(@class, 'subforum')][img[starts-with(@id, 'forum_statusicon_')]]/a[@href]"
           f" | //{_STYLED_ROW}/div//*[self::h2 or self::h3 or self::h4]//a[@href]"
           f" | //{_HEADING}/{_HEADING_TITLE} | //{_CELL}/div[1]/a[@href][1]"
           " | //img[starts-with(@id, 'forum_statusicon_')]/following-sibling::a[@href][1]")
_SCRIPT_LINKS = ("//a[contains(@href, 'forumdisplay.php')][normalize-space()]"
                 "[not(ancestor::*[contains(@class, 'navbar') or contains(@class, 'navbit')"
                 " or contains(@class, 'pagination') or contains(@class, 'pagenav')])]")
_ROW_ID = re.compile(r"^(?:cat|forum|forum_statusicon_|f)(\d+)$")
_COLLAPSE_ID = re.compile(r"forumbit_(\d+)")


def _id_in(element: etree._Element | None) -> int | None:
    match = _ROW_ID.match(element.get("id") or "") if element is not None else None
    return int(match.group(1)) if match else None


def _row_id(title: etree._Element) -> int | None:
    """The id a board title's row names (a sub-forum's: its icon's; a 3.x category's: its
    collapse link's)."""
    collapse = first(title, f"parent::{_HEADING}/a/@onclick")
    if collapse is not None:
        match = _COLLAPSE_ID.search(collapse)
        return int(match.group(1)) if match else None
    icon = first(title, "preceding-sibling::img[1][starts-with(@id, 'forum_statusicon_')]")
    return _id_in(icon if icon is not None else first(
        title, f"ancestor::*[self::li[starts-with(@id, 'forum') or starts-with(@id, 'cat')] or self::{_CELL}][1]"))


def _placement(anchor: etree._Element) -> tuple[str | None, int | None]:
    """The category row (``li#catN``) around a board's own row, and the forum row (``li#forumN``)
    around it: a sub-forum's parent. 3.x's tables: ``_cell_placement``."""
    row = first(anchor, "ancestor::li[1]")
    if row is None:
        return _cell_placement(anchor)
    category = first(row, f"ancestor::{_BIT}[starts-with(@id, 'cat')][1]")
    title = first(category, "./div//*[contains(@class, 'forumtitle')]") if category is not None else None
    return text_of(title) or None, _id_in(first(row, f"ancestor::{_BIT}[starts-with(@id, 'forum')][1]"))


def _cell_placement(anchor: etree._Element) -> tuple[str | None, int | None]:
    """3.x: the category heading over the ``tbody#collapseobj_forumbit_N`` a board's cell is in,
    and the cell's forum when the link is one of its sub-forums (not its first ``div``'s title)."""
    group = first(anchor, "ancestor::tbody[starts-with(@id, 'collapseobj_forumbit_')][1]")
    heading = first(group, f"preceding-sibling::tbody[1]//{_HEADING}/{_HEADING_TITLE}") if group is not None else None
    cell = first(anchor, f"ancestor::{_CELL}[1]")
    own_title = cell is not None and first(anchor, f"parent::div[not(preceding-sibling::div)]/parent::{_CELL}") is not None
    return text_of(heading) or None, _id_in(cell) if cell is not None and not own_title else None


def _forum_links(root: etree._Element) -> list[ForumLink]:
    titles = root.xpath(_TITLES)
    marked = {title.get("href"): _row_id(title) for title in titles}

    def classify(href: str) -> PageRef | None:
        forum_id = marked.get(href)
        return PageRef("forum", forum_id=forum_id) if forum_id is not None else urls.classify(href)

    def forum_of(anchor: etree._Element) -> int | None:
        ref = classify(anchor.get("href") or "")
        return ref.forum_id if ref is not None else None

    own, titled = set(titles), {forum_of(title) for title in titles} - {None}
    kept = own | {anchor for anchor in root.xpath(_SCRIPT_LINKS) if forum_of(anchor) not in titled}
    # Both XPaths select links only: the page's links in document order are their union's order.
    anchors = [anchor for anchor in root.getroottree().iter("a") if anchor in kept]
    return forum_links(anchors, classify, _placement)


def _name(root: etree._Element) -> str | None:
    """4.x's title is "Forum: <span class="forumtitle">Name</span>"; 3.x and 5.x print the name."""
    title = first(root, "//div[@id='pagetitle']//span[contains(@class, 'forumtitle')]")
    return text_of(title if title is not None else first(root, "//h1")) or None


def forum_page(response: Any) -> ForumPageView:
    page = page_tree(response)
    rows = page.root.xpath("//tbody[starts-with(@id, 'threadbits_forum_')]/tr | //li[contains(@class, 'threadbit')]"
                           " | //tr[contains(@class, 'topic-item')]")
    threads = [row for row in (_row(node) for node in rows) if row is not None]
    current, total = pagination(page)
    ref = urls.classify(response.url)
    forum_id = ref.forum_id if ref and ref.forum_id else feed_forum(page)  # vBSEO's /forum-slug/: no id
    return ForumPageView(
        forum_id=forum_id, name=_name(page.root),
        subforums=[link for link in _forum_links(page.root) if link.forum_id != forum_id], threads=threads,
        pagination=Pagination(page_count=total, current=current), page_count=total,
        page_timezone=page_timezone(page), ref=ref)


def _shown_times(root: etree._Element) -> list[str]:
    """Every time the page prints: 3.x and 4.x put a time's clock in ``span.time`` and its date
    just before it (4.x's ``p.lastpostdate`` "06-15-2016, <span class="time">03:03 PM</span>")."""
    return [text_of(node) for node in root.xpath("//span[contains(concat(' ', normalize-space(@class), ' '),"
                                                  " ' time ')]/..")]


def index_page(response: Any) -> IndexPageView:
    page = page_tree(response)
    return IndexPageView(site_root=urls.site_root(response.url),
                          site_name=page.xpath("//title/text()").get("").strip() or None,
                          forums=_forum_links(page.root), shown_times=_shown_times(page.root))
