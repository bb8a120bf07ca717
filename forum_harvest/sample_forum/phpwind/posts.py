"""A thread page as phpwind 9.1's ``bbs/read_run.htm`` and ``read_floor.htm`` print it (see
tests/fixtures/phpwind-9.1): ``div.J_read_floor#read_{pid}`` per post (``read_0`` the thread's
own post, which has no pid), the member in ``div.floor_info div.name``, the group title in
``div.level`` (禁止发言 for a banned member), the floor word in ``span.lou`` (楼主, 沙发, 板凳,
地板, then ``N楼``), ``发布于：Y-m-d H:i`` in ``.floor_top_tips span.fl``, the message in
``div.editor_content``, ``div.edit_log`` "[X于Y-m-d H:i编辑了帖子]" after it, the attachments
and ``div.signature`` below; the thread's title ``h1#J_post_title`` with its hits and
``#topicRepliesNum`` on the first floor of page 1."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import forum_trail, thread_pages
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Post, Thread
from forum_harvest.sample_forum.phpwind.chrome import (bread_crumb, category_url, document, member, pages, read_url,
                                                       shown_time, space_url, thread_list_url)
from forum_harvest.sample_forum.phpwind.message import attachments_below, message

POSTS_PER_PAGE = 15  # phpwind 9's "read.perpage" install default
FLOOR_NAMES = {0: "楼主", 1: "沙发", 2: "板凳", 3: "地板"}  # "read.defined_floor_name"; then N + "楼"


def crumbs(view: View, thread: Thread) -> list[tuple[str, str]]:
    """``PwForumBo::headguide``: the category, the parent board if any, the board; then the thread."""
    forum = view.forum.forum(thread.forum_id)
    trail = forum_trail(view.forum, forum)
    links = [(category_url(view, trail[0][0]), trail[0][1])]
    links += [(thread_list_url(view, number), name) for number, name in trail[1:]]
    return links + [(read_url(view, thread.thread_id, thread.forum_id), thread.title)]


def _title(thread: Thread) -> str:
    topped = '<i class="icon_headtopic_1" title="置顶"></i>' if thread.sticky else ""
    return f"""			<div class="floor_title cc">
				<div class="post_num">
					<span class="hits">阅读：<em>{thread.views}</em></span><span class="replies">回复：<em id="topicRepliesNum">{thread.replies}</em></span>
				</div>
				<h1 id="J_post_title">{escape(thread.title)}</h1>
				<span class="floor_honor posts_icon">
					{topped}				</span>
			</div>"""


def _floor(view: View, thread: Thread, post: Post) -> str:
    site = view.forum
    user = site.users[post.author]
    lou = post.floor - 1
    pid = post.post_id if lou else 0
    edit = (f'\n\t\t\t\t<div class="edit_log">[{escape(post.edit.editor)}于{shown_time(post.edit.edited_at)}编辑了帖子]</div>'
            if post.edit else "")
    signature = (f'\n\t\t\t<div class="signature" style="max-height:200px;maxHeight:200px;"><table width="100%"><tr><td>'
                 f"{user.signature_html}</td></tr></table></div>" if user.signature_html and not user.banned else "")
    main = ' data-type="main"' if lou == 0 else ""
    return f"""
			<a name="{lou}"></a>			<div id="cloudwind_read_readfloor_{pid}"></div>
<div class="floor cc J_read_floor" id="read_{pid}">
<table width="100%" style="table-layout:fixed;" class="floor_table">
	<tr>
		<td rowspan="2" class="floor_left">
			<div class="floor_info">
				<div class="face">
					<a href="{space_url(view, user)}" class="J_user_card_show" data-uid="{user.uid}" target="_blank"><img src="/avatar/000/00/00/{user.uid}_middle.jpg" class="J_avatar" data-type="middle" alt="{escape(user.name)}"></a>
				</div>
				<div class="name">
					<span class="man_unol" title="离线"></span>{member(view, user, "J_user_card_show mr5")}
				</div>
				<div class="level">
					<div>{user.group}</div>
				</div>
				<ul class="cc integral">
					<li><em>UID</em><span>{user.uid}</span></li>
				</ul>
			</div>
		</td>
		<td class="box_wrap floor_right">
			<div class="fl"><div class="floor_arrow"><em></em><span></span></div></div>
{_title(thread) if lou == 0 else ""}
			<div class="c"></div>
			<div class="floor_top_tips cc">
				<div style="position:relative;"><span class="lou J_floor_copy" title="复制此楼地址" {main} data-hash="read_{pid}">{FLOOR_NAMES.get(lou, f"{lou}楼")}<sup>#</sup></span></div>
				<span class="fl">发布于：{shown_time(post.posted_at)}				</span>
			</div>
			<div id="J_read_main">
				<div class="editor_content">
					{message(view, post)}				</div>{edit}
			</div>
		</td>
	</tr>
	<tr>
		<td class="box_wrap floor_bottom" valign="bottom">
			{attachments_below(view, post)}
			<div id="app_read_floor_{lou}"></div>{signature}
			<div class="floor_bottom_tips cc">
				<a rel="nofollow" href="{view.base_url}index.php?c=post&a=fastreply&tid={thread.thread_id}&pid={pid}" data-pid="{pid}" class="a_reply J_read_reply" data-topped="false">回复</a>
			</div>
		</td>
	</tr>
</table>
</div>"""


def thread_page(view: View, thread: Thread, page: int) -> str:
    site = view.forum
    total = thread_pages(site, thread.thread_id, POSTS_PER_PAGE)
    shown = site.thread_posts(thread.thread_id)[(page - 1) * POSTS_PER_PAGE:page * POSTS_PER_PAGE]
    pager = pages(lambda n: read_url(view, thread.thread_id, thread.forum_id, n), page, total)
    back = (f'<div class="pages" style="margin-right:3px;"><a href="{thread_list_url(view, thread.forum_id)}&page=1"'
            f' class="pages_pre" rel="nofollow">&laquo; 返回列表</a></div>')
    body = f"""		{bread_crumb(view, crumbs(view, thread))}
		<div class="read_pages_wrap cc">
			<a rel="nofollow" href="{view.base_url}index.php?c=post&a=reply&tid={thread.thread_id}" data-referer="true" class="btn_replay J_qlogin_trigger">回复</a>
			{back}
			{pager}
		</div>
		<div class="read_page" id="J_posts_list">{"".join(_floor(view, thread, post) for post in shown)}
			<div class="read_pages_wrap cc" id="floor_reply">
				<div class="J_page_wrap" data-key="true">
				{back}
				{pager}
				</div>
			</div>
		</div>"""
    title = thread.title if page == 1 else f"{thread.title} - 第{page}页"
    return document(view, f"{title} - {site.forum(thread.forum_id).name} - {site.site_name}", body)
