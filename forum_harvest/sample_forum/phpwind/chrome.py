"""phpwind 9.1's page chrome as a guest receives it (``template/common/head.htm``,
``header.htm``, ``footer.htm``, ``page.htm``, ``error.htm``; compared with
tests/fixtures/phpwind-9.1): the document with ``<meta charset>`` and the ``GV`` globals, the
breadcrumb (``div.bread_crumb``), the pager (``div.pages``: ``<strong>`` the current page, up to
three pages either side, "1..." and "...N" for the ends), the footer's "Powered by phpwind",
the message page (``li#J_html_error``); the site's URLs as ``WindUrlHelper`` writes them (raw
``&``, absolute) and times as ``Pw::time2str`` prints them in the site's zone (UTC+8)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape
from urllib.parse import quote

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import SITE_TZ, User


def read_url(view: View, thread_id: int, forum_id: int, page: int = 1) -> str:
    """``bbs/read/run``: ``read.php?tid=T&fid=F`` (9.x keeps read.php as its entry)."""
    return f"{view.base_url}read.php?tid={thread_id}&fid={forum_id}" + (f"&page={page}" if page > 1 else "")


def thread_list_url(view: View, forum_id: int, page: int = 1) -> str:
    return f"{view.base_url}index.php?c=thread&fid={forum_id}" + (f"&page={page}" if page > 1 else "")


def category_url(view: View, gid: int) -> str:
    return f"{view.base_url}index.php?c=cate&fid={gid}"


def space_url(view: View, user: User) -> str:
    return f"{view.base_url}index.php?m=space&uid={user.uid}"


def space_by_name(view: View, name: str) -> str:
    """``space/index/run?username=``, as quotes link their author."""
    return f"{view.base_url}index.php?m=space&username={quote(name)}"


def shown_time(moment: datetime, form: str = "%Y-%m-%d %H:%M") -> str:
    """``Pw::time2str`` with its default ``Y-m-d H:i`` (or ``form``), in the site's zone."""
    return moment.astimezone(SITE_TZ).strftime(form)


def auto_time(moment: datetime, now: datetime) -> str:
    """``Pw::time2str($t, 'auto')`` (``_time2cpstr``): ``N秒前``, ``N分钟前``, ``H:i`` today,
    ``昨天H:i``, ``前天H:i``, ``m-d H:i`` this year, else ``Y-m-d H:i``."""
    seconds = int((now - moment).total_seconds())
    if seconds < 0:
        return shown_time(moment)
    if seconds < 60:
        return f"{seconds}秒前"
    if seconds < 3600:
        return f"{-(-seconds // 60)}分钟前"
    day, today = moment.astimezone(SITE_TZ).date(), now.astimezone(SITE_TZ).date()
    words = {timedelta(0): "", timedelta(days=1): "昨天", timedelta(days=2): "前天"}
    if today - day in words:
        return words[today - day] + shown_time(moment, "%H:%M")
    return shown_time(moment, "%m-%d %H:%M" if day.year == today.year else "%Y-%m-%d %H:%M")


def member(view: View, user: User, css: str = "J_user_card_show") -> str:
    return f'<a class="{css}" data-uid="{user.uid}" href="{space_url(view, user)}">{escape(user.name)}</a>'


def pages(url_of: Callable[[int], str], page: int, total: int) -> str:
    """``common/page.htm``; ``url_of(n)`` is page n's URL. Nothing for a single page."""
    if total <= 1:
        return ""
    low, high = max(1, page - 3), min(total, page + 3)
    links = []
    if page > low:
        links.append(f'<a href="{url_of(page - 1)}" class="pages_pre J_pages_pre">&laquo;&nbsp;上一页</a>')
        if low > 1:
            links.append(f'<a href="{url_of(1)}">1...</a>')
        links += [f'<a href="{url_of(n)}">{n}</a>' for n in range(low, page)]
    links.append(f"<strong>{page}</strong>")
    if page < high:
        links += [f'<a href="{url_of(n)}">{n}</a>' for n in range(page + 1, high + 1)]
        if high < total:
            links.append(f'<a href="{url_of(total)}">...{total}</a>')
        links.append(f'<a href="{url_of(page + 1)}" class="pages_next J_pages_next">下一页&nbsp;&raquo;</a>')
    return '<div class="pages">\n\t' + "\n\t".join(links) + "\n</div>"


