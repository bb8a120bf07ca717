"""Which page answers which URL, independent of HTTP plumbing and of the skin.

Both URL families are answered whatever the skin: X's ``forum.php?mod=…`` and 6.x/7.x's
``index.php``, ``forumdisplay.php?fid=``, ``viewthread.php?tid=``, ``redirect.php``; the
skin decides which ones its pages link to. Missing threads and forums get the engine's HTTP
200 message page, as Discuz does; page numbers past the end show the last page (Discuz
clamps them); unknown paths are 404.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, quote, urlsplit

from forum_harvest.sample_forum.access import forbidden_message
from forum_harvest.sample_forum.archiver import ROBOTS
from forum_harvest.sample_forum.lang import ZH_CN
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.media import media_file
from forum_harvest.sample_forum.model import POSTS_PER_PAGE
from forum_harvest.sample_forum.skins import Skin, skin_of

NO_THREAD = ZH_CN.no_thread
NO_FORUM = ZH_CN.no_forum
LOGIN_NEEDED = ZH_CN.login_needed
# Scripts a guest gets the "log in first" message from; 6.x/7.x's attachment.php among them (a
# guest's link to a file other than a picture, answered as X answers mod=attachment).
MEMBER_SCRIPTS = {"/home.php", "/member.php", "/search.php", "/misc.php", "/space.php", "/logging.php", "/my.php",
                  "/pm.php", "/register.php", "/attachment.php"}
SCRIPT_MODS = {"/forumdisplay.php": "forumdisplay", "/viewthread.php": "viewthread", "/redirect.php": "redirect"}
_ARCHIVER_PART = re.compile(r"(tid|fid|page)-(\d+)")


@dataclass
class Response:
    status: int
    body: str
    content_type: str = "text/html"
    headers: dict[str, str] = field(default_factory=dict)
    charset: str | None = None  # the skin's own, whatever the site's (touch pages are UTF-8)
    data: bytes | None = None  # a file's bytes, sent as they are (sample_forum.media)


def _number(params: dict[str, list[str]], name: str) -> int | None:
    value = params.get(name, [""])[0]
    return int(value) if value.isdigit() else None


def _page(params: dict[str, list[str]], total: int) -> int:
    return min(max(_number(params, "page") or 1, 1), max(total, 1))


def respond(view: View, target: str) -> Response:
    """The response to a request for ``target`` (path and query, as in the request line)."""
    params = parse_qs(urlsplit(target).query.replace("&amp;", "&"))
    skin = skin_of(view.look, mobile=params.get("mobile", [""])[0] == "2")
    if skin.charset:
        view = replace(view, charset=skin.charset)
    response = _respond(view, skin, target)
    response.charset = skin.charset
    return response


def file_response(view: View, target: str) -> Response | None:
    """The file ``target`` names (a picture, an attachment's path or download link), in any
    engine's URL form (``media.media_file``); None when it names none a guest may have."""
    if file := media_file(view.forum, target):
        data, content_type, name = file
        return Response(200, "", content_type, {"Content-Disposition": f'attachment; filename="{quote(name)}"'},
                        data=data)
    return None


def _respond(view: View, skin: Skin, target: str) -> Response:
    if file := file_response(view, target):
        return file
    parts = urlsplit(target)
    path = parts.path
    params = parse_qs(parts.query.replace("&amp;", "&"))
    if path in ("/", "/forum.php", "/index.php") or path in SCRIPT_MODS:
        mod = SCRIPT_MODS.get(path) or params.get("mod", [""])[0]
        return _forum_php(view, skin, mod, params)
    if path in ("/archiver/", "/archiver/index.php"):
        return _archiver(view, skin, parts.query, params)
    if path == "/portal.php":
        return Response(200, skin.portal(view))
    if path == "/robots.txt":
        return Response(200, ROBOTS, "text/plain")
    if path in MEMBER_SCRIPTS:
        return Response(200, skin.message(view, view.words.login_needed))
    return Response(404, "<html><body><h1>404 Not Found</h1></body></html>")


def _forum_php(view: View, skin: Skin, mod: str, params: dict[str, list[str]]) -> Response:
    site, words = view.forum, view.words
    if mod == "":
        gid = _number(params, "gid")
        if gid is None:
            return Response(200, skin.index(view, None))
        category = site.category(gid)
        return Response(200, skin.index(view, category) if category else skin.message(view, words.no_forum))
    if mod == "forumdisplay":
        forum = site.forum(_number(params, "fid") or 0)
        if forum is None:
            return Response(200, skin.message(view, words.no_forum))
        if forum.members_only:
            return Response(200, skin.message(view, words.login_needed))
        return Response(200, skin.forum(view, forum, _page(params, site.forum_page_count(forum.forum_id))))
    if mod == "viewthread":
        thread = site.thread(_number(params, "tid") or 0)
        if thread is None:
            return Response(200, skin.message(view, words.no_thread))
        if not thread.readable:
            return Response(200, skin.message(view, forbidden_message(thread, words)))
        return Response(200, skin.thread(view, thread, _page(params, thread.page_count)))
    if mod == "redirect":
        return _redirect(view, skin, params)
    return Response(200, skin.message(view, words.login_needed))


def _redirect(view: View, skin: Skin, params: dict[str, list[str]]) -> Response:
    """``goto=findpost`` and ``goto=lastpost``: 302 to the page holding the post."""
    site = view.forum
    thread = site.thread(_number(params, "ptid") or _number(params, "tid") or 0)
    if thread is None:
        return Response(200, skin.message(view, view.words.no_thread))
    posts = site.thread_posts(thread.thread_id)
    pid = _number(params, "pid")
    post = next((p for p in posts if p.post_id == pid), posts[-1])
    page = (post.floor - 1) // POSTS_PER_PAGE + 1
    location = view.base_url + skin.thread_link.format(tid=thread.thread_id, page=page) + f"#pid{post.post_id}"
    return Response(302, "", headers={"Location": location})


def _archiver(view: View, skin: Skin, query: str, params: dict[str, list[str]]) -> Response:
    """``?tid-T.html&page=P`` (X) and ``?tid-T-page-P.html`` (6.x/7.x)."""
    site, words = view.forum, view.words
    first = query.split("&", 1)[0].removesuffix(".html")
    if not first:
        return Response(200, skin.archiver_index(view))
    found = dict(_ARCHIVER_PART.findall(first))
    page = max(int(found.get("page", 0)) or _number(params, "page") or 1, 1)
    if "tid" in found and (thread := site.thread(int(found["tid"]))):
        if not thread.readable:
            return Response(200, skin.message(view, forbidden_message(thread, words)))
        return Response(200, skin.archiver_thread(view, thread, page))
    if "fid" in found and (forum := site.forum(int(found["fid"]))):
        if forum.members_only:
            return Response(200, skin.message(view, words.login_needed))
        return Response(200, skin.archiver_forum(view, forum, page))
    return Response(200, skin.message(view, words.no_thread if first.startswith("tid") else words.no_forum))
