"""The X3 touch (mobile) template, what a ``&mobile=2`` URL gets from an X3 site.

Posts are ``div.plc#pid{pid}`` (a ``div``, no table): ``ul.authi`` with the floor in
``li.grey > em`` and the author in ``b > a.blue``, the time as bare text in ``li.grey.rela`` —
relative forms carry no ``span[title]`` on mobile pages — and the message in ``div.message``
(no ``postmessage`` id). Thread lists are ``div.threadlist > ul > li`` (sticky threads hidden by
default), the index lists top-level forums only. The mobile output adds ``mobile=2`` to every
``*.php`` link and starts the page with an XML declaration.
"""

from __future__ import annotations

import re
from html import escape

from forum_harvest.sample_forum.archiver import archiver_forum, archiver_index, archiver_thread
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.listing import page_threads
from forum_harvest.sample_forum.message import body_html, edit_notice
from forum_harvest.sample_forum.model import POSTS_PER_PAGE, Category, Forum, Post, Thread
from forum_harvest.sample_forum.skins.base import Skin, restyled

_PHP_LINK = re.compile(r'href="(\w+\.php)([^"]*)"')


def mobile_output(view: View, html: str) -> str:
    """``helper_mobile::mobileoutput()``: ``mobile=2`` on every ``*.php`` link."""
    def add(match: re.Match) -> str:
        file, rest = match[1], match[2]
        if "mobile=" in rest:
            return match[0]
        return f'href="{file}{rest}{"&amp;" if "?" in rest else "?"}mobile=2"'
    return '<?xml version="1.0" encoding="utf-8"?>' + _PHP_LINK.sub(add, html)


