"""The sample forum as vBulletin 4.2 prints it: which page answers which URL.

Routes (friendly URLs off): the forum home at ``/``, ``index.php`` and ``forum.php``;
``forumdisplay.php?f=N&page=M`` (a category's number lists its forums);
``showthread.php?t=N&page=M``; ``showthread.php?p=P`` shows the page holding post P. Page
numbers past the end show the last page. A missing thread or forum, and a thread guests may
not read, get vBulletin's message page (HTTP 200, ``div.standard_error``), as does
``attachment.php?attachmentid=N`` of a file other than a picture (guests may not download it).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from forum_harvest.sample_forum.engine_pages import list_pages, thread_pages
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.routes import Response, file_response
from forum_harvest.sample_forum.vbulletin.chrome import message_page
from forum_harvest.sample_forum.vbulletin.lists import THREADS_PER_PAGE, category_page, forum_home, forum_page, listed_forums
from forum_harvest.sample_forum.vbulletin.thread import POSTS_PER_PAGE, thread_page

ROBOTS = "User-agent: *\nDisallow: /admincp/\nDisallow: /modcp/\nDisallow: /private.php\n"
INVALID_THREAD = "Invalid Thread specified. If you followed a valid link, please notify the administrator"
INVALID_FORUM = "Invalid Forum specified. If you followed a valid link, please notify the administrator"
NO_PERMISSION = ("You are not logged in or you do not have permission to access this page. This could be due to"
                 " one of several reasons:")


def _number(params: dict[str, list[str]], name: str) -> int:
    value = params.get(name, [""])[0]
    return int(value) if value.isdigit() else 0


def _thread(view: View, params: dict[str, list[str]]) -> Response:
    site = view.forum
    post = next((p for p in site.posts if p.post_id == _number(params, "p")), None)
    thread = site.thread(post.thread_id if post else _number(params, "t"))
    if thread is None:
        return Response(200, message_page(view, INVALID_THREAD))
    if not thread.readable:
        return Response(200, message_page(view, NO_PERMISSION))
    page = max(_number(params, "page"), 1)
    if post is not None:
        page = site.thread_posts(thread.thread_id).index(post) // POSTS_PER_PAGE + 1
    return Response(200, thread_page(view, thread, min(page, thread_pages(view.forum, thread.thread_id, POSTS_PER_PAGE))))


def _forum(view: View, params: dict[str, list[str]]) -> Response:
    number = _number(params, "f")
    if category := view.forum.category(number):
        return Response(200, category_page(view, category))
    forum = next((f for f in listed_forums(view.forum) if f.forum_id == number), None)
    if forum is None:
        return Response(200, message_page(view, INVALID_FORUM))
    page = min(max(_number(params, "page"), 1), list_pages(view.forum, number, THREADS_PER_PAGE))
    return Response(200, forum_page(view, forum, page))


def respond(view: View, target: str) -> Response:
    """The response to a request for ``target`` (path and query, as in the request line)."""
    parts = urlsplit(target)
    params = parse_qs(parts.query.replace("&amp;", "&"))
    if file := file_response(view, target):
        return file
    if parts.path == "/attachment.php":  # a file guests may not download
        return Response(200, message_page(view, NO_PERMISSION))
    if parts.path == "/robots.txt":
        return Response(200, ROBOTS, content_type="text/plain")
    if parts.path in ("/", "/index.php", "/forum.php"):
        return Response(200, forum_home(view))
    if parts.path == "/showthread.php":
        return _thread(view, params)
    if parts.path == "/forumdisplay.php":
        return _forum(view, params)
    return Response(404, message_page(view, "Page not found"))


__all__ = ["POSTS_PER_PAGE", "THREADS_PER_PAGE", "respond"]
