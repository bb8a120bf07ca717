"""A thread page as phpwind 8.7 prints it (github.com/yuwenlan/phpwind, ``WIND_VERSION`` 8.7,
20111111): ``read.php?tid=N&page=K`` (``read.php``, ``template/wind/read.htm``), GBK as most
8.x sites. Each post a ``div.read_t#readfloor_{pid}`` (``tpc`` for the thread's own post):
the member in ``div.readName``, the floor word (``db_floorname``: 楼主, 沙发, 板凳, 地板, then
``N楼``) and ``<span title="Y-m-d H:i:s">发表于: …</span>`` (``getLastDate``: ``N秒前``,
``N分钟前``, ``N小时前`` today, ``昨天 H:i``, ``前天 H:i``, ``m-d`` this year, else ``Y-m-d``)
in ``div.tipTop``, the message in ``div.tpc_content div#read_{pid}``, the edit line
``[ 此帖被X在Y-m-d H:i重新编辑 ]`` appended to it (``div#alert_{pid}``), the signature
(``div.signature td``) under a post whose author chose to sign it (``ifsign``); ``numofpage``'s
pager (``<b>`` the current page). Words from ``template/wind/lang_bbscode.php``, ``lang_post.php``,
``lang_other.php``; defaults from ``lang/install_wind.sql`` (10 posts a page, UTC+8).

A quote (``require/postreply.php``: ``[quote]`` + the member's ``u.php`` link + ":" + the
quoted text + a ``job.php?action=topost`` link with ``back.gif``; ``bbscode.php``) is
``blockquote.blockquote3 > div.text``. A banned member's post (group 6, ``db_shield`` on) is
``shield('ban_article')``; ``[post]`` and ``[sell]`` stand-ins as ``bbscode.php`` prints them.

Attachments as 8.7 prints them: ``attachments8``."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from forum_harvest.sample_forum.access import PRICE
from forum_harvest.sample_forum.engine_pages import InlineMarkup, lines_html, quoted_post_id, thread_pages
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import SITE_TZ, Image, Post, Thread
from forum_harvest.sample_forum.phpwind import attachments8
from forum_harvest.sample_forum.phpwind.chrome import shown_time

POSTS_PER_PAGE = 10  # db_readperpage
FLOOR_NAMES = {0: "楼主", 1: "沙发", 2: "板凳", 3: "地板"}  # db_floorname; then N + db_floorunit 楼


def last_date(moment: datetime, now: datetime) -> str:
    """``getLastDate($time)`` (type 1)."""
    seconds = int((now - moment).total_seconds())
    day, today = moment.astimezone(SITE_TZ).date(), now.astimezone(SITE_TZ).date()
    if seconds <= 0:
        return shown_time(moment, "%Y-%m-%d")
    if day == today:
        return (f"{seconds}秒前" if seconds <= 60 else f"{-(-seconds // 60)}分钟前" if seconds <= 3600
                else f"{-(-seconds // 3600)}小时前")
    words = {timedelta(days=1): "昨天", timedelta(days=2): "前天"}
    if today - day in words:
        return f"{words[today - day]} {shown_time(moment, '%H:%M')}"
    return shown_time(moment, "%m-%d" if day.year == today.year else "%Y-%m-%d")


def _image(view: View, image: Image) -> str:
    url = escape(view.base_url + image.src)
    return (f"<img src=\"{url}\" border=\"0\" onclick=\"if(this.parentNode.tagName!='A'&&this.width>screen.width-461)"
            f" window.open('{url}');\" >")


def _inline(view: View) -> InlineMarkup:
    return InlineMarkup('<a href="{href}" target="_blank">{text}</a>', lambda image: _image(view, image),
                        lambda file: attachments8.placed(view, file))


def _quote(view: View, post: Post) -> str:
    quote, pid = post.quote, quoted_post_id(view.forum, post)
    base = view.base_url.rstrip("/")
    return (f'<blockquote class="blockquote3"><div class="text" style="padding:15px;"><a href="{base}/u.php?username='
            f'{escape(quote.author)}" target="_blank">{escape(quote.author)}</a><font color="gray">:</font><br />'
            f'{escape(quote.text, quote=False)} <a href="{base}/job.php?action=topost&tid={post.thread_id}&pid={pid}"'
            f' target="_blank"><img src="{base}/images/back.gif" border="0" ></a><br /></div></blockquote><br />')


def _content(view: View, post: Post) -> str:
    if view.forum.users[post.author].banned:
        return '<span style="color:black;background-color:#ffff66">用户被禁言,该主题自动屏蔽!</span>'
    if post.paid:
        cost, unit = PRICE.split()
        buy = f"job.php?action=buytopic&tid={post.thread_id}&pid={_pid(post)}&verify=0&buyPage=1&"
        return (f'<div class="quoteTips f12 mb10"><span class="mr10">此帖售价 {cost} {unit},已有 0 人购买</span> '
                f'<a href="{buy}&type=record" onclick="return ajaxurl(this);" title="查看记录" class="mr10"><font color="">'
                f'[记录]</font></a> <a href="{buy}&type=buy" onclick="return ajaxurl(this);" title="购买" class="mr10">'
                f'<font color="">[购买]</font></a></div><div class="mb10 f12 b">购买后，将显示帖子中所有出售内容。<br>'
                f"若发现会员采用欺骗的方法获取财富,请立刻举报,我们会对会员处以2-N倍的罚金,严重者封掉ID!</div> "
                f'<div class="quoteTips f12"><span class="mr10">此段为出售的内容，购买后显示</span></div>')
    shown = lines_html(post.lines, _inline(view).html, "<li>").replace(
        "<ul>", '<ul style="margin:0 0 0 25px">')
    if post.hidden_lines:
        shown += (f'<br /><div id="hidden_1_{_pid(post)}" class="f12 quoteTips" style="margin:10px 0;">'
                  "本部分内容设定了隐藏，需要回复后才能看到</div>")
    if post.edit:
        shown += (f'<div id="alert_{_pid(post)}" style="color:gray;margin-top:30px">[ 此帖被{escape(post.edit.editor)}在'
                  f"{shown_time(post.edit.edited_at)}重新编辑 ]</div>")
    return (_quote(view, post) if post.quote else "") + shown


def _pid(post: Post) -> str:
    return "tpc" if post.floor == 1 else str(post.post_id)


def _floor(view: View, thread: Thread, post: Post) -> str:
    user = view.forum.users[post.author]
    lou, pid = post.floor - 1, _pid(post)
    subject = (f'\n\t\t\t\t\t<div class="read_h1" style="margin-bottom:10px;" id="subject_{pid}"></div>' if lou else "")
    signature = (f'\n\t\t\t\t\t<div class="sigline"></div>\n\t\t\t\t\t<div class="pr">\n\t\t\t\t\t<div class="signature"'
                 f' style="max-height:100px;maxHeight:100px; overflow:hidden;">\n\t\t\t\t\t<table width="100%"'
                 f' style="table-layout:fixed;"><tr><td>\n\t\t\t\t\t\t\t\t{user.signature_html}\n\t\t\t\t\t</td></tr></table>'
                 f"\n\t\t\t\t\t</div></div>" if post.show_signature and user.signature_html and not user.banned else "")
    return f"""
	<div class="read_t" id="readfloor_{pid}">
		<table width="100%" class="floot">
			<tr>
				<td rowspan="2" class="floot_left">
					<div class="readName b"><span class="man_unol mr5" title="离线" alt="离线">离线</span><a href="u.php?uid={user.uid}">{escape(user.name)}</a>
					</div>
					<div class="floot_leftdiv">
						<div class="readLevel mb5"><a href="profile.php?action=permission&gid=8" rel="nofollow">{user.group}</a></div>
					</div>
				</td>
				<td class="floot_right" id="td_{pid}"><a name="post_{pid}"></a>
					<div class="tipTop s6">
						<a class="s2 b cp" onclick="copyFloorUrl('{pid}')" title="复制此楼地址">{FLOOR_NAMES.get(lou, f"{lou}楼")}</a>&nbsp;&nbsp;
						<span title="{shown_time(post.posted_at, "%Y-%m-%d %H:%M:%S")}">发表于: {last_date(post.posted_at, view.viewed_at)}</span>
					</div>{subject}
					<div class="tpc_content">
						<div class="f14 mb10" id="read_{pid}">
						{_content(view, post)}
						</div>
					</div>
				</td>
			</tr>
			<tr>
				<td class="floot_right floot_bottom">{attachments8.listed_below(view, post, _pid(post))}{signature}
				</td>
			</tr>
		</table>
	</div>"""


def pages(url: str, page: int, total: int) -> str:
    """``numofpage`` (``require/common.php``); ``url`` ends with "&"."""
    if total <= 1:
        return ""
    many = total > 7
    out = ['<div class="pages">']
    if many and page > 1:
        out.append(f'<a class="pages_pre" href="{url}page={page - 1}">&#x4E0A;&#x4E00;&#x9875;</a>')
    if page != 1:
        out.append(f'<a href="{url}page=1">' + ("1...</a>" if many and page - 3 > 1 else "1</a>"))
    left = page - 2 if total - page >= 3 else page - (5 - (total - page))
    before = [n for n in range(left, page) if n > 1]
    out += [f'<a href="{url}page={n}">{n}</a>' for n in before]
    out.append(f"<b>{page}</b>")
    after = 4 - len(before) + (1 if page == 1 else 0)
    out += [f'<a href="{url}page={n}">{n}</a>' for n in range(page + 1, min(total, page + after + 1))]
    if page != total:
        out.append(f'<a href="{url}page={total}">' + (f"...{total}</a>" if many and page + 3 < total else f"{total}</a>"))
    if many and page < total:
        out.append(f'<a class="pages_next" href="{url}page={page + 1}">&#x4E0B;&#x4E00;&#x9875;</a>')
    return "".join(out) + "</div>"


def document(view: View, title: str, body: str) -> str:
    """``header.htm`` and ``footer.htm`` around ``body``: the head as the real 8.7 prints it
    (``<meta charset="$db_charset" />``, the generator, ``tests/fixtures/phpwind-8.7``), "Powered
    by phpwind"."""
    return f"""<!doctype html>
<html>
<head>
<meta charset="{view.charset}" />
<title>{escape(title)} - Powered by phpwind</title>
<meta name="generator" content="phpwind v8.7(20111111)" />
<base id="headbase" href="{view.base_url}" />
</head>
<body>
<div id="main">
{body}
</div>
<div id="footer"><div class="bottom tac">Powered by <a href="http://www.phpwind.net/" target="_blank" rel="nofollow"><b>phpwind v8.7</b></a></div></div>
</body>
</html>
"""


