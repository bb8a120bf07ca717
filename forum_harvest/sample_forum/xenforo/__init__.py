"""The sample forum as XenForo 2.x prints it: which page answers which URL.

Routes (friendly URLs): the node list at the root (``/``, ``/index.php``, ``/forums/``),
``forums/slug.N/page-M``, ``threads/slug.N/page-M`` (a slugless ``threads/N/`` is answered as
well; XenForo itself redirects it to the slugged URL), ``threads/slug.N/post-P`` and
``posts/P/`` (a redirect to the post's page, ``#post-P``), ``threads/slug.N/latest``. A
missing thread or forum is XenForo's 404 error page, a thread guests may not read its 403
page, a page past the end a redirect to the last page. ``attachments/N/`` answers an attached
picture's bytes; another file, which guests may not download, the login page with HTTP 403
("You must be logged-in to do that.", what XenForo's ``noPermission`` shows a guest); an id no
attachment has the 404 error page.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from forum_harvest.sample_forum.engine_pages import list_pages, thread_pages
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.media import XENFORO_ATTACHMENT, attachment_by_aid
from forum_harvest.sample_forum.routes import Response, file_response
from forum_harvest.sample_forum.xenforo.chrome import error_page, forum_path, login_page, thread_path
from forum_harvest.sample_forum.xenforo.lists import THREADS_PER_PAGE, forum_page, index, listed_forums
from forum_harvest.sample_forum.xenforo.thread import POSTS_PER_PAGE, thread_page

ROBOTS = "User-agent: *\nDisallow: /account/\nDisallow: /login/\nDisallow: /search/\n"
NO_PERMISSION = "You do not have permission to view this page or perform this action."
LOGIN_REQUIRED = "You must be logged-in to do that."
_ROUTE = re.compile(r"^/(?P<kind>threads|forums|posts)/(?:[^/]*\.)?(?P<id>\d+)/(?:page-(?P<page>\d+)"
                    r"|post-(?P<post>\d+)|(?P<latest>latest))?/?$")


def _redirect(view: View, path: str, status: int = 303) -> Response:
    return Response(status, "", headers={"Location": view.base_url + path})


def _post(view: View, post_id: int) -> Response:
    post = next((p for p in view.forum.posts if p.post_id == post_id), None)
    thread = view.forum.thread(post.thread_id) if post else None
    if thread is None:
        return Response(404, error_page(view, "The requested post could not be found."))
    index_of = view.forum.thread_posts(thread.thread_id).index(post)
    return _redirect(view, thread_path(thread.thread_id, thread.title, index_of // POSTS_PER_PAGE + 1) + f"#post-{post_id}")


def _thread(view: View, thread_id: int, page: int, match: re.Match) -> Response:
    thread = view.forum.thread(thread_id)
    if thread is None:
        return Response(404, error_page(view, "The requested thread could not be found."))
    if not thread.readable:
        return Response(403, error_page(view, NO_PERMISSION))
    if match["latest"]:
        return _post(view, view.forum.thread_posts(thread_id)[-1].post_id)
    if match["post"]:
        return _post(view, int(match["post"]))
    last = thread_pages(view.forum, thread.thread_id, POSTS_PER_PAGE)
    if page > last:
        return _redirect(view, thread_path(thread_id, thread.title, last))
    return Response(200, thread_page(view, thread, page))


def _forum(view: View, forum_id: int, page: int) -> Response:
    forum = next((f for f in listed_forums(view.forum) if f.forum_id == forum_id), None)
    if forum is None:
        return Response(404, error_page(view, "The requested forum could not be found."))
    last = list_pages(view.forum, forum_id, THREADS_PER_PAGE)
    if page > last:
        return _redirect(view, forum_path(forum_id, forum.name, last))
    return Response(200, forum_page(view, forum, page))


def respond(view: View, target: str) -> Response:
    """The response to a request for ``target`` (path and query, as in the request line)."""
    path = unquote(urlsplit(target).path)
    if file := file_response(view, target):
        return file
    if attachment := XENFORO_ATTACHMENT.match(path):
        if attachment_by_aid(view.forum, int(attachment["aid"])) is None:
            return Response(404, error_page(view, "The requested attachment could not be found."))
        return Response(403, login_page(view, LOGIN_REQUIRED))
    if path == "/robots.txt":
        return Response(200, ROBOTS, content_type="text/plain")
    if path in ("/", "/index.php", "/forums/"):
        return Response(200, index(view))
    match = _ROUTE.match(path)
    if match is None:
        return Response(404, error_page(view, "The requested page could not be found."))
    number, page = int(match["id"]), max(int(match["page"] or 1), 1)
    if match["kind"] == "posts":
        return _post(view, number)
    if match["kind"] == "threads":
        return _thread(view, number, page, match)
    return _forum(view, number, page)


__all__ = ["POSTS_PER_PAGE", "THREADS_PER_PAGE", "respond"]
