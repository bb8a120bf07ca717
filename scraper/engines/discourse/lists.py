"""Discourse's topic lists and category list as base.py's views, from their JSON.

- a topic list (TopicListSerializer: ``/latest.json``, ``/c/slug/ID/l/latest.json?page=M``)
  is ``topic_list.topics``, each with ``id``, ``title``, ``posts_count`` (replies are one
  less: Discourse's own ``reply_count`` counts posts replying to a post), ``views``,
  ``pinned``, ``last_posted_at`` (ISO) and ``last_poster_username``; a further page is
  announced by ``topic_list.more_topics_url``, never a page count;
- the category list (``/categories.json``, CategoryListSerializer) is
  ``category_list.categories``, each ``id``, ``name``, ``slug`` and, for a parent, its
  ``subcategory_ids``.
An HTML page is read as the crawler view (``crawler_lists``).
"""

from __future__ import annotations

from typing import Any

from scraper.engines.base import ForumLink, Pagination, ThreadRow
from scraper.engines.discourse import crawler_lists, urls
from scraper.engines.json_answers import json_of, number
from scraper.engines.views import ForumPageView, IndexPageView


def _row(topic: dict[str, Any]) -> ThreadRow | None:
    topic_id, posts = number(topic.get("id")), number(topic.get("posts_count"))
    if topic_id is None:
        return None
    return ThreadRow(thread_id=topic_id, title=topic.get("title") or "", replies=posts - 1 if posts else None,
                     views=number(topic.get("views")), sticky=bool(topic.get("pinned")),
                     url=f"t/{topic.get('slug') or 'topic'}/{topic_id}", last_post_text=None,
                     last_poster=topic.get("last_poster_username") or None,
                     last_post_attr=topic.get("last_posted_at") or None)


def forum_page(response: Any) -> ForumPageView:
    ref = urls.classify(response.url)
    answer = json_of(response)
    if answer is None and (crawled := crawler_lists.forum_page(response)) is not None:
        return crawled
    listing = (answer or {}).get("topic_list")
    page = ref.page if ref else 1
    if not isinstance(listing, dict):
        return ForumPageView(forum_id=None, name=None, subforums=[], threads=[], pagination=Pagination(),
                             page_count=1, message="not a Discourse topic list", message_kind="message")
    count = page + 1 if listing.get("more_topics_url") else page  # one more while Discourse announces one
    threads = [row for row in map(_row, listing.get("topics") or []) if row is not None]
    return ForumPageView(forum_id=ref.forum_id if ref else None, name=None, subforums=[], threads=threads,
                         pagination=Pagination(page_count=count, current=page), page_count=count,
                         page_timezone="UTC")


def _forum(category: dict[str, Any], root: str, parents: dict[int, int]) -> ForumLink | None:
    category_id = number(category.get("id"))
    if category_id is None:
        return None
    return ForumLink(forum_id=category_id, name=category.get("name") or "",
                     url=f"{root}c/{category.get('slug') or 'category'}/{category_id}",
                     parent_forum_id=parents.get(category_id))


def index_page(response: Any) -> IndexPageView:
    answer = json_of(response)
    if answer is None:
        return crawler_lists.index_page(response)
    root = urls.site_root(response.url)
    listing = answer.get("category_list")
    categories = [c for c in (listing or {}).get("categories") or [] if isinstance(c, dict)]
    parents = {child: category["id"] for category in categories for child in category.get("subcategory_ids") or []}
    forums = [forum for forum in (_forum(c, root, parents) for c in categories) if forum is not None]
    return IndexPageView(site_root=root, site_name=None, forums=forums)