def message_page(view: View, message_html: str) -> str:
    """``Showmsg`` (``global.php``, ``template/wind/showmsg.htm``) with HTTP 200: the message in
    ``div.regIgnore p.f14``, words (markup for some) from ``template/wind/lang_msg.php``."""
    return document(view, "提示信息", f"""<div id="pw_content"><div class="p20">
	<div class="regTitle cc"><h5 class="s6"><b>提示信息</b></h5></div>
	<div class="cc">
		<div class="regIgnore">
<p class="f14 mb10">{message_html}</p>
<p class="f14"><a onclick="history.back();return false;" class="s4 cp">返回继续操作</a></p>
		</div>
	</div>
</div></div>""")


def thread_page(view: View, thread: Thread, page: int) -> str:
    site = view.forum
    forum = site.forum(thread.forum_id)
    shown = site.thread_posts(thread.thread_id)[(page - 1) * POSTS_PER_PAGE:page * POSTS_PER_PAGE]
    pager = pages(f"read.php?tid={thread.thread_id}&", page, thread_pages(site, thread.thread_id, POSTS_PER_PAGE))
    body = f"""<div id="breadCrumb" class="cc">
	<img src="images/wind/thread/home.gif" alt="forum" class="breadHome" /><em class="breadEm"></em><a href="index.php" title="{view.site}">{view.site}</a><em>&gt;</em><a href="thread.php?fid={forum.forum_id}">{escape(forum.name)}</a><em>&gt;</em><a href="read.php?tid={thread.thread_id}">{escape(thread.title)}</a>
</div>
<div class="cc mb10">
	<a href="post.php?action=reply&fid={forum.forum_id}&tid={thread.thread_id}" class="replay fr mr10" rel="nofollow">回复</a>
	<div style="padding-top:3px;"><span class="pages"><a href="thread.php?fid={forum.forum_id}#tabA" class="w pages_pre">返回列表</a></span><span class="fl">{pager}</span></div>
</div>
<div id="pw_content" class="mb10">
	<form name="delatc" method="post">
	<input type="hidden" name="tid" id="tid" value="{thread.thread_id}" />
	<div class="readTop">
		<table width="100%" style="table-layout:fixed;">
			<tr>
				<td class="floot_left">
					<div class="readNum">
						<ul class="cc">
							<li><em>{thread.views}</em>阅读</li>
							<li><em id="topicRepliesNum">{thread.replies}</em>回复</li>
						</ul>
					</div>
				</td>
				<td>
				<h1 id="subject_tpc" class="read_h1">{escape(thread.title)} <a href="javascript:;" title="一键复制帖子标题和链接" onclick="copyUrl('');" class="gray w" style="color:#999;">[复制链接]</a></h1>
				</td>
			</tr>
		</table>
	</div>{"".join(_floor(view, thread, post) for post in shown)}
	</form>
</div>
<div class="cc mb10"><span class="fl">{pager}</span></div>"""
    return document(view, f"{thread.title}|{forum.name} - {site.site_name}", body)
