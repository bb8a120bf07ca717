"""The sample forum as NodeBB's read API answers a spider, in the field names and nesting of the
answers a real NodeBB 4.11.2 served (tests/fixtures/nodebb-4.11: ``api-categories.json``,
``api-category-5-page1.json``, ``api-topic-2-page1.json``, the 403 and 404 answers), the
fields the readers do not use left out:

- ``/api/categories``: ``categories``, each with its ``children`` nested;
- ``/api/category/ID?page=M``: the category's fields, ``children``, ``topics`` (with
  ``teaser``: the last post) and ``pagination``;
- ``/api/topic/ID?page=M``: the topic's fields, ``posts`` (each with ``index``, ``user``,
  ``timestampISO``, ``edited``/``editor``) and ``pagination``;
- errors: ``{"path", "title": "[[global:404.title]]" or "[[global:403.title]]", "bodyClass"}``
  with 404 or 403 (``helpers.notAllowed`` answers a spider 403).
"""

from __future__ import annotations

from html import escape
from typing import Any

from forum_harvest.sample_forum.engine_pages import visible_category
from forum_harvest.sample_forum.model import Forum, Post, SampleForum, Thread
from forum_harvest.sample_forum.nodebb import site as n
from forum_harvest.sample_forum.nodebb.content import content, signature

GUEST = {"loggedIn": False, "relative_path": "", "loggedInUser": {"uid": -1, "username": "[[global:guest]]"}}


def _pagination(page: int, count: int) -> dict[str, Any]:
    return {"prev": {"page": max(1, page - 1), "active": page > 1},
            "next": {"page": min(count, page + 1), "active": page < count},
            "currentPage": page, "pageCount": count}


def _user(site: SampleForum, name: str, with_signature: bool = False) -> dict[str, Any]:
    user = site.users[name]
    fields = {"uid": user.uid, "username": user.name, "userslug": n.slugify(user.name), "displayname": user.name,
              "banned": user.banned, "picture": None}
    return fields | ({"signature": signature(user.signature_html)} if with_signature else {})


def error(path: str, status: int, page: str) -> dict[str, Any]:
    """A 404 or 403 answer for ``path`` (a ``topic`` or ``category`` page)."""
    return {"path": path, "title": f"[[global:{status}.title]]",
            "bodyClass": f"page-{page} page-status-{status} theme-harmony user-guest"} | GUEST


def _category_fields(site: SampleForum, forum: Forum) -> dict[str, Any]:
    topics = n.listed_topics(site, forum)
    return {"cid": forum.forum_id, "name": escape(forum.name), "description": escape(forum.description),
            "slug": n.slug(forum.forum_id, forum.name), "parentCid": forum.parent_forum_id or 0,
            "topic_count": len(topics), "post_count": sum(len(site.thread_posts(t.thread_id)) for t in topics),
            "disabled": 0, "link": "",
            "children": [_category_fields(site, child) for child in site.subforums(forum.forum_id)
                         if visible_category(site, child.forum_id)]}


def categories(site: SampleForum) -> dict[str, Any]:
    top = [f for f in site.forums if f.parent_forum_id is None and visible_category(site, f.forum_id)]
    return {"title": "[[pages:categories]]", "categories": [_category_fields(site, f) for f in top],
            "pagination": _pagination(1, 1), "template": {"name": "categories", "categories": True},
            "url": "/categories", "bodyClass": "page-categories theme-harmony user-guest"} | GUEST


def _teaser(site: SampleForum, post: Post, index: int) -> dict[str, Any]:
    return {"pid": post.post_id, "uid": site.users[post.author].uid, "tid": post.thread_id,
            "timestamp": n.ms(post.posted_at), "timestampISO": n.iso(post.posted_at),
            "user": _user(site, post.author), "index": index}


def _topic_fields(site: SampleForum, thread: Thread) -> dict[str, Any]:
    posts = site.thread_posts(thread.thread_id)
    first, last = posts[0], posts[-1]
    return {"tid": thread.thread_id, "uid": site.users[thread.author].uid, "cid": thread.forum_id,
            "mainPid": first.post_id, "title": escape(thread.title), "titleRaw": thread.title,
            "slug": n.slug(thread.thread_id, thread.title), "timestamp": n.ms(first.posted_at),
            "timestampISO": n.iso(first.posted_at), "lastposttime": n.ms(last.posted_at),
            "lastposttimeISO": n.iso(last.posted_at), "postcount": len(posts), "viewcount": thread.views,
            "deleted": 0, "locked": 0, "pinned": int(thread.sticky), "teaserPid": last.post_id}


def category(site: SampleForum, forum: Forum, page: int) -> dict[str, Any] | None:
    """A category's page ``page``; None past its last page (NodeBB answers 404)."""
    topics = n.listed_topics(site, forum)
    count = n.page_count(len(topics), n.TOPICS_PER_PAGE)
    if not 1 <= page <= count:
        return None
    shown = topics[(page - 1) * n.TOPICS_PER_PAGE:page * n.TOPICS_PER_PAGE]
    rows = [_topic_fields(site, t) | {"user": _user(site, t.author),
                                      "teaser": _teaser(site, site.last_post(t), len(site.thread_posts(t.thread_id)))}
            for t in shown]
    return _category_fields(site, forum) | {
        "topics": rows, "pagination": _pagination(page, count), "template": {"name": "category", "category": True},
        "url": f"/category/{n.slug(forum.forum_id, forum.name)}",
        "bodyClass": f"page-category page-category-{forum.forum_id} theme-harmony user-guest"} | GUEST


def _post(site: SampleForum, post: Post, index: int, base: str) -> dict[str, Any]:
    edit = post.edit
    return {"pid": post.post_id, "uid": site.users[post.author].uid, "tid": post.thread_id,
            "content": content(site, post, base), "timestamp": n.ms(post.posted_at),
            "timestampISO": n.iso(post.posted_at), "deleted": 0, "index": index,
            "edited": n.ms(edit.edited_at) if edit else 0, "editedISO": n.iso(edit.edited_at) if edit else "",
            "editor": _user(site, edit.editor) if edit else None, "user": _user(site, post.author, True)}


def topic(site: SampleForum, thread: Thread, page: int, base: str) -> dict[str, Any] | None:
    """A topic's page ``page``; None past its last page (NodeBB answers 404)."""
    posts = site.thread_posts(thread.thread_id)
    count = n.page_count(len(posts), n.POSTS_PER_PAGE)
    if not 1 <= page <= count:
        return None
    first = (page - 1) * n.POSTS_PER_PAGE
    shown = [_post(site, post, first + place, base) for place, post in enumerate(posts[first:first + n.POSTS_PER_PAGE])]
    return _topic_fields(site, thread) | {
        "posts": shown, "pagination": _pagination(page, count), "template": {"name": "topic", "topic": True},
        "url": f"/topic/{n.slug(thread.thread_id, thread.title)}",
        "bodyClass": f"page-topic page-topic-{thread.thread_id} theme-harmony user-guest"} | GUEST
