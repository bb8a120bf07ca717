"""Which page answers which URL, independent of HTTP plumbing.

Missing threads and forums get the engine's HTTP 200 message page, as Discuz does; page
numbers past the end show the last page (Discuz clamps them); unknown paths are 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from forum_harvest.sample_forum.access import forbidden_message
from forum_harvest.sample_forum.archiver import ROBOTS, archiver_forum, archiver_index, archiver_thread
from forum_harvest.sample_forum.layout import View, message_page, portal_page
from forum_harvest.sample_forum.listing import forum_page, index_page
from forum_harvest.sample_forum.model import POSTS_PER_PAGE, THREADS_PER_PAGE
from forum_harvest.sample_forum.thread_page import thread_page

NO_THREAD = "抱歉，指定的主题不存在或已被删除或正在被审核"
NO_FORUM = "抱歉，指定的版块不存在"
LOGIN_NEEDED = "您需要先登录才能继续本操作"
MEMBER_SCRIPTS = {"/home.php", "/member.php", "/search.php", "/misc.php"}


@dataclass
class Response:
    status: int
    body: str
    content_type: str = "text/html"
    headers: dict[str, str] = field(default_factory=dict)


def _number(params: dict[str, list[str]], name: str) -> int | None:
    value = params.get(name, [""])[0]
    return int(value) if value.isdigit() else None


def _page(params: dict[str, list[str]], total: int) -> int:
    return min(max(_number(params, "page") or 1, 1), max(total, 1))


def respond(view: View, target: str) -> Response:
    """The response to a request for ``target`` (path and query, as in the request line)."""
    parts = urlsplit(target)
    path = parts.path
    params = parse_qs(parts.query.replace("&amp;", "&"))
    if path in ("/", "/forum.php", "/index.php"):
        return _forum_php(view, params)
    if path in ("/archiver/", "/archiver/index.php"):
        return _archiver(view, parts.query, params)
    if path == "/portal.php":
        return Response(200, portal_page(view))
    if path == "/robots.txt":
        return Response(200, ROBOTS, "text/plain")
    if path in MEMBER_SCRIPTS:
        return Response(200, message_page(view, LOGIN_NEEDED))
    return Response(404, "<html><body><h1>404 Not Found</h1></body></html>")


def _forum_php(view: View, params: dict[str, list[str]]) -> Response:
    site = view.forum
    mod = params.get("mod", [""])[0]
    if mod == "":
        gid = _number(params, "gid")
        if gid is None:
            return Response(200, index_page(view))
        category = site.category(gid)
        return Response(200, index_page(view, category) if category else message_page(view, NO_FORUM))
    if mod == "forumdisplay":
        forum = site.forum(_number(params, "fid") or 0)
        if forum is None:
            return Response(200, message_page(view, NO_FORUM))
        if forum.members_only:
            return Response(200, message_page(view, LOGIN_NEEDED))
        return Response(200, forum_page(view, forum, _page(params, site.forum_page_count(forum.forum_id))))
    if mod == "viewthread":
        thread = site.thread(_number(params, "tid") or 0)
        if thread is None:
            return Response(200, message_page(view, NO_THREAD))
        if not thread.readable:
            return Response(200, message_page(view, forbidden_message(thread)))
        return Response(200, thread_page(view, thread, _page(params, thread.page_count)))
    if mod == "redirect":
        return _redirect(view, params)
    return Response(200, message_page(view, LOGIN_NEEDED))


def _redirect(view: View, params: dict[str, list[str]]) -> Response:
    """``goto=findpost`` and ``goto=lastpost``: 302 to the page holding the post."""
    site = view.forum
    thread = site.thread(_number(params, "ptid") or _number(params, "tid") or 0)
    if thread is None:
        return Response(200, message_page(view, NO_THREAD))
    posts = site.thread_posts(thread.thread_id)
    pid = _number(params, "pid")
    post = next((p for p in posts if p.post_id == pid), posts[-1])
    page = (post.floor - 1) // POSTS_PER_PAGE + 1
    location = (f"{view.base_url}forum.php?mod=viewthread&tid={thread.thread_id}&page={page}#pid{post.post_id}")
    return Response(302, "", headers={"Location": location})


def _archiver(view: View, query: str, params: dict[str, list[str]]) -> Response:
    site = view.forum
    first = query.split("&", 1)[0]
    kind, _, rest = first.partition("-")
    number = rest.removesuffix(".html")
    if not first:
        return Response(200, archiver_index(view))
    if kind == "tid" and number.isdigit() and (thread := site.thread(int(number))):
        if not thread.readable:
            return Response(200, message_page(view, forbidden_message(thread)))
        return Response(200, archiver_thread(view, thread, _page(params, thread.page_count)))
    if kind == "fid" and number.isdigit() and (forum := site.forum(int(number))):
        if forum.members_only:
            return Response(200, message_page(view, LOGIN_NEEDED))
        threads = len(site.forum_threads(forum.forum_id))
        total = max(1, -(-threads // THREADS_PER_PAGE))
        return Response(200, archiver_forum(view, forum, _page(params, total), total))
    return Response(200, message_page(view, NO_THREAD if kind == "tid" else NO_FORUM))