def bread_crumb(view: View, trail: list[tuple[str, str]]) -> str:
    """首页, then each (URL, text) of ``trail``."""
    home = f'<a href="{view.base_url}" title="{view.site}" class="home">首页</a>'
    links = "".join(f'<em>&gt;</em><a href="{url}">{escape(text)}</a>' for url, text in trail)
    return f'<div class="bread_crumb" id="bread_crumb">\n\t\t\t{home}{links}\t\t</div>'


def document(view: View, title: str, body: str, css: str = "forum") -> str:
    """A whole page: ``head.htm`` (the page's SEO title, "- Powered by phpwind"), the header
    with its menu, ``body`` in ``div.main_wrap``, the footer."""
    base = view.base_url
    return f"""<!doctype html>
<html>
<head>
	<meta charset="{view.charset.upper()}" />
<title>{escape(title)} - Powered by phpwind</title>
<meta http-equiv="X-UA-Compatible" content="chrome=1">
<meta name="generator" content="phpwind v9.1.0" />
<meta name="description" content="" />
<meta name="keywords" content="" />
<link rel="stylesheet" href="{base}themes/site/default/css/dev/core.css?v=20150924" />
<link rel="stylesheet" href="{base}themes/site/default/css/dev/style.css?v=20150924" />
<script>
//全局变量 Global Variables
var GV = {{
	JS_ROOT : '{base}res/js/dev/',
	JS_VERSION : '20150924',
	TOKEN : '{view.formhash}',
	U_CENTER : '{base}index.php?m=space',
	U_ID : parseInt('0'),
	URL : {{
		LOGIN : '{base}index.php?m=u&c=login',
		FORUM_LIST : '{base}index.php?c=forum&a=list'
	}}
}};
</script>
<script src="{base}res/js/dev/wind.js?v=20150924"></script>
	<link href="{base}themes/site/default/css/dev/{css}.css?v=20150924" rel="stylesheet" />
</head>
<body>
<div class="wrap">
	<header class="header_wrap">
	<div id="J_header" class="header cc">
		<div class="logo">
			<a href="{base}">
								<img src="{base}themes/site/default/images/logo.png" alt="{view.site}">
							</a>
		</div>
		<nav class="nav_wrap">
			<div class="nav">
				<ul>
						<li class="current"><a href="index.php?m=bbs">论坛</a></li>
						<li class=""><a href="index.php?m=bbs&c=forumlist">版块</a></li>
					</ul>
			</div>
		</nav>
		<div class="header_login">
	<a rel="nofollow" href="{base}index.php?m=u&c=login">登录</a><a rel="nofollow" href="{base}index.php?m=u&c=register">注册</a>
</div>
	</div>
</header>
<div class="tac"> </div>
	<div class="main_wrap">
{body}
	</div>
<!--.main-wrap,#main End-->
<div class="footer_wrap">
	<div class="footer">
		<div class="bottom">
			<a href="http://phpwind.com/about.html">关于phpwind</a><a href="http://phpwind.com/contact.html">联系我们</a><a href="http://www.phpwind.net/thread-htm-fid-39.html">程序建议</a><a href="http://www.phpwind.net/thread-htm-fid-54.html">问题反馈</a>		</div>
		<p>Powered by <a href="http://www.phpwind.net/" target="_blank" rel="nofollow">phpwind v9.1.0</a>
			&copy;2003-2015 <a href="http://www.phpwind.com" target="_blank" rel="nofollow">phpwind.com</a></p>
	</div>
	</div>
<a href="#" rel="nofollow" role="button" id="back_top" tabindex="-1">返回顶部</a>
</div>
</body>
</html>
"""


def message_page(view: View, message: str) -> str:
    """``common/error.htm`` as ``showError`` answers (HTTP 200): the message in
    ``li#J_html_error``, links back and home."""
    body = f"""		<div class="box_wrap register cc">
		<div class="reg_cont_wrap">
	<div class="reg_message reg_ignore">
		<ul class="mb10 f14">
						<li id="J_html_error">{escape(message)}</li>
					</ul>
		<div class="error_return"><a href="javascript:window.history.go(-1);">返回上一页</a> 或者 <a href="{view.base_url.rstrip("/")}">回到首页</a></div>
			</div>
</div>		</div>"""
    return document(view, view.forum.site_name, body, "register")
