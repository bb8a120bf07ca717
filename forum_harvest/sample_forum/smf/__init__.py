"""The sample forum as SMF 2.1 (default theme, plain URLs) prints it: which page answers which URL.

Everything goes through ``index.php``, its query split on ``;`` as well as ``&``
(``QueryString.php``'s ``cleanRequest``). Routes: the board index at the root and ``index.php``;
``index.php?board=N.M`` and ``index.php?topic=N.M`` (M: the offset of the page's first topic or
message, rounded down to a page, one past the end answered with the last page as
``constructPageIndex`` does); ``topic=N.msgK`` (the page holding message K);
``index.php?msg=K`` (a 302 to ``topic=N.msgK#msgK``); a redirect board's ``board=N`` a 302 to its
address; ``action=dlattach;attach=N`` (a file's
bytes). As SMF 2.1.4 answers a guest (``Load.php``, ``ShowAttachments.php``): a topic or board
that does not exist or that guests may not see is the login form with HTTP 200 (a guest cannot
tell the two apart); a message that does not exist the fatal error ``topic_gone`` with HTTP 403;
any attachment's download link its bytes (guests who see attachments may download them), an
id no attachment has ``404 File Not Found`` as plain text. No
``robots.txt``: SMF ships none.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from forum_harvest.sample_forum.engine_pages import link_redirect, listed_forums, valid_start
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.media import attachment_by_aid, attachment_bytes, content_type, download_aid
from forum_harvest.sample_forum.routes import Response, file_response
from forum_harvest.sample_forum.smf.chrome import TOPIC_GONE, fatal_error_page, login_page
from forum_harvest.sample_forum.smf.lists import (MESSAGES_PER_PAGE, TOPICS_PER_PAGE, board_page, index,
                                                  messages_per_page, topics_per_page)
from forum_harvest.sample_forum.smf.posts import topic_page

_ITEM = re.compile(r"(?P<id>\d+)(?:\.(?P<start>\w+))?")


def _parameters(query: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for piece in re.split(r"[;&]", query.replace("&amp;", "&")):
        key, _, value = piece.partition("=")
        found.setdefault(key, value)
    return found


def _topic(view: View, item: str) -> Response:
    site = view.forum
    found = _ITEM.fullmatch(item)
    thread = site.thread(int(found["id"])) if found else None
    if thread is None or not thread.readable:
        return Response(200, login_page(view))
    posts = site.thread_posts(thread.thread_id)
    start = found["start"] or "0"
    if start.startswith("msg"):
        ids = [p.post_id for p in posts]
        start = str(ids.index(int(start[3:])) if start[3:].isdigit() and int(start[3:]) in ids else 0)
    offset = valid_start(int(start) if start.isdigit() else 0, messages_per_page(view), len(posts))
    return Response(200, topic_page(view, thread, offset))


def _board(view: View, item: str) -> Response:
    found = _ITEM.fullmatch(item)
    if found and (redirect := link_redirect(view.forum, int(found["id"]))):
        return redirect
    forum = view.forum.forum(int(found["id"])) if found else None
    if forum is None or forum not in listed_forums(view.forum):
        return Response(200, login_page(view))
    start = found["start"] or "0"
    offset = valid_start(int(start) if start.isdigit() else 0, topics_per_page(view),
                         len(view.forum.forum_threads(forum.forum_id)))
    return Response(200, board_page(view, forum, offset))


def _message(view: View, message_id: str) -> Response:
    post = next((p for p in view.forum.posts if str(p.post_id) == message_id), None)
    thread = view.forum.thread(post.thread_id) if post else None
    if thread is None or not thread.readable:
        return Response(403, fatal_error_page(view, TOPIC_GONE))
    location = f"{view.base_url}index.php?topic={thread.thread_id}.msg{post.post_id}#msg{post.post_id}"
    return Response(302, "", headers={"Location": location})


def _download(view: View, query: str) -> Response:
    """Any attachment's bytes: SMF lists a message's attachments only to those who may
    download them (``view_attachments`` is one permission for every file of a board), so a
    guest who sees the link gets the file, a picture or not. An id no attachment has is SMF's
    ``404 File Not Found``."""
    attachment = attachment_by_aid(view.forum, download_aid("/index.php", query))
    if attachment is None:
        return Response(404, "404 File Not Found", "text/plain")
    return Response(200, "", content_type(attachment.filename),
                    {"Content-Disposition": f'attachment; filename="{quote(attachment.filename)}"'},
                    data=attachment_bytes(attachment))


def respond(view: View, target: str) -> Response:
    """The response to a request for ``target`` (path and query, as in the request line)."""
    parts = urlsplit(target)
    if parts.path not in ("/", "/index.php"):
        return file_response(view, target) or Response(404, "<h1>Not Found</h1>")
    params = _parameters(parts.query)
    if params.get("action") == "dlattach":
        return _download(view, parts.query)
    if "topic" in params:
        return _topic(view, params["topic"])
    if "board" in params:
        return _board(view, params["board"])
    if "msg" in params:
        return _message(view, params["msg"])
    return Response(200, index(view))


__all__ = ["MESSAGES_PER_PAGE", "TOPICS_PER_PAGE", "respond"]
