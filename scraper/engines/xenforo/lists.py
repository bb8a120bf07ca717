"""XenForo's index (node list) and thread-list pages, 1.x and 2.x.

Template facts (2.x ``forum_view``/``thread_list_macros``, 1.x ``thread_list_item``; see
docs/engines/xenforo.md): a 2.x row is ``div.structItem--thread.js-threadListItem-N[data-author]``,
its counts ``dl.pairs`` "Replies"/"Views" (large counts abbreviated, "1K": not a number, so
None), its last post ``time.structItem-latestDate[data-time]``; sticky rows sit in
``structItemContainer-group--sticky``. A 1.x row is ``li.discussionListItem#thread-N``
(``dl.major`` replies, ``dl.minor`` views, class ``sticky``; its class names no thread: the id is
read from ``id``; real rows in tests/fixtures/xenforo-1-routes-index). Forums are ``.node-title a``
(2.x) and ``.nodeTitle a`` (1.x); see ``_forums`` for the node list as real index pages print it.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from scraper.engines.base import ForumLink, Pagination, ThreadRow
from scraper.engines.fragments import first, number, page_tree, text_of
from scraper.engines.xenforo import urls
from scraper.engines.xenforo.pages import TITLE, pagination
from scraper.engines.views import ForumPageView, IndexPageView

_ROW_CLASS = re.compile(r"\bjs-threadListItem-(\d+)\b")  # 2.x: the row's class
_ROW_ID = re.compile(r"^thread-(\d+)$")  # 1.x: the row's id


def _counts(row: etree._Element) -> tuple[int | None, int | None]:
    """(replies, views): 2.x labels its ``dl.pairs``, 1.x puts them in ``dl.major``/``dl.minor``."""
    if row.tag == "div":
        found = [row.xpath(f".//dl[dt[normalize-space() = '{label}']]/dd") for label in ("Replies", "Views")]
    else:
        found = [row.xpath(f".//dl[contains(@class, '{kind}')]/dd") for kind in ("major", "minor")]
    replies, views = (number(text_of(values[0])) if values else None for values in found)
    return replies, views


def _row(row: etree._Element) -> ThreadRow | None:
    found = _ROW_CLASS.search(row.get("class") or "") or _ROW_ID.match(row.get("id") or "")
    link = first(row, ".//div[contains(@class, 'structItem-title')]/a[contains(@href, 'threads')][last()]"
                      " | .//h3[contains(@class, 'title')]/a[contains(@href, 'threads')][last()]")
    if not found or link is None:
        return None
    latest = first(row, ".//time[contains(@class, 'structItem-latestDate')] | .//dl[contains(@class, 'lastPostInfo')]"
                        "//*[contains(@class, 'DateTime')]")
    last_poster = first(row, ".//div[contains(@class, 'structItem-cell--latest')]//a[contains(@class, 'username')]"
                             " | .//dl[contains(@class, 'lastPostInfo')]//a[contains(@class, 'username')]")
    group = first(row, "ancestor::div[contains(@class, 'structItemContainer-group--sticky')]")
    replies, views = _counts(row)
    return ThreadRow(
        thread_id=int(found.group(1)), title=text_of(link), author=row.get("data-author"), replies=replies, views=views,
        sticky=group is not None or "sticky" in (row.get("class") or "").split(),
        url=link.get("href"), last_post_text=text_of(latest) or None, last_poster=text_of(last_poster) or None,
        last_post_attr=(latest.get("data-time") or latest.get("title")) if latest is not None else None)


# The node list (2.x ``node_list`` macros, 1.x ``node_forum_level_*`` templates), as real index pages
# print it (tests/fixtures/xenforo-2-index): a node is ``div.node.node--idN`` (2.x) or
# ``li.node.node_N`` (1.x), typed ``node--forum``/``node--category`` (2.x) or ``forum``/``category``
# (1.x); its title link ``h3.node-title a`` (2.x) or ``.nodeTitle a`` (1.x, a sub-forum's node nested in
# its parent's ``ol.subForumList``); a 2.x forum lists its sub-forums as ``a.subNodeLink`` (a menu or a
# flat list) inside its own node; a 2.x category is the ``div.block--category`` around its forums,
# named by the link in its ``h2.block-header`` (the category's description may follow the link in the
# header, ``.block-desc``: tests/fixtures/xenforo-2-es-index). A forum a site routes by a route filter (``/tutorials/`` for
# ``forums/tutorials.11/``) is known by its node's id. A link node (``node--link`` 2.x, ``li.node.link``
# 1.x, ``node_link`` templates) only sends the visitor to its address (1.x links ``link-forums/slug.N/``,
# which redirects there; 2.x the address itself: tests/fixtures/xenforo-2-es-soloarquitectura-index):
# a link out, no board.
_NODE_LINKS = ("//*[contains(@class, 'node-title') or contains(@class, 'nodeTitle')]//a[@href]"
               " | //a[contains(concat(' ', normalize-space(@class), ' '), ' subNodeLink ')][@href]")
_NODES = "ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' node ')]"
_NODE_ID = re.compile(r"\bnode(?:--id|_)(\d+)\b")
_BLOCK_CATEGORY = "ancestor::div[contains(@class, 'block--category')][1]//*[contains(@class, 'block-header')]"


def _classes(node: etree._Element) -> set[str]:
    return set((node.get("class") or "").split())


def _node_id(node: etree._Element) -> int | None:
    found = _NODE_ID.search(node.get("class") or "")
    return int(found.group(1)) if found else None


def _is_category(node: etree._Element) -> bool:
    return bool(_classes(node) & {"category", "node--category"})


def _category(anchor: etree._Element, around: list[etree._Element]) -> str | None:
    """The category a node sits in: 2.x's block header's title, 1.x's enclosing category node's title."""
    header = first(anchor, _BLOCK_CATEGORY)
    if header is not None:
        title = first(header, ".//a[@href]")
        return text_of(header if title is None else title) or None
    node = next((node for node in reversed(around) if _is_category(node)), None)
    title = first(node, ".//*[contains(@class, 'nodeTitle')]//a") if node is not None else None
    return text_of(title) or None


def _nodes(anchor: etree._Element) -> tuple[etree._Element | None, list[etree._Element]]:
    """The node a title link is the title of (none for a 2.x ``subNodeLink``) and the nodes around it."""
    nodes = anchor.xpath(_NODES)  # outermost first
    own = None if "subNodeLink" in _classes(anchor) or not nodes else nodes[-1]
    return own, nodes if own is None else nodes[:-1]


def _is_link_node(node: etree._Element | None) -> bool:
    return node is not None and bool(_classes(node) & {"link", "node--link"})


def _placed(forum_id: int | None, anchor: etree._Element, around: list[etree._Element]) -> ForumLink:
    parent = next((node for node in reversed(around) if not _is_category(node)), None)
    return ForumLink(forum_id, text_of(anchor), anchor.get("href"), category=_category(anchor, around),
                     parent_forum_id=_node_id(parent) if parent is not None else None)


def _forum_link(anchor: etree._Element) -> ForumLink | None:
    own, around = _nodes(anchor)
    if _is_link_node(own):
        return None
    ref = urls.classify(anchor.get("href") or "")
    if ref is not None and ref.kind == "forum" and ref.forum_id is not None:
        forum_id = ref.forum_id
    elif own is not None and _classes(own) & {"forum", "node--forum"}:
        forum_id = _node_id(own)
    else:
        return None
    return _placed(forum_id, anchor, around)


def _forums(root: etree._Element) -> list[ForumLink]:
    """One link per forum of the node list, in page order (the title link before a 2.x node's
    last-post link to the same forum)."""
    links: dict[int, ForumLink] = {}
    for anchor in root.xpath(_NODE_LINKS):
        link = _forum_link(anchor)
        if link is not None and link.forum_id is not None and link.forum_id not in links:
            links[link.forum_id] = link
    return list(links.values())


def _links_out(root: etree._Element) -> list[ForumLink]:
    """The node list's link nodes, in page order: known by their node's id where the node prints it."""
    placed = []
    for anchor in root.xpath(_NODE_LINKS):
        own, around = _nodes(anchor)
        if _is_link_node(own):
            placed.append(_placed(_node_id(own), anchor, around))
    return placed


def forum_page(response: Any) -> ForumPageView:
    page = page_tree(response)
    rows = page.root.xpath("//div[contains(@class, 'structItem--thread')]"
                           " | //li[contains(@class, 'discussionListItem')]")
    current, total = pagination(page)
    ref = urls.classify(response.url)
    key = re.match(r"node-(\d+)$", page.xpath("/html/@data-container-key").get() or "")
    return ForumPageView(
        forum_id=int(key.group(1)) if key else (ref.forum_id if ref else None),
        name=text_of(first(page.root, TITLE)) or None,
        subforums=_forums(page.root), threads=[row for row in map(_row, rows) if row is not None],
        pagination=Pagination(page_count=total, current=current), page_count=total, ref=ref)


def index_page(response: Any) -> IndexPageView:
    page = page_tree(response)
    name = page.xpath("//meta[@property='og:site_name']/@content").get() or page.xpath("//title/text()").get("")
    forums = _forums(page.root)
    return IndexPageView(site_root=urls.install_root(response.url, [forum.url for forum in forums]),
                         site_name=name.strip() or None, forums=forums, links_out=_links_out(page.root))
