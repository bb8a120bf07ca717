"""XenForo's index (node list) and thread-list pages, 1.x and 2.x.

Template facts (2.x ``forum_view``/``thread_list_macros``, 1.x ``thread_list_item``; see
docs/engines/xenforo.md): a 2.x row is ``div.structItem--thread.js-threadListItem-N[data-author]``,
its counts ``dl.pairs`` "Replies"/"Views" (large counts abbreviated, "1K": not a number, so
None), its last post ``time.structItem-latestDate[data-time]``; sticky rows sit in
``structItemContainer-group--sticky``. A 1.x row is ``li.discussionListItem#thread-N``
(``dl.major`` replies, ``dl.minor`` views, class ``sticky``). Forums are ``.node-title a``
(2.x) and ``.nodeTitle a`` (1.x).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from scraper.engines.base import ForumLink, Pagination, ThreadRow
from scraper.engines.fragments import first, forum_links, number, page_tree, text_of
from scraper.engines.xenforo import urls
from scraper.engines.xenforo.pages import TITLE, pagination
from scraper.engines.views import ForumPageView, IndexPageView

_ROW_ID = re.compile(r"(?:js-threadListItem-|^thread-)(\d+)")


def _counts(row: etree._Element) -> tuple[int | None, int | None]:
    """(replies, views): 2.x labels its ``dl.pairs``, 1.x puts them in ``dl.major``/``dl.minor``."""
    if row.tag == "div":
        found = [row.xpath(f".//dl[dt[normalize-space() = '{label}']]/dd") for label in ("Replies", "Views")]
    else:
        found = [row.xpath(f".//dl[contains(@class, '{kind}')]/dd") for kind in ("major", "minor")]
    replies, views = (number(text_of(values[0])) if values else None for values in found)
    return replies, views


def _row(row: etree._Element) -> ThreadRow | None:
    found = _ROW_ID.search(f"{row.get('class', '')} {row.get('id', '')}".strip())
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


def _forums(root: etree._Element) -> list[ForumLink]:
    anchors = root.xpath("//*[contains(@class, 'node-title') or contains(@class, 'nodeTitle')]//a[@href]")
    return forum_links(anchors, urls.classify)


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
    return IndexPageView(site_root=urls.site_root(response.url), site_name=name.strip() or None,
                        forums=_forums(page.root))
