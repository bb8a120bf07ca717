"""The sample forum as Discourse's JSON API answers a guest, in the field names and nesting of
the answers sites really served (tests/fixtures/discourse: ``t-57.json``, ``t-2144-posts.json``)
and of the serializers (``TopicViewSerializer``, ``PostSerializer``, ``TopicListSerializer``,
``CategoryListSerializer``):

- ``/t/ID.json?page=M``: the topic's fields, ``post_stream.posts`` (the page's 20) and
  ``post_stream.stream`` (every visible post id, in order); a post's ``post_number``,
  ``username``, ``created_at``, ``updated_at`` (the last edit), ``version`` (2 once edited),
  ``cooked``;
- ``/c/slug/ID/l/latest.json?page=K`` (K from 0): ``topic_list.topics``, ``more_topics_url``
  only while the page is full;
- ``/categories.json``: ``category_list.categories``, top-level ones, a parent's children as
  ``subcategory_ids``;
- errors: ``{"errors": […], "error_type": …}`` with 403 or 404, as ``Discourse::InvalidAccess``
  and ``Discourse::NotFound`` answer.
"""

from __future__ import annotations

import json
from typing import Any

from forum_harvest.sample_forum.discourse import site as d
from forum_harvest.sample_forum.discourse.cooked import cooked
from forum_harvest.sample_forum.engine_pages import listed_forums
from forum_harvest.sample_forum.model import Forum, Post, SampleForum, Thread
from forum_harvest.sample_forum.routes import Response

JSON_TYPE = "application/json"
NOT_FOUND = ("not_found", "The requested URL or resource could not be found.")
INVALID_ACCESS = ("invalid_access", "You are not permitted to view the requested resource.")


def answer(value: dict[str, Any], status: int = 200) -> Response:
    return Response(status, json.dumps(value, ensure_ascii=False), JSON_TYPE)


def error(status: int, kind: tuple[str, str]) -> Response:
    return answer({"errors": [kind[1]], "error_type": kind[0]}, status)


def _post(site: SampleForum, post: Post, base: str) -> dict[str, Any]:
    user = site.users[post.author]
    return {
        "id": post.post_id, "name": user.name, "username": user.name,
        "avatar_template": f"/letter_avatar_proxy/v4/letter/{user.uid % 10}/{{size}}.png",
        "created_at": d.iso(post.posted_at), "cooked": cooked(site, post, base), "post_number": post.post_number,
        "post_type": 1, "updated_at": d.iso(d.last_edit(post)), "reply_count": 0,
        "reply_to_post_number": None, "quote_count": 1 if post.quote else 0, "incoming_link_count": 0,
        "reads": 1, "score": 0, "yours": False, "topic_id": post.thread_id, "topic_slug": d.TOPIC_SLUG,
        "display_username": user.name, "version": 2 if post.edit else 1, "can_edit": False,
        "can_delete": False, "can_recover": False, "user_title": None, "moderator": False, "admin": False,
        "staff": False, "user_id": user.uid, "hidden": False, "trust_level": 1, "deleted_at": None,
        "user_deleted": False, "edit_reason": None, "can_view_edit_history": True, "wiki": False,
    }


def topic(site: SampleForum, thread: Thread, page: int, base: str) -> Response:
    """``/t/ID.json?page=M``; a page past the end is 404 (``site.page_exists``)."""
    posts = site.thread_posts(thread.thread_id)
    if not d.page_exists(site, thread.thread_id, page):
        return error(404, NOT_FOUND)
    first, last = posts[0], posts[-1]
    return answer({
        "post_stream": {"posts": [_post(site, p, base) for p in d.page_posts(site, thread.thread_id, page)],
                        "stream": [p.post_id for p in posts]},
        "id": thread.thread_id, "title": thread.title, "fancy_title": thread.title, "posts_count": len(posts),
        "created_at": d.iso(first.posted_at), "views": thread.views, "reply_count": 0, "like_count": 0,
        "last_posted_at": d.iso(last.posted_at), "visible": True, "closed": False, "archived": False,
        "has_summary": False, "archetype": "regular", "slug": d.TOPIC_SLUG, "category_id": thread.forum_id,
        "word_count": sum(len(p.body) for p in posts), "deleted_at": None, "user_id": site.users[first.author].uid,
        "pinned": thread.sticky, "pinned_globally": False, "highest_post_number": max(p.post_number for p in posts),
        "chunk_size": d.POSTS_PER_PAGE, "deleted_by": None,
        "details": {"created_by": {"username": first.author}, "last_poster": {"username": last.author},
                    "can_create_post": False},
    })


