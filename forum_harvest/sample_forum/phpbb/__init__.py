"""The sample forum as phpBB 3.3 with prosilver prints it: which page answers which URL.

Routes: the board index at the root (``/``, ``/index.php``), ``viewforum.php?f=N[&start=K]``,
``viewtopic.php?t=N[&start=K]`` and ``viewtopic.php?p=N`` (the page holding post N, anchored
``#pN`` by its links); ``start`` is an offset in topics or posts, and one past the end is
answered with the last page (``pagination::validate_start``); a link forum's ``viewforum.php``
answers a 302 to its link. A missing topic, forum or post is
the "does not exist" message page with HTTP 404; a topic guests may not read, and a forum
guests may not view, the login box (``login_box``) with HTTP 200. ``download/file.php?id=N``
answers a picture's bytes (``routes.file_response``); another attached file, which guests may
not download, is ``SORRY_AUTH_VIEW_ATTACH``'s message with HTTP 403, and an id no attachment
has ``ERROR_NO_ATTACHMENT``'s with HTTP 404, as 3.3's ``phpbb_download_handle_forum_auth`` and
``download/file.php`` send them. No ``robots.txt``: phpBB ships none.
"""

from __future__ import annotations

from forum_harvest.sample_forum.engine_pages import (Query, by_script, link_redirect, listed_forums, query_number,
                                                    valid_start)
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.media import attachment_by_aid
from forum_harvest.sample_forum.phpbb.chrome import login_page, message_page
from forum_harvest.sample_forum.phpbb.lists import TOPICS_PER_PAGE, forum_page, index, topics_per_page
from forum_harvest.sample_forum.phpbb.posts import POSTS_PER_PAGE, posts_per_page, topic_page
from forum_harvest.sample_forum.routes import Response


def _topic(view: View, query: Query) -> Response:
    site = view.forum
    start = query_number(query, "start") or 0
    post_id = query_number(query, "p")
    if post_id is not None:
        post = next((p for p in site.posts if p.post_id == post_id), None)
        if post is None or site.thread(post.thread_id) is None:
            return Response(404, message_page(view, "The requested post does not exist."))
        thread = site.thread(post.thread_id)
        start = site.thread_posts(thread.thread_id).index(post)
    else:
        thread = site.thread(query_number(query, "t") or 0)
    if thread is None:
        return Response(404, message_page(view, "The requested topic does not exist."))
    if not thread.readable:
        return Response(200, login_page(view, f"./viewtopic.php?t={thread.thread_id}"))
    start = valid_start(start, posts_per_page(view), len(site.thread_posts(thread.thread_id)))
    return Response(200, topic_page(view, thread, start))


def _forum(view: View, query: Query) -> Response:
    forum_id = query_number(query, "f")
    if redirect := link_redirect(view.forum, forum_id):
        return redirect
    forum = view.forum.forum(forum_id or 0)
    if forum is None:
        return Response(404, message_page(view, "The requested forum does not exist."))
    if forum not in listed_forums(view.forum):
        return Response(200, login_page(view, f"./viewforum.php?f={forum_id}"))
    start = valid_start(query_number(query, "start") or 0, topics_per_page(view),
                        len(view.forum.forum_threads(forum.forum_id)))
    return Response(200, forum_page(view, forum, start))


def _download(view: View, query: Query) -> Response:
    if attachment_by_aid(view.forum, query_number(query, "id")) is None:
        return Response(404, message_page(view, "The selected attachment does not exist anymore."))
    return Response(403, message_page(view, "You are not authorised to download this attachment."))


def respond(view: View, target: str) -> Response:
    """The response to a request for ``target`` (path and query, as in the request line)."""
    return by_script(view, target, index, {"/viewtopic.php": _topic, "/viewforum.php": _forum,
                                           "/download/file.php": _download})


__all__ = ["POSTS_PER_PAGE", "TOPICS_PER_PAGE", "respond"]
