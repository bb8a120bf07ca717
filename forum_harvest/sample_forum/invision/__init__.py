"""The sample forum as Invision Community 4.x prints it (friendly URLs, the forums app the
site's default): which page answers which URL.

Routes: the board index at the root (``/``, ``/index.php``), ``forum/N-slug/page/M/`` (a
category's number answers its page of forums), ``topic/N-slug/page/M/`` (any slug: Invision
redirects a wrong one to the right one, the sample answers it as it is),
``topic/N-slug/?do=findComment&comment=P`` (a redirect to the post's page, ``#comment-P``). A
missing topic or forum is the ``error`` page "We could not locate the item you are trying to
view." (404), a topic guests may not read "You do not have permission to view this content."
(403), a page past the end a redirect to the last page. An attachment's
``applications/core/interface/file/attachment.php?id=N`` answers a picture's bytes
(``media``); a file a guest may not download is the ``error`` page with 403, an unknown id
with 404, as 4.x's ``attachment.php`` answers (``error( 'no_module_permission', '2C171/1', 403 )``;
the wording of that language key is not sourced, the sample shows the topic's).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from forum_harvest.sample_forum.engine_pages import link_redirect, list_pages, listed_forums, query_number, thread_pages
from forum_harvest.sample_forum.invision.chrome import error_page, forum_path, topic_path
from forum_harvest.sample_forum.invision.lists import THREADS_PER_PAGE, category_page, forum_page, index
from forum_harvest.sample_forum.invision.posts import POSTS_PER_PAGE, thread_page
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.media import INVISION_ATTACHMENT, attachment_by_aid, download_aid
from forum_harvest.sample_forum.routes import Response, file_response

NOT_FOUND = "We could not locate the item you are trying to view."
NO_PERMISSION = "You do not have permission to view this content."
_ROUTE = re.compile(r"^/(?P<kind>topic|forum)/(?P<id>\d+)-[^/]*/(?:page/(?P<page>\d+)/?)?$")


def _redirect(view: View, path: str) -> Response:
    return Response(301, "", headers={"Location": view.base_url + path})


def _topic(view: View, topic_id: int, page: int, comment: int | None) -> Response:
    site = view.forum
    thread = site.thread(topic_id)
    if thread is None:
        return Response(404, error_page(view, NOT_FOUND))
    if not thread.readable:
        return Response(403, error_page(view, NO_PERMISSION))
    posts = site.thread_posts(topic_id)
    if comment is not None:
        post = next((p for p in posts if p.post_id == comment), None)
        if post is None:
            return Response(404, error_page(view, NOT_FOUND))
        return _redirect(view, topic_path(topic_id, thread.title, posts.index(post) // POSTS_PER_PAGE + 1)
                         + f"#comment-{comment}")
    last = thread_pages(site, topic_id, POSTS_PER_PAGE)
    if page > last:
        return _redirect(view, topic_path(topic_id, thread.title, last))
    return Response(200, thread_page(view, thread, page))


def _forum(view: View, forum_id: int, page: int) -> Response:
    site = view.forum
    if (category := site.category(forum_id)) is not None:
        return Response(200, category_page(view, category))
    if redirect := link_redirect(site, forum_id):
        return redirect
    forum = next((f for f in listed_forums(site) if f.forum_id == forum_id), None)
    if forum is None:
        return Response(404, error_page(view, NOT_FOUND))
    last = list_pages(site, forum_id, THREADS_PER_PAGE, stickies_paged=True)
    if page > last:
        return _redirect(view, forum_path(forum_id, forum.name, last))
    return Response(200, forum_page(view, forum, page))


def respond(view: View, target: str) -> Response:
    """The response to a request for ``target`` (path and query, as in the request line)."""
    if file := file_response(view, target):
        return file
    parts = urlsplit(target)
    path = unquote(parts.path)
    if path in ("/", "/index.php"):
        return Response(200, index(view))
    if path == INVISION_ATTACHMENT:
        known = attachment_by_aid(view.forum, download_aid(path, parts.query)) is not None
        return Response(403, error_page(view, NO_PERMISSION)) if known else Response(404, error_page(view, NOT_FOUND))
    match = _ROUTE.match(path)
    if match is None:
        return Response(404, error_page(view, NOT_FOUND))
    number, page = int(match["id"]), max(int(match["page"] or 1), 1)
    if match["kind"] == "forum":
        return _forum(view, number, page)
    query = parse_qs(parts.query.replace("&amp;", "&"))
    comment = query_number(query, "comment") if query.get("do") == ["findComment"] else None
    return _topic(view, number, page, comment)


__all__ = ["POSTS_PER_PAGE", "THREADS_PER_PAGE", "respond"]
