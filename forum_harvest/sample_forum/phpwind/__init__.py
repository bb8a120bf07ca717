"""The sample forum as phpwind 9.1 (default theme, no URL rewriting) prints it: which page
answers which URL, in the UTF-8 edition or the GBK one (``View.charset``).

Routes (9.x's front controller, ``index.php?m=bbs&c=…&a=…``, ``m`` bbs by default): the home
page at the root, ``index.php`` and ``index.php?m=bbs``; ``index.php?m=bbs&c=forumlist``;
``index.php?c=cate&fid=N`` (a category's boards); ``index.php?c=thread&fid=N[&page=K]``;
``read.php?tid=N[&fid=M][&page=K]`` and ``index.php?c=read&tid=N…`` (``page=e``: the last
page; past the end: the last page); ``index.php?c=read&a=jump&pid=N`` (a 302 to the post's
page, ``#read_N``); ``index.php?m=bbs&c=attach&a=download&aid=N`` (a guest may download no
file: ``AttachController::downloadAction``'s "download.fail.login.not"); ``robots.txt`` as 9.x
ships it. A missing thread or board, a closed thread and a board guests may not visit are
``showError``'s message page with HTTP 200, in the words of ``src/i18n/zh_cn/bbs/forum.lang``
(a guest's download and a missing attachment in those of ``message.lang`` and ``bbs/thread.lang``).

``respond_8`` prints 8.7's board index, thread lists and thread pages (``lists8``, ``read8``).

The GBK edition declares ``<meta charset="GBK" />`` (and the server ``charset=gbk``); a
character GBK cannot hold is written ``&#N;``, as a GBK page's form sends it and phpwind keeps it.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from forum_harvest.sample_forum.engine_pages import Query, list_pages, listed_forums, query_number, thread_pages
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.media import attachment_by_aid
from forum_harvest.sample_forum.model import Thread
from forum_harvest.sample_forum.phpwind import lists8, read8
from forum_harvest.sample_forum.phpwind.chrome import message_page, read_url
from forum_harvest.sample_forum.phpwind.lists import THREADS_PER_PAGE, board_list, home, thread_list
from forum_harvest.sample_forum.phpwind.posts import POSTS_PER_PAGE, thread_page
from forum_harvest.sample_forum.routes import Response, file_response

NO_THREAD = "该帖子不存在或已被删除"
NO_FORUM = "您访问的版块不存在"
CLOSED = "该帖子已被关闭"
NO_VISIT = "您所在的用户组 (游客) 没有访问该版块的权限"
GUEST_DOWNLOAD = "游客无法下载，请登录后操作"
NO_ATTACHMENT = "附件不存在"
# 8.7's template/wind/lang_msg.php: illegal_tid, read_locked, forum_read_right, data_error,
# download_not_login (a guest's download: actions/job/download.php, guests' allowdownload 0),
# job_attach_error.
NO_THREAD_8 = "帖子ID非法"
CLOSED_8 = "此帖被管理员关闭，暂时不能浏览"
NO_VISIT_8 = "对不起,本版块只有特定会员才能浏览帖子！"
NO_FORUM_8 = "读取数据错误,原因：您要访问的链接无效,可能链接不完整,或数据已被删除！"
GUEST_DOWNLOAD_8 = ('<span class="tips">您还没有登录或注册，暂时不能使用此功能，请您 <a href="login.php#breadCrumb"'
                    ' class="s4">登录</a>, 或者 <a href="register.php" class="s4">注册</a> 成为会员</span>')
NO_ATTACHMENT_8 = "附件不存在"
ROBOTS = """User-agent: *
Disallow: /aCloud/
Disallow: /conf/
Disallow: /data/
Disallow: /pay/
Disallow: /res/
Disallow: /src/
Disallow: /template/
Disallow: /themes/
Disallow: /wind/
"""


def _page(query: Query, last: int) -> int:
    """``page=e`` is the last page; past the end, the last page too."""
    if query.get("page", [""])[0] == "e":
        return last
    return min(max(query_number(query, "page") or 1, 1), last)


def _read(view: View, query: Query) -> Response:
    thread = view.forum.thread(query_number(query, "tid") or 0)
    if thread is None:
        return Response(200, message_page(view, NO_THREAD))
    if view.forum.forum(thread.forum_id) not in listed_forums(view.forum):
        return Response(200, message_page(view, NO_VISIT))
    if not thread.readable:
        return Response(200, message_page(view, CLOSED))
    last = thread_pages(view.forum, thread.thread_id, POSTS_PER_PAGE)
    return Response(200, thread_page(view, thread, _page(query, last)))


def _jump(view: View, query: Query) -> Response:
    """``bbs/read/jump``: to the page holding reply ``pid``."""
    post = next((p for p in view.forum.posts if p.post_id == query_number(query, "pid") and p.floor > 1), None)
    thread: Thread | None = view.forum.thread(post.thread_id) if post else None
    if post is None or thread is None:
        return Response(200, message_page(view, NO_THREAD))
    page = (post.floor - 1) // POSTS_PER_PAGE + 1
    location = read_url(view, thread.thread_id, thread.forum_id, page)
    return Response(302, "", headers={"Location": f"{location}#read_{post.post_id}"})


def _thread_list(view: View, query: Query) -> Response:
    forum = view.forum.forum(query_number(query, "fid") or 0)
    if forum is None:
        return Response(200, message_page(view, NO_FORUM))
    if forum not in listed_forums(view.forum):
        return Response(200, message_page(view, NO_VISIT))
    last = list_pages(view.forum, forum.forum_id, THREADS_PER_PAGE, stickies_paged=True)
    return Response(200, thread_list(view, forum, _page(query, last)))


def _category(view: View, query: Query) -> Response:
    category = view.forum.category(query_number(query, "fid") or 0)
    if category is None:
        return Response(200, message_page(view, NO_FORUM))
    return Response(200, board_list(view, [category]))


def _download(view: View, query: Query) -> Response:
    known = attachment_by_aid(view.forum, query_number(query, "aid")) is not None
    return Response(200, message_page(view, GUEST_DOWNLOAD if known else NO_ATTACHMENT))


def _front_controller(view: View, query: Query) -> Response:
    module, controller, action = (query.get(key, [""])[0] for key in ("m", "c", "a"))
    if module not in ("", "bbs"):
        return Response(404, "<h1>Not Found</h1>")
    if controller == "read":
        return _jump(view, query) if action == "jump" else _read(view, query)
    answers = {"": lambda: Response(200, home(view)), "index": lambda: Response(200, home(view)),
               "forumlist": lambda: Response(200, board_list(view, view.forum.categories)),
               "cate": lambda: _category(view, query), "thread": lambda: _thread_list(view, query),
               "attach": lambda: _download(view, query) if action == "download" else Response(404, "<h1>Not Found</h1>")}
    answer = answers.get(controller)
    return answer() if answer else Response(404, "<h1>Not Found</h1>")


def _read_8(view: View, query: Query) -> Response:
    thread = view.forum.thread(query_number(query, "tid") or 0)
    if thread is None:
        return Response(200, read8.message_page(view, NO_THREAD_8))
    if view.forum.forum(thread.forum_id) not in listed_forums(view.forum):
        return Response(200, read8.message_page(view, NO_VISIT_8))
    if not thread.readable:
        return Response(200, read8.message_page(view, CLOSED_8))
    last = thread_pages(view.forum, thread.thread_id, read8.POSTS_PER_PAGE)
    return Response(200, read8.thread_page(view, thread, _page(query, last)))


def _thread_list_8(view: View, query: Query) -> Response:
    forum = view.forum.forum(query_number(query, "fid") or 0)
    if forum is None or forum not in listed_forums(view.forum):
        return Response(200, read8.message_page(view, NO_VISIT_8 if forum else NO_FORUM_8))
    last = list_pages(view.forum, forum.forum_id, lists8.THREADS_PER_PAGE, stickies_paged=True)
    return Response(200, lists8.thread_list(view, forum, _page(query, last)))


def _job_8(view: View, query: Query) -> Response:
    """``job.php?action=download&aid=N``: a guest may download no file."""
    if query.get("action", [""])[0] != "download":
        return Response(404, "<h1>Not Found</h1>")
    known = attachment_by_aid(view.forum, query_number(query, "aid")) is not None
    return Response(200, read8.message_page(view, GUEST_DOWNLOAD_8 if known else NO_ATTACHMENT_8))


def respond_8(view: View, target: str) -> Response:
    """phpwind 8.7: the board index at the root and ``index.php``, ``thread.php?fid=N&page=K``
    (``lists8``), ``read.php?tid=N&page=K`` (``read8``), ``job.php?action=download&aid=N``, the
    uploaded files; a missing or closed thread, a hidden board and a guest's download
    ``Showmsg``'s page with HTTP 200; any other target a bare 404."""
    if file := file_response(view, target):
        return file
    parts = urlsplit(target)
    query = parse_qs(parts.query)
    scripts = {"/read.php": lambda: _read_8(view, query), "/thread.php": lambda: _thread_list_8(view, query),
               "/job.php": lambda: _job_8(view, query),
               "/": lambda: Response(200, lists8.index(view)), "/index.php": lambda: Response(200, lists8.index(view))}
    answer = scripts.get(parts.path)
    response = answer() if answer else Response(404, "<h1>Not Found</h1>")
    if view.charset.lower() == "gbk":
        response.body = _gbk_safe(response.body)
    return response


def _gbk_safe(html: str) -> str:
    """What GBK cannot hold, as ``&#N;``."""
    return "".join(ch if ord(ch) < 128 or _in_gbk(ch) else f"&#{ord(ch)};" for ch in html)


def _in_gbk(ch: str) -> bool:
    try:
        ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def respond(view: View, target: str) -> Response:
    """The response to a request for ``target`` (path and query, as in the request line)."""
    if file := file_response(view, target):
        return file
    parts = urlsplit(target)
    query = parse_qs(parts.query)
    if parts.path == "/robots.txt":
        return Response(200, ROBOTS, "text/plain")
    if parts.path == "/read.php":
        response = _read(view, query)
    elif parts.path in ("/", "/index.php"):
        response = _front_controller(view, query)
    else:
        return Response(404, "<h1>Not Found</h1>")
    if view.charset.lower() == "gbk":
        response.body = _gbk_safe(response.body)
    return response


__all__ = ["POSTS_PER_PAGE", "THREADS_PER_PAGE", "respond"]
