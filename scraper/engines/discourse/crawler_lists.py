"""The HTML topic and category lists Discourse serves crawlers, read when a site refuses its
JSON API (or a crawl starts from the HTML of a list).

- a topic list (``app/views/list/list.erb``: ``/latest``, ``/c/slug/ID``,
  ``/c/slug/ID/l/latest?page=K``) is ``table.topic-list`` of ``tr.topic-list-item``: the
  title link ``a.raw-topic-link`` (``/t/slug/ID``), ``span.posts`` (posts − 1: the replies),
  ``span.views``; the last column is the last post's date only (``I18n.l … date_only``), not
  read. A category page heads the list with ``h1`` links (its parent, itself) and, on its
  first page, links to its sub-categories. A further page is announced by ``a[rel=next]``
  (sent only while the page is full), never a page count;
- the category list (``app/views/categories/index.html.erb``: ``/categories``) is
  ``table.category-list`` with one ``td.category h3 a`` per top-level category.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from scraper.engines.base import ForumLink, Pagination, ThreadRow
from scraper.engines.discourse import urls
from scraper.engines.fragments import first, forum_links, number, page_tree, text_of
from scraper.engines.views import ForumPageView, IndexPageView

_ROWS = "//table[contains(@class, 'topic-list')]//tr[contains(@class, 'topic-list-item')]"
_TITLE_LINK = ".//a[contains(concat(' ', normalize-space(@class), ' '), ' raw-topic-link ')]"
# Sub-category links: the category's own links outside its heading and the topic list.
_SUBCATEGORY_LINKS = "//a[@href][not(ancestor::h1)][not(ancestor::table)][not(ancestor::head)]"


def _row(node: etree._Element) -> ThreadRow | None:
    link = first(node, _TITLE_LINK)
    ref = urls.classify(link.get("href") or "") if link is not None else None
    if ref is None or ref.thread_id is None:
        return None
    return ThreadRow(thread_id=ref.thread_id, title=text_of(link), url=link.get("href"),
                     replies=number(text_of(first(node, ".//span[contains(@class, 'posts')]"))),
                     views=number(text_of(first(node, ".//span[contains(@class, 'views')]"))))


def forum_page(response: Any) -> ForumPageView | None:
    """A topic list's crawler view, None when the page has no topic list."""
    page = page_tree(response)
    if not page.root.xpath("//table[contains(@class, 'topic-list')]"):
        return None
    ref = urls.classify(response.url)
    forum_id = ref.forum_id if ref else None
    heading = [link for link in page.root.xpath("//h1//a[@href]") if _forum_id(link) == forum_id]
    subforums = [ForumLink(link.forum_id, link.name, link.url, parent_forum_id=forum_id)
                 for link in forum_links(page.root.xpath(_SUBCATEGORY_LINKS), urls.classify)
                 if forum_id is not None and link.forum_id != forum_id]
    current = ref.page if ref else 1
    count = current + 1 if page.xpath("//a[@rel='next'] | //link[@rel='next']") else current
    return ForumPageView(forum_id=forum_id, name=text_of(heading[0]) or None if heading else None,
                         subforums=subforums, threads=[row for row in map(_row, page.root.xpath(_ROWS)) if row],
                         pagination=Pagination(page_count=count, current=current), page_count=count,
                         page_timezone="UTC")


def _forum_id(link: etree._Element) -> int | None:
    ref = urls.classify(link.get("href") or "")
    return ref.forum_id if ref and ref.kind == "forum" else None


def index_page(response: Any) -> IndexPageView:
    """The category list's crawler view (no category on any other page: a topic list is not an index)."""
    page = page_tree(response)
    anchors = page.root.xpath("//table[contains(@class, 'category-list')]//td[contains(@class, 'category')]//h3//a")
    return IndexPageView(site_root=urls.site_root(response.url), site_name=None,
                         forums=forum_links(anchors, urls.classify))
