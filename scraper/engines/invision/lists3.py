"""IP.Board 3.x topic lists and board index (3.4.8's compiled ``skin_forum`` ``topic`` and
``topicPrefixWrap``, ``skin_boards`` ``boardIndexTemplate``, ``skin_global``
``paginationTemplate``; see docs/engines/invision.md). Read from the templates, the pager also
from two real 3.4.7 topic pages, the index also from a real 3.1 index's markup; no saved 3.x
topic list was found.

- a topic row is ``tr.__topic[data-tid]``: the link ``a.topic_title``, the starter's hover card
  in ``span.desc``, the replies as ``meta[itemprop=interactionCount]`` "UserComments:N", the
  views ``li.views`` ("1,204 views"), a pinned topic's ``span.ipsBadge_green`` prefix ("Pinned",
  ``pre_pinned``), the last post ``ul.last_post`` (the poster, then the date linked);
- the pager's current page is ``li.page.active``; its page count and page size are the
  ``totalPages`` and ``perPage`` it gives its page-jump script (``registerPageJump(…, { url,
  stKey: 'st', perPage: 20, totalPages: 2 })`` on a real 3.4.7 topic page: the jump asks
  ``url&st=(page − 1) × perPage``);
- the index: a category ``div.category_block > h3.maintitle`` link, a forum ``h4`` link in a
  cell of the category's table (``td.col_c_forum`` in 3.4.8; a cell without a class on a real
  3.1 index, cadxp.com's), sub-forums ``ol.subforums``; a redirect forum's row is
  ``tr.redirect_forum`` (its link counts a hit and sends the visitor to another address, its
  last-post cell the hits: "294 Hits" on customsforge.com's real 3.4 index): a link out, no board.
"""

from __future__ import annotations

import re

from lxml import etree
from parsel import Selector

from scraper.engines.base import ThreadRow
from scraper.engines.fragments import first, number, text_of
from scraper.engines.invision import urls
from scraper.engines.invision.posts import has_class
from scraper.engines.invision.wording import PINNED

ROWS = f"//tr[{has_class('__topic')}][@data-tid]"
_CATEGORY_TITLE = f"h3//a[@href][not({has_class('toggle')})]"
_ROW_LINK = f"//div[{has_class('category_block')}]//table//td//h4//a[@href][not({has_class('ipsBadge')})]"
_REDIRECT = f"ancestor::tr[{has_class('redirect_forum')}]"
FORUM_LINKS = (f"//div[{has_class('category_block')}]/{_CATEGORY_TITLE} | {_ROW_LINK}[not({_REDIRECT})]"
               f" | //ol[{has_class('subforums')}]//a[@href]")
LINKS_OUT = f"{_ROW_LINK}[{_REDIRECT}]"
_COMMENTS = re.compile(r"UserComments:(\d+)")
_LEADING_NUMBER = re.compile(r"[\d,.\s\u00a0]+")


def placement(anchor: etree._Element) -> tuple[str | None, int | None] | None:
    """A board link's category (the ``div.category_block`` it is in, named by its ``h3`` link;
    none for that link itself) and, for a sub-forum in a row's ``ol.subforums``, the row's forum
    (its ``h4`` link), as customsforge.com's real 3.4 index prints them
    (tests/fixtures/invision-3-index); None for a link in no 3.x category block."""
    block = first(anchor, f"ancestor::div[{has_class('category_block')}][1]")
    if block is None:
        return None
    title = first(block, f"./{_CATEGORY_TITLE}")
    category = (text_of(title) or None) if title is not None and title is not anchor else None
    forum = first(anchor, f"ancestor::ol[{has_class('subforums')}]/ancestor::tr[1]//h4//a[@href]")
    return category, _forum_id(forum) if forum is not None else None


def _forum_id(link: etree._Element) -> int | None:
    """The forum a 3.x board link names (``/forum/N-slug/``, ``showforum=N``)."""
    ref = urls.classify(link.get("href") or "")
    return ref.forum_id if ref is not None else None


def pagination(page: Selector) -> tuple[int, int] | None:
    """(current page, page count) from the pager; None when the page has none of 3.x's."""
    active = page.xpath(f"//li[{has_class('page')}][{has_class('active')}]")
    total = page.xpath("//script/text()").re_first(r"totalPages:\s*(\d+)")
    if not active and total is None:
        return None
    current = (number(text_of(active[0].root)) or 1) if active else 1
    return current, int(total) if total else 1


def page_jump_size(page: Selector) -> int | None:
    """Items a page, as the pager's page-jump script states them; None without a pager."""
    return number(page.xpath("//script/text()").re_first(r"registerPageJump\([^{]*\{[^}]*perPage:\s*(\d+)"))


def _row(row: etree._Element) -> ThreadRow | None:
    link = first(row, f".//a[{has_class('topic_title')}]")
    row_id = number(row.get("data-tid"))
    if link is None or row_id is None:
        return None
    starter = first(row, f".//span[{has_class('desc')}]//a[@hovercard-ref]")
    comments = _COMMENTS.search(" ".join(row.xpath(".//meta[@itemprop='interactionCount']/@content")))
    views = _LEADING_NUMBER.match(text_of(first(row, f".//li[{has_class('views')}]")))
    last = row.xpath(f".//ul[{has_class('last_post')}]/li")
    return ThreadRow(
        thread_id=row_id, title=text_of(link), author=text_of(starter) or None,
        replies=int(comments.group(1)) if comments else None, views=number(views.group(0)) if views else None,
        sticky=any(PINNED.search(text_of(badge)) for badge in row.xpath(f".//span[{has_class('ipsBadge_green')}]")),
        url=link.get("href"), last_poster=(text_of(last[0]) or None) if last else None,
        last_post_text=(text_of(last[1]) or None) if len(last) > 1 else None)


def rows(root: etree._Element) -> list[ThreadRow]:
    return [row for row in map(_row, root.xpath(ROWS)) if row is not None]
