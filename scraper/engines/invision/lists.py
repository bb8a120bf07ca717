"""Invision Community's board index and topic lists (4.x; 3.x's in ``lists3.py``).

Template facts (``forums/front/index/index`` and ``forumRow``, ``forums/front/forums/
topicRow``; see docs/engines/invision.md): a forum is ``li.cForumRow[data-forumid]`` with its
link in ``h4.ipsDataItem_title``, its sub-forums in ``ul.ipsDataItem_subList``, a category
``li[data-categoryid] > h2.cForumTitle``. A topic row is ``li.ipsDataItem[data-rowid]``: the
title link in ``h4.ipsDataItem_title``, "By X" in ``div.ipsDataItem_meta``, the counts in
``ul.ipsDataItem_stats > li`` (``span.ipsDataItem_stats_number`` and the word "replies" or
"views" in ``span.ipsDataItem_stats_type``; large counts are shortened, "1.2k": not a number,
so None), the last post in ``ul.ipsDataItem_lastPoster`` (a ``time[datetime]``), a pinned
topic's badge the ``fa-thumb-tack`` icon.

5.x (``forums/front/forums/topicRow``, ``forums/front/index/forumRow`` and ``index`` of 5.0.0): a topic row is ``li.ipsData__item[data-rowid]``, its title link in ``div.ipsData__title >
h4`` (an unread-marker link and a mini pager may stand beside it), the starter's link in
``div.ipsData__meta``, the counts in ``ul.ipsData__stats > li[data-stattype]`` (``forums_comments``:
the replies, ``num_views``) whose ``span.ipsData__stats-label`` reads "52 replies" (shortened as
4.x's), the last post in ``div.ipsData__last`` (the poster in ``.ipsData__last-primary``, a
``time[datetime]`` in ``.ipsData__last-secondary``), a pinned topic's badge
``span.ipsBadge--pinned`` (``fa-thumbtack``). A forum is ``li.ipsData__item[data-forumid]`` with
its link in ``div.ipsData__title > h3``, sub-forums in ``ul.ipsSubList``; a category is still
``li[data-categoryid] > h2``.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from scraper.engines.base import ForumLink, Pagination, ThreadRow
from scraper.engines.fragments import first, forum_links, number, page_tree, text_of
from scraper.engines.invision import lists3, urls
from scraper.engines.invision.pages import TITLE, body_id, message, pagination
from scraper.engines.invision.posts import shown_text
from scraper.engines.site_facts import SiteFacts
from scraper.engines.views import ForumPageView, IndexPageView

# A 4.x redirect forum's row (``forumRow`` with ``$forum->redirect_on``): the
# ``cForumIcon_redirect`` status icon when it has no icon of its own, "(N visits to this link)"
# after its title (nsaneforums.com's; silverfoxy/JSCryptoMinerStudy@afccd315 pagesource/).
_REDIRECT_ICON = "./*[contains(@class, 'ipsDataItem_icon')]//*[contains(@class, 'cForumIcon_redirect')]"
_ROW_TITLE = "//*[contains(@class, 'ipsDataItem_title')]//a[@href]"
_LINKS_OUT = f"//li[@data-forumid][{_REDIRECT_ICON}]{_ROW_TITLE} | {lists3.LINKS_OUT}"
_FORUM_LINKS = (f"//li[@data-forumid][not({_REDIRECT_ICON})]{_ROW_TITLE}"
                " | //ul[contains(@class, 'ipsDataItem_subList')]//a[@href]"
                " | //li[@data-forumid]//*[contains(@class, 'ipsData__title')]/h3//a[@href]"
                " | //ul[contains(@class, 'ipsSubList')]//a[@href]"
                " | //li[@data-categoryid]/h2//a[@href] | " + lists3.FORUM_LINKS)


# 5.x's row parts (``topicRow``): the title's ``h4``, the starter's line, the last post.
_TITLE_5 = ".//*[contains(@class, 'ipsData__title')]/h4//a[@href]"
_STAT_5 = {"repl": "forums_comments", "view": "num_views"}


def _count(row: etree._Element, word: str) -> int | None:
    stat = first(row, f".//ul[contains(@class, 'ipsData__stats')]/li[@data-stattype='{_STAT_5[word]}']")
    if stat is not None:
        label = text_of(first(stat, ".//*[contains(@class, 'ipsData__stats-label')]")).split(" ")
        return number(label[0]) if label and label[0] else None
    stats = row.xpath(".//ul[contains(@class, 'ipsDataItem_stats')]/li")
    for stat in stats:
        if word in text_of(first(stat, ".//*[contains(@class, 'ipsDataItem_stats_type')]")).lower():
            return number(text_of(first(stat, ".//*[contains(@class, 'ipsDataItem_stats_number')]")))
    return None


def _row(row: etree._Element) -> ThreadRow | None:
    link = next((anchor for anchor in row.xpath(f".//*[contains(@class, 'ipsDataItem_title')]//a[@href] | {_TITLE_5}")
                 if (ref := urls.classify(anchor.get("href"))) and ref.thread_id), None)
    row_id = number(row.get("data-rowid"))
    if link is None or row_id is None:
        return None
    author = first(row, ".//div[contains(@class, 'ipsDataItem_meta') or contains(@class, 'ipsData__meta')]"
                        "//a[contains(@href, '/profile/')]")
    last = first(row, ".//ul[contains(@class, 'ipsDataItem_lastPoster')] | .//div[contains(@class, 'ipsData__last')]")
    latest = first(last, ".//time") if last is not None else None
    # the poster's name, not the photo linked before it (5.x's ``userPhoto`` is a link too)
    poster = first(last, ".//a[contains(@href, '/profile/')][normalize-space()]") if last is not None else None
    return ThreadRow(
        thread_id=row_id, title=text_of(link), author=text_of(author) or None,
        replies=_count(row, "repl"), views=_count(row, "view"),
        sticky=bool(row.xpath(".//i[contains(@class, 'fa-thumb-tack') or contains(@class, 'fa-thumbtack')]"
                              " | .//*[contains(@class, 'ipsBadge--pinned')]")), url=link.get("href"),
        last_post_text=shown_text(latest) or None, last_poster=text_of(poster) or None,
        last_post_attr=latest.get("datetime") if latest is not None else None)


# A forum's category (4.x/5.x ``li[data-categoryid]``, named by its ``h2`` link beside a "#"
# toggle) and, for a sub-forum linked in its forum's row (``ul.ipsDataItem_subList``, 5.x
# ``ul.ipsSubList``), that forum (the row's ``data-forumid``): as a real 4.x index prints them
# (tests/fixtures/invision-4-index).
_CATEGORY = "ancestor::li[@data-categoryid][1]/h2//a[@href != '#']"
_SUB_LIST = "ancestor::ul[contains(@class, 'ipsDataItem_subList') or contains(@class, 'ipsSubList')]"


def _placement(anchor: etree._Element) -> tuple[str | None, int | None]:
    """4.x/5.x's rows above; 3.x's category blocks and tables: ``lists3.placement``."""
    if (placed := lists3.placement(anchor)) is not None:
        return placed
    category = first(anchor, _CATEGORY)
    parent = first(anchor, f"{_SUB_LIST}/ancestor::li[@data-forumid][1]")
    return ((text_of(category) or None) if category is not None and category is not anchor else None,
            number(parent.get("data-forumid")) if parent is not None else None)


def _forums(root: etree._Element) -> list[ForumLink]:
    return forum_links(root.xpath(_FORUM_LINKS), urls.classify, _placement)


def forum_page(response: Any, facts: SiteFacts | None = None) -> ForumPageView:
    """``facts``: the crawl's, which a 3.x list adds its page size to."""
    page = page_tree(response)
    facts = facts or SiteFacts()
    current, total, _ = pagination(page)
    ref = urls.classify(response.url, facts)
    rows = [row for row in map(_row, page.root.xpath("//li[contains(@class, 'ipsDataItem')][@data-rowid]"
                                                      " | //li[contains(@class, 'ipsData__item')][@data-rowid]"))
            if row is not None]
    if not rows and (rows := lists3.rows(page.root)):
        current, total = lists3.pagination(page) or (current, total)
        urls.learn_page_size(response.url, "forum", lists3.page_jump_size(page), facts)
    said, kind = (None, None) if rows else message(page)
    return ForumPageView(
        forum_id=body_id(page, "forums") or (ref.forum_id if ref else None),
        name=text_of(first(page.root, TITLE)) or None, subforums=_forums(page.root), threads=rows,
        pagination=Pagination(page_count=total, current=current), page_count=total,
        message=said, message_kind=kind, ref=ref)


def _board_index(page: Any, site: str) -> str | None:
    """A 4.x page of another app (``body[data-pageapp]``: ``cms`` on lime-technology.com's front
    page, a Pages page) names no board: the forums app's top level it links is the board index."""
    app = page.xpath("//body/@data-pageapp").get()
    return urls.forums_app_url(site, page.xpath("//a/@href").getall()) if app and app != "forums" else None


def index_page(response: Any) -> IndexPageView:
    page = page_tree(response)
    name = page.xpath("//meta[@property='og:site_name']/@content").get() or page.xpath("//title/text()").get("")
    site = urls.site_root(response.url)
    forums = _forums(page.root)
    return IndexPageView(site_root=site, site_name=name.strip() or None, forums=forums,
                         links_out=forum_links(page.root.xpath(_LINKS_OUT), urls.classify, _placement),
                         board_index=None if forums else _board_index(page, site))
