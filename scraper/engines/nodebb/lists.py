"""NodeBB's category list and topic lists as base.py's views, from their answers (the API's
JSON or the same object inside the HTML page).

- the index (``/api/categories``, and the home page, which is the category list unless the
  admin chose another: ``src/controllers/categories.js``) is ``categories``, each with
  ``cid``, ``name``, ``slug`` (``ID/slug``), ``parentCid`` and its ``children`` (the same,
  nested); a category that only links elsewhere has ``link``;
- a category (``/api/category/ID?page=M``, ``src/controllers/category.js``) is ``topics``, each
  with ``tid``, ``titleRaw``, ``postcount`` (posts: the replies are one less), ``viewcount``,
  ``pinned``, ``slug``, ``lastposttimeISO`` and ``teaser`` (the last post: ``pid``,
  ``user.username``; 3.x sends none for a topic without replies), its sub-categories in ``children``, and ``pagination``
  (``currentPage``, ``pageCount``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scraper.engines.base import ForumLink, Pagination, ThreadRow
from scraper.engines.json_answers import number
from scraper.engines.nodebb import urls
from scraper.engines.nodebb.pages import pages_of, why_not_read
from scraper.engines.nodebb.payload import answer, fields, text
from scraper.engines.views import ForumPageView, IndexPageView


def _last_post(topic: dict[str, Any], author: str | None) -> tuple[str | None, int | None]:
    """(poster, post id) of a topic's last post: its ``teaser``; 3.x sends none for a topic
    without replies, whose last post is its first."""
    teaser = fields(topic.get("teaser"))
    if not teaser and number(topic.get("postcount")) == 1:
        return author, number(topic.get("mainPid"))
    return fields(teaser.get("user")).get("username") or None, number(teaser.get("pid"))


def _row(topic: dict[str, Any]) -> ThreadRow | None:
    topic_id, posts = number(topic.get("tid")), number(topic.get("postcount"))
    if topic_id is None:
        return None
    author = fields(topic.get("user")).get("username") or None
    last_poster, last_post_id = _last_post(topic, author)
    return ThreadRow(thread_id=topic_id, title=topic.get("titleRaw") or text(topic.get("title")) or "",
                     author=author, replies=posts - 1 if posts else None, views=number(topic.get("viewcount")),
                     sticky=bool(topic.get("pinned")), url=f"topic/{topic.get('slug') or topic_id}",
                     last_post_text=None, last_poster=last_poster,
                     last_post_attr=topic.get("lastposttimeISO") or None, last_post_id=last_post_id)


def _forums(categories: Any, root: str, parent: int | None) -> Iterator[ForumLink]:
    """Each category and, after it, its sub-categories, in the order the answer lists them."""
    for category in categories if isinstance(categories, list) else []:
        category_id = number(category.get("cid")) if isinstance(category, dict) else None
        if category_id is None or category.get("link"):
            continue
        yield ForumLink(forum_id=category_id, name=text(category.get("name")) or "",
                        url=f"{root}category/{category.get('slug') or category_id}", parent_forum_id=parent)
        yield from _forums(category.get("children"), root, category_id)


def forum_page(response: Any) -> ForumPageView:
    ref = urls.classify(response.url)
    found = answer(response)
    if found is None or not isinstance(found.get("topics"), list) or number(found.get("cid")) is None:
        message, kind = why_not_read(response, found)
        return ForumPageView(forum_id=ref.forum_id if ref else None, name=None, subforums=[], threads=[],
                             pagination=Pagination(), page_count=1, message=message or "not a NodeBB category",
                             message_kind=kind or "message", ref=ref)
    forum_id = number(found.get("cid"))
    page, count = pages_of(found, ref.page if ref else 1)
    threads = [row for row in map(_row, map(fields, found["topics"])) if row is not None]
    return ForumPageView(forum_id=forum_id, name=text(found.get("name")),
                         subforums=list(_forums(found.get("children"), urls.site_root(response.url), forum_id)),
                         threads=threads, pagination=Pagination(page_count=count, current=page), page_count=count,
                         page_timezone="UTC", ref=ref)


def index_page(response: Any) -> IndexPageView:
    root = urls.site_root(response.url)
    found = answer(response)
    if found is None or not isinstance(found.get("categories"), list):
        return IndexPageView(site_root=root, site_name=None, message=why_not_read(response, found)[0])
    return IndexPageView(site_root=root, site_name=None, forums=list(_forums(found["categories"], root, None)))
