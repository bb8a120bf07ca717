"""Discuz! 6.x/7.x page chrome: XHTML head without ``<base>``, ``#header``/``#menu``, ``#nav``
breadcrumbs, ``div.pages`` pagination (``multi()``), ``#footer`` and the ``div.box.message``
message page. Scripts are ``index.php``, ``forumdisplay.php``, ``viewthread.php``,
``space.php``, ``redirect.php``."""

from __future__ import annotations

import random
from html import escape

from forum_harvest.sample_forum.layout import View

VERSION = "7.2"


def head(view: View, title: str, script: str) -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={view.charset}" />
<title>{title} {view.site} - Powered by Discuz!</title>
<meta name="keywords" content="" />
<meta name="description" content=" {view.site}  - Discuz! Board" />
<meta name="generator" content="Discuz! {VERSION}" />
<meta name="author" content="Discuz! Team and Comsenz UI Team" />
<meta name="copyright" content="2001-2009 Comsenz Inc." />
<meta name="MSSmartTagsPreventParsing" content="True" />
<meta http-equiv="MSThemeCompatible" content="Yes" />
<link rel="archives" title="{view.site}" href="{view.base_url}archiver/" />
<link rel="stylesheet" type="text/css" href="forumdata/cache/style_1_common.css?D2T" />
<script type="text/javascript">var STYLEID = '1', IMGDIR = 'images/default', VERHASH = 'D2T', charset = '{view.charset}', discuz_uid = 0, cookiedomain = '', cookiepath = '/', attackevasive = '0', disallowfloat = '', creditnotice = '', gid = 0, fid = 0, tid = 0;</script>
<script src="forumdata/cache/common.js?D2T" type="text/javascript"></script>
</head>

<body id="{script}" onkeydown="if(event.keyCode==27) return false;">
<div id="append_parent"></div><div id="ajaxwaitid"></div>
<div id="header">
<div class="wrap s_clear">
<h2><a href="index.php" title="{view.site}"><img src="images/default/logo.gif" alt="{view.site}" border="0" /></a></h2>
<div id="umenu">
<a href="logging.php?action=login" onclick="floatwin('open_login', this.href, 600, 400);return false;" class="noborder">登录</a>
<a href="register.php" onclick="floatwin('open_register', this.href, 600, 400, '600,0');return false;">注册</a>
</div>
<div id="menu">
<ul>
<li class="menu_1"><a href="index.php" hidefocus="true" id="mn_index">论坛</a></li><li class="menu_2"><a href="search.php" hidefocus="true" id="mn_search">搜索</a></li><li class="menu_4"><a href="faq.php" hidefocus="true" id="mn_faq">帮助</a></li>
</ul>
</div>
</div>
</div>
"""


def nav(view: View, trail: list[tuple[str, str]], last: str) -> str:
    links = "".join(f' &raquo; <a href="{href}">{escape(text)}</a>' for href, text in trail)
    return (f'<div id="nav"><a href="index.php" id="fjump" onmouseover="showMenu(this.id)" class="dropmenu">'
            f"{view.site}</a>{links} &raquo; {last}</div>\n")


def multi(count: int, per_page: int, page: int, url: str) -> str:
    """``multi()``: ``div.pages`` with the item count in ``em``, numbered links, ``a.next``."""
    if count <= per_page:
        return ""
    pages = -(-count // per_page)
    first = max(1, min(page - 2, pages - 9))
    last = min(pages, first + 9)
    url += "&amp;" if "?" in url else "?"
    out = [f'<a href="{url}page={page - 1}" class="prev">&lsaquo;&lsaquo;</a>'] if page > 1 else []
    out += [f"<strong>{n}</strong>" if n == page else f'<a href="{url}page={n}">{n}</a>' for n in range(first, last + 1)]
    if page < pages:
        out.append(f'<a href="{url}page={page + 1}" class="next">&rsaquo;&rsaquo;</a>')
    return f'<div class="pages"><em>&nbsp;{count}&nbsp;</em>{"".join(out)}</div>'


def footer(view: View, key: str) -> str:
    rng = random.Random(key)
    return f"""<div id="footer">
<div class="wrap s_clear">
<div id="footlinks">
<p><a href="mailto:admin@example.com">联系我们</a>
- <a href="index.php" target="_blank">{view.site}</a> - <a href="archiver/" target="_blank">Archiver</a> - <a href="wap/" target="_blank">WAP</a></p>
<p class="smalltext">
GMT+8, {view.times.ymd_hm(view.viewed_at)}, <span id="debuginfo">Processed in 0.0{rng.randint(10000, 39999)} second(s), {rng.randint(5, 12)} queries</span>.
</p>
</div>
<a href="http://www.discuz.net" target="_blank" title="Powered by Discuz!"><img src="images/default/discuz_icon.gif" border="0" alt="Discuz!" /></a>
<p id="copyright">
Powered by <strong><a href="http://www.discuz.net" target="_blank">Discuz!</a></strong> <em>{VERSION}</em>
&copy; 2001-2009 <a href="http://www.comsenz.com" target="_blank">Comsenz Inc.</a>
</p>
</div>
</div>
</body>
</html>"""


def message_page(view: View, text: str) -> str:
    """``showmessage``: HTTP 200 and ``div.box.message``."""
    body = f"""<div id="nav"><a href="index.php">{view.site}</a> &raquo; 提示信息</div>
<div id="wrap" class="wrap s_clear">
<div class="box message">
<h1>{view.site} 提示信息</h1>
<p>{text}</p>
<p><a href="javascript:history.back()">[ 点击这里返回上一页 ]</a></p>
</div>
</div>
"""
    return head(view, "提示信息 - ", "nofile") + body + footer(view, text)


def portal_page(view: View) -> str:
    """6.x/7.x have no portal: a site with one at ``/portal.php`` links to the forum index."""
    return message_page(view, '<a href="index.php">论坛首页</a>')