def _listed(site: SampleForum, thread: Thread) -> dict[str, Any]:
    posts = site.thread_posts(thread.thread_id)
    return {
        "id": thread.thread_id, "title": thread.title, "fancy_title": thread.title, "slug": d.TOPIC_SLUG,
        "posts_count": len(posts), "reply_count": 0, "highest_post_number": max(p.post_number for p in posts),
        "image_url": None, "created_at": d.iso(posts[0].posted_at), "last_posted_at": d.iso(posts[-1].posted_at),
        "bumped": True, "bumped_at": d.iso(posts[-1].posted_at), "archetype": "regular", "unseen": False,
        "pinned": thread.sticky, "unpinned": None, "visible": True, "closed": False, "archived": False,
        "bookmarked": None, "liked": None, "views": thread.views, "like_count": 0, "has_summary": False,
        "last_poster_username": posts[-1].author, "category_id": thread.forum_id, "pinned_globally": False,
        "featured_link": None,
        "posters": [{"extras": "latest single", "description": "Original Poster, Most Recent Poster",
                     "user_id": site.users[posts[0].author].uid, "primary_group_id": None}],
    }


def topic_list(site: SampleForum, topics: list[Thread], page: int, more_url: str) -> Response:
    """A topic list's page ``page`` (from 1); ``more_url``: the next page's URL, sent only when
    this one is full."""
    shown = topics[(page - 1) * d.TOPICS_PER_PAGE:page * d.TOPICS_PER_PAGE]
    listing: dict[str, Any] = {"can_create_topic": False, "per_page": d.TOPICS_PER_PAGE, "top_tags": [],
                               "topics": [_listed(site, t) for t in shown]}
    if len(shown) == d.TOPICS_PER_PAGE:
        listing["more_topics_url"] = more_url
    users = sorted({site.last_post(t).author for t in shown} | {t.author for t in shown})
    return answer({"users": [{"id": site.users[name].uid, "username": name, "name": name} for name in users],
                   "primary_groups": [], "topic_list": listing})


def _category(site: SampleForum, forum: Forum) -> dict[str, Any]:
    children = site.subforums(forum.forum_id)
    topics = d.listed_topics(site, forum)
    return {
        "id": forum.forum_id, "name": forum.name, "color": "0088CC", "text_color": "FFFFFF",
        "slug": d.category_slug(forum), "topic_count": len(topics),
        "post_count": sum(len(site.thread_posts(t.thread_id)) for t in topics), "position": forum.forum_id,
        "description": forum.description, "description_text": forum.description,
        "description_excerpt": forum.description, "topic_url": None, "read_restricted": False, "permission": None,
        "has_children": bool(children), "show_subcategory_list": False, "num_featured_topics": 3,
        "default_view": None, "subcategory_list_style": "rows_with_featured_topics",
        "subcategory_ids": [f.forum_id for f in children if f in listed_forums(site)],
        "uploaded_logo": None, "uploaded_background": None,
    }


def categories(site: SampleForum) -> Response:
    top = [f for f in listed_forums(site) if f.parent_forum_id is None]
    return answer({"category_list": {"can_create_category": False, "can_create_topic": False,
                                     "categories": [_category(site, f) for f in top]}})