def _page(view: View, title: str, header: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={view.charset}">
<meta http-equiv="Cache-control" content="no-cache" />
<meta name="viewport" content="width=device-width, initial-scale=1.0, user-scalable=no, minimum-scale=1.0, maximum-scale=1.0">
<meta name="format-detection" content="telephone=no" />
<title>{title}{view.site} -  手机版 - Powered by Discuz!</title>
<link rel="stylesheet" href="static/image/mobile/style.css" type="text/css" media="all">
<script src="static/js/mobile/jquery-1.8.3.min.js?lUm"></script>
<script type="text/javascript">var STYLEID = '1', STATICURL = 'static/', IMGDIR = 'static/image/common', VERHASH = 'lUm', charset = '{view.charset}', discuz_uid = '0', cookiepre = 'sF7q_2132_', cookiedomain = '', cookiepath = '/', showusercard = '1', attackevasive = '0', disallowfloat = 'newthread', creditnotice = '', defaultstyle = '', REPORTURL = '', SITEURL = '{view.base_url}', JSPATH = 'static/js/';</script>
<script src="static/js/mobile/common.js?lUm" charset="{view.charset}"></script>
</head>
<body class="bg">
<header class="header">
{header}
</header>
{body}<div class="footer">
<div>
<a href="forum.php">首页</a> | <a href="member.php?mod=logging&action=login" title="登录">登录</a> | <a href="member.php?mod=register" title="注册">注册</a>
</div>
<div>
<a href="forum.php?simpletype=yes">标准版</a> |  
<a href="javascript:;" style="color:#D7D7D7;">触屏版</a> | 
<a href="forum.php?mobile=no">电脑版</a> | 
</div>
<p>&copy; Comsenz Inc.</p>
</div>
</body>
</html>"""


def _pager(view: View, url: str, page: int, total: int) -> str:
    """The mobile ``multi()``: four numbers around the page, 上一页/下一页."""
    if total <= 1:
        return ""
    first = max(1, min(page - 2, total - 3))
    out = [f'<a href="{url}&amp;page={page - 1}" class="prev">上一页</a>'] if page > 1 else []
    out += [f"<strong>{n}</strong>" if n == page else f'<a href="{url}&amp;page={n}">{n}</a>'
            for n in range(first, min(total, first + 3) + 1)]
    out.append(f'<label><input type="text" name="custompage" class="px" size="2" title="输入页码，按回车快速跳转" value="{page}" />'
               f'<span title="{view.words.pages_total.format(n=total)}">{view.words.pages_of.format(n=total)}</span></label>')
    if page < total:
        out.append(f'<a href="{url}&amp;page={page + 1}" class="nxt">下一页</a>')
    return '<div class="pg">' + "".join(out) + "</div>\n"


def _message(view: View, forum: Forum, post: Post) -> str:
    site = view.forum
    if site.users[post.author].banned:
        return f'<div class="grey quote">{view.words.banned_notice}</div>'
    if post.paid:
        return f'<div class="grey quote">{view.words.paid_notice.format(price="<strong>5 金钱</strong>")}</div>'
    prefix = f'<i class="pstatus"> {edit_notice(post, view.times)} </i>\n\n' if post.edit else ""
    if q := post.quote:
        header = view.words.quote_header.format(author=escape(q.author), time=view.times.ymd_hm(q.posted_at))
        prefix += (f'<div class="grey quote"><blockquote>引用: <font size="2"><font color="#999999">{header}</font></font>\n'
                   f"{escape(q.text, quote=False)}</blockquote></div>\n")
    html = body_html(post, forum.jammer, site.seed, site.site_name, prefix, times=view.times)
    return html + (f'<div class="grey quote">{view.words.hide_notice}</div>' if post.hidden_lines else "")


def _post(view: View, forum: Forum, post: Post) -> str:
    user = view.forum.users[post.author]
    names = view.words.floor_names
    floor = names[post.floor] if forum.floor_names and post.floor in names else f"{post.floor}<sup>#</sup>"
    when = view.times.relative_text(post.posted_at, view.viewed_at) or view.times.ymd_hm(post.posted_at)
    return f"""<div class="plc cl" id="pid{post.post_id}">
<span class="avatar"><img src="{view.base_url}uc_server/avatar.php?uid={user.uid}&size=small" style="width:32px;height:32px;" /></span>
<div class="display pi" href="#replybtn_{post.post_id}">
<ul class="authi">
<li class="grey">
<em>{floor}</em><b>
<a href="home.php?mod=space&uid={user.uid}" class="blue">{escape(user.name)}</a></b>
</li>
<li class="grey rela">
{when}
</li>
</ul>
<div class="message">
{_message(view, forum, post)}
</div>
</div>
</div>
"""


def thread_page(view: View, thread: Thread, page: int) -> str:
    site = view.forum
    forum = site.forum(thread.forum_id)
    posts = site.thread_posts(thread.thread_id)[(page - 1) * POSTS_PER_PAGE: page * POSTS_PER_PAGE]
    header = (f'<div class="nav">\n<a href="forum.php?mod=forumdisplay&fid={forum.forum_id}&" class="z">'
              f'<img src="static/image/mobile/images/icon_back.png" /></a>\n<span class="name">{escape(forum.name)}</span>\n</div>')
    body = (f'<div class="postlist">\n<h2>\n{escape(thread.title)}\n</h2>\n' + "".join(_post(view, forum, p) for p in posts)
            + "</div>\n" + _pager(view, f"forum.php?mod=viewthread&tid={thread.thread_id}", page, thread.page_count))
    return _page(view, f"{escape(thread.title)} - {escape(forum.name)} - ", header, body)


def forum_page(view: View, forum: Forum, page: int) -> str:
    site, fid = view.forum, forum.forum_id
    subs = site.subforums(fid) if page == 1 else []
    name = escape(forum.name)
    if subs:
        items = "".join(f'<li>\n<a href="forum.php?mod=forumdisplay&fid={s.forum_id}">{escape(s.name)}</a>\n</li>\n' for s in subs)
        title = (f'<span class="display name vm" href="#subname_list">\n<h2 class="tit">{name}</h2>\n</span>\n'
                 f'<div id="subname_list" class="subname_list" display="true" style="display:none;">\n<ul>\n{items}</ul>\n</div>')
    else:
        title = f'<span class="name">\n{name}\n</span>'
    header = (f'<div class="nav">\n<a href="forum.php?forumlist=1" class="z"><img src="static/image/mobile/images/icon_back.png" /></a>\n'
              f'<span class="category">\n{title}\n</span>\n</div>')
    rows = "".join(f'<li>\n<a href="forum.php?mod=viewthread&tid={t.thread_id}&extra=page%3D1" >\n{escape(t.title)}\n'
                   f'<span class="by">{escape(t.author)}</span>\n</a>\n<span class="num">{t.replies}</span>\n</li>\n'
                   for t in page_threads(view, forum, page) if not t.sticky)
    body = (f'<div class="threadlist">\n<ul>\n{rows}</ul>\n</div>\n'
            + _pager(view, f"forum.php?mod=forumdisplay&fid={fid}", page, site.forum_page_count(fid)))
    return _page(view, f"{name} - ", header, body)


def index_page(view: View, category: Category | None = None) -> str:
    site = view.forum
    blocks = []
    for cat in [category] if category else site.categories:
        items = "".join(f'<li><a href="forum.php?mod=forumdisplay&fid={f.forum_id}">{escape(f.name)}</a></li>\n'
                        for f in site.forums if f.category == cat.gid and f.parent_forum_id is None)
        blocks.append(f'<div class="bm bmw fl">\n<div class="subforumshow bm_h cl" href="#sub_forum_{cat.gid}">\n'
                      f'<h2><a href="javascript:;">{escape(cat.name)}</a></h2>\n</div>\n'
                      f'<div id="sub_forum_{cat.gid}" class="sub_forum bm_c">\n<ul>\n{items}</ul>\n</div>\n</div>\n')
    header = (f'<div class="hdc cl">\n<h2><a title="{view.site}" href="forum.php"><img src="static/image/mobile/images/logo.png" /></a></h2>\n'
              '<ul class="user_fun">\n<li><a href="search.php?mod=forum" class="icon_search">搜索</a></li>\n'
              '<li class="on"><a href="forum.php?forumlist=1" class="icon_threadlist">版块列表</a></li>\n</ul>\n</div>')
    return _page(view, "", header, '<div class="wp wm" id="wp">\n' + "".join(blocks) + "</div>\n")


def message_page(view: View, text: str) -> str:
    header = f'<div class="hdc cl">\n<h2><a title="{view.site}" href="forum.php"><img src="static/image/mobile/images/logo.png" /></a></h2>\n</div>'
    return _page(view, "提示信息 - ", header, f'<div class="jump_c">\n<p>{text}</p>\n'
                 '<p><a class="grey" href="javascript:history.back();">[ 点击这里返回上一页 ]</a></p>\n</div>\n')


TOUCH = Skin(
    name="touch", index=restyled(index_page, mobile_output), forum=restyled(forum_page, mobile_output),
    thread=restyled(thread_page, mobile_output), message=restyled(message_page, mobile_output),
    portal=restyled(lambda view: index_page(view), mobile_output),
    archiver_index=archiver_index, archiver_forum=archiver_forum, archiver_thread=archiver_thread, charset="utf-8",
)
