"""The sample forum as MyBB 1.8 (default theme, plain URLs) prints it: which page answers which URL.

Routes: the board index at the root (``/``, ``/index.php``), ``forumdisplay.php?fid=N[&page=M]``,
``showthread.php?tid=N[&page=M]`` and ``showthread.php?pid=P`` (the page holding post P,
anchored ``#pidP`` by its links). A page past the end answers the last page, as MyBB does. A
link forum's ``forumdisplay.php?fid=N`` answers ``302 Location:`` its link, as MyBB's does. A
missing thread or forum is the ``error`` page ("The specified thread does not exist."), a
thread or forum guests may not see ``error_nopermission`` with its login form, both with HTTP
200 as MyBB sends them. ``attachment.php?aid=N`` answers a picture's bytes
(``routes.file_response``); another attached file, which guests may not download
(``candlattachments``), is ``error_no_permission()``'s page, an aid no attachment has the
``error`` page "The specified attachment does not exist." (1.8's ``attachment.php``).
"""

from __future__ import annotations

from forum_harvest.sample_forum.engine_pages import (Query, by_script, link_redirect, list_pages, listed_forums,
                                                    query_number, thread_pages)
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.media import attachment_by_aid
from forum_harvest.sample_forum.mybb.chrome import error_page, no_permission_page
from forum_harvest.sample_forum.mybb.lists import THREADS_PER_PAGE, forum_page, index
from forum_harvest.sample_forum.mybb.posts import POSTS_PER_PAGE, thread_page
from forum_harvest.sample_forum.routes import Response


def _thread(view: View, query: Query) -> Response:
    site = view.forum
    page = max(query_number(query, "page") or 1, 1)
    post_id = query_number(query, "pid")
    post = next((p for p in site.posts if p.post_id == post_id), None) if post_id is not None else None
    thread = site.thread(post.thread_id if post else query_number(query, "tid") or 0)
    if thread is None or (post_id is not None and post is None):
        return Response(200, error_page(view, "The specified thread does not exist."))
    if not thread.readable:
        return Response(200, no_permission_page(view))
    if post is not None:
        page = site.thread_posts(thread.thread_id).index(post) // POSTS_PER_PAGE + 1
    page = min(page, thread_pages(site, thread.thread_id, POSTS_PER_PAGE))
    return Response(200, thread_page(view, thread, page))


def _forum(view: View, query: Query) -> Response:
    fid = query_number(query, "fid") or 0
    if redirect := link_redirect(view.forum, fid):
        return redirect
    forum = view.forum.forum(fid)
    if forum is None:
        return Response(200, error_page(view, "Invalid forum"))
    if forum not in listed_forums(view.forum):
        return Response(200, no_permission_page(view))
    last = list_pages(view.forum, forum.forum_id, THREADS_PER_PAGE, stickies_paged=True)
    return Response(200, forum_page(view, forum, min(max(query_number(query, "page") or 1, 1), last)))


def _attachment(view: View, query: Query) -> Response:
    if attachment_by_aid(view.forum, query_number(query, "aid")) is None:
        return Response(200, error_page(view, "The specified attachment does not exist."))
    return Response(200, no_permission_page(view))


def respond(view: View, target: str) -> Response:
    """The response to a request for ``target`` (path and query, as in the request line)."""
    return by_script(view, target, index, {"/showthread.php": _thread, "/forumdisplay.php": _forum,
                                           "/attachment.php": _attachment})


__all__ = ["POSTS_PER_PAGE", "THREADS_PER_PAGE", "respond"]
