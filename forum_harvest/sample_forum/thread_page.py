"""A thread page (``mod=viewthread``): ``div#postlist`` with one ``div#post_{pid}`` per post."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from forum_harvest.sample_forum.access import paid_notice
from forum_harvest.sample_forum.layout import View, breadcrumbs, footer, head, header, pager
from forum_harvest.sample_forum.message import locked, message_html
from forum_harvest.sample_forum.widgets import X_MARKUP, X_ROBOT_MARKUP, pattl
from forum_harvest.sample_forum.model import POSTS_PER_PAGE, Forum, Post, Thread


def floor_html(view: View, forum: Forum, floor: int) -> str:
    names = view.words.floor_names
    if forum.floor_names and floor in names:
        return names[floor]
    return f"<em>{floor}</em><sup>#</sup>"


def floor_link(view: View, forum: Forum, post: Post, attributes: str) -> str:
    """The post's floor (``a#postnum{pid}``) and the empty ``div.pdbt`` under it; ``attributes``
    stand before the link's id. X2 – X3.5 print no floor link to a robot (``{if !IS_ROBOT}``
    around it in ``viewthread_node.htm``): the posts' order is all a robot gets."""
    pid = post.post_id
    if view.robot:
        return '<div class="pti">\n<div class="pdbt">\n</div>\n'
    return f"""<strong>
<a href="forum.php?mod=redirect&goto=findpost&ptid={post.thread_id}&pid={pid}" {attributes}id="postnum{pid}" onclick="setCopy(this.href, '帖子地址复制成功');return false;">
{floor_html(view, forum, post.floor)}</a>
</strong>
<div class="pti">
<div class="pdbt">
</div>
"""


def author_filter(view: View, tid: int, page: int, uid: int) -> str:
    """The author line's "only this author" link; a robot gets "show all posts" (X2 – X3.5's
    ``{if !IS_ROBOT && !$_GET['authorid']}`` … ``{elseif}``), without the author filter."""
    if view.robot:
        return f'<a href="forum.php?mod=viewthread&amp;tid={tid}&amp;page={page}" rel="nofollow">{view.words.show_all}</a>'
    return (f'<a href="forum.php?mod=viewthread&amp;tid={tid}&amp;page={page}&amp;authorid={uid}" rel="nofollow">'
            f"{view.words.only_author}</a>")


def post_content(view: View, forum: Forum, post: Post) -> str:
    """What the post's ``div.pcb`` holds: the message (``td.t_f``) or the notice replacing it."""
    site = view.forum
    pid = post.post_id
    if site.users[post.author].banned:
        return locked(view.times) + "\n"
    if post.paid:
        return paid_notice(post, view.words) + "\n"
    markup = X_ROBOT_MARKUP if view.robot else X_MARKUP
    message = message_html(post, forum.jammer, site.seed, site.site_name, view.times, markup)
    return (f'<div class="t_fsz"><table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_{pid}">\n'
            f"{message}</td></tr></table>\n\n{pattl(post, view.times, markup)}</div>\n"
            f'<div id="comment_{pid}" class="cm">\n</div>\n\n<div id="post_rate_div_{pid}"></div>\n')


def _author_card(view: View, post: Post) -> str:
    user = view.forum.users[post.author]
    uid, name, pid = user.uid, escape(user.name), post.post_id
    return f"""<td class="pls" rowspan="2">
<div id="favatar{pid}" class="pls cl favatar">
<div class="pi">
<div class="authi"><a href="home.php?mod=space&amp;uid={uid}" target="_blank" class="xw1">{name}</a>
</div>
</div>
<div>
<div class="avatar" onmouseover="showauthor(this, 'userinfo{pid}')"><a href="home.php?mod=space&amp;uid={uid}" class="avtm" target="_blank"><img src="{view.base_url}uc_server/avatar.php?uid={uid}&size=middle" class="user_avatar"></a></div>
</div>
<p><em><a href="home.php?mod=spacecp&amp;ac=usergroup&amp;gid={4 if user.banned else 11}" target="_blank">{user.group}</a></em></p>
<ul class="xl xl2 o cl">
<li class="pm2"><a href="home.php?mod=spacecp&amp;ac=pm&amp;op=showmsg&amp;handlekey=showmsg_{uid}&amp;touid={uid}&amp;pmid=0&amp;daterange=2&amp;pid={pid}&amp;tid={post.thread_id}" onclick="showWindow('sendpm', this.href);" title="发消息" class="xi2">发消息</a></li>
</ul>
</div>
</td>"""


def _post(view: View, forum: Forum, thread: Thread, post: Post, page: int) -> str:
    site = view.forum
    user = site.users[post.author]
    pid, tid, fid = post.post_id, thread.thread_id, forum.forum_id
    starter = ""
    if post.author == thread.author:
        starter = (f'<em class="authicn fico-person fic4 fnmr vm" id="authicon{pid}" title="楼主"></em>\n'
                   '&nbsp;楼主<span class="pipe">|</span>\n')
    else:
        starter = f'<img class="authicn vm" id="authicon{pid}" src="static/image/common/online_member.gif" />\n'
    content = post_content(view, forum, post)
    sign = ""
    if post.show_signature and not user.banned:
        sign = f'<div class="sign" style="max-height:100px;">{user.signature_html}</div>\n'
    when = view.times.relative(post.posted_at, view.viewed_at)
    return f"""<div id="post_{pid}" ><table id="pid{pid}" class="plhin" summary="pid{pid}" cellspacing="0" cellpadding="0">
<tr>
 {_author_card(view, post)}
<td class="plc">
<div class="pi">
{floor_link(view, forum, post, "  ")}<div class="authi">
{starter}<em id="authorposton{pid}">{view.words.poston} {when}</em>
<span class="pipe">|</span>
{author_filter(view, tid, page, user.uid)}
</div>
</div>
</div><div class="pct"><div class="pcb">
{content}</div>
</div>

</td></tr>
<tr><td class="plc plm">
{sign}</td>
</tr>
<tr id="_postposition{pid}"></tr>
<tr>
<td class="pls"></td>
<td class="plc" style="overflow:visible;">
<div class="po hin">
<div class="pob cl">
<em>
<a class="fastre" href="forum.php?mod=post&amp;action=reply&amp;fid={fid}&amp;tid={tid}&amp;repquote={pid}&amp;extra=page%3D1&amp;page={page}" onclick="showWindow('reply', this.href)">{view.words.reply}</a>
</em>
<p>
<a href="javascript:;" onclick="showWindow('miscreport{pid}', 'misc.php?mod=report&rtype=post&rid={pid}&tid={tid}&fid={fid}', 'get', -1);return false;">举报</a>
</p>
</div>
</div>
</td>
</tr>
</table>
</div>"""


PostRenderer = Callable[[View, Forum, Thread, Post, int], str]


def thread_page(view: View, thread: Thread, page: int, render_post: PostRenderer | None = None) -> str:
    """The thread page; a skin that keeps X's page but prints posts its own way passes
    ``render_post``."""
    render_post = render_post or _post
    site = view.forum
    forum = site.forum(thread.forum_id)
    tid, fid = thread.thread_id, forum.forum_id
    category = site.category(forum.category)
    trail = [(f"forum.php?gid={category.gid}", category.name)]
    if forum.parent_forum_id:
        parent = site.forum(forum.parent_forum_id)
        trail.append((f"forum.php?mod=forumdisplay&amp;fid={parent.forum_id}", parent.name))
    trail += [(f"forum.php?mod=forumdisplay&amp;fid={fid}", forum.name), (f"forum.php?mod=viewthread&amp;tid={tid}", thread.title)]
    posts = site.thread_posts(tid)[(page - 1) * POSTS_PER_PAGE: page * POSTS_PER_PAGE]
    pg = pager(f"forum.php?mod=viewthread&tid={tid}&extra=page%3D1&amp;page=", page, thread.page_count, view.words)
    subject, name = escape(thread.title), escape(forum.name)
    starter = site.users[thread.author]
    title = f"{subject} - 第{page}页 - {name} -  {view.site}" if page > 1 else f"{subject} - {name} -  {view.site}"
    body = breadcrumbs(view, trail) + f"""<div id="ct" class="wp cl">
<div id="pgt" class="pgs mbm cl ">
<div class="pgt">{pg}</div>
<span class="y pgb"><a href="forum.php?mod=forumdisplay&amp;fid={fid}">返回列表</a></span>
</div>
<div id="postlist" class="pl bm">
<table cellspacing="0" cellpadding="0">
<tr>
<td class="pls ptn pbn">
<div id="tath" class="cl">
楼主: <a href="home.php?mod=space&amp;uid={starter.uid}" title="{escape(starter.name)}">{escape(starter.name)}</a>
</div>
</td>
<td class="plc ptm pbn vwthd">
<h1 class="ts">
<span id="thread_subject">{subject}</span>
</h1>
<span class="xg1">
查看: <span class="xi1">{thread.views}</span><span class="pipe">|</span>回复: <span class="xi1">{thread.replies}</span>
</span>
</td>
</tr>
</table>
{"".join(render_post(view, forum, thread, post, page) for post in posts)}<div id="postlistreply" class="pl"><div id="post_new" class="viewthread_table" style="display: none"></div></div>
</div>
<div class="pgs mtm mbm cl">
{pg}<span class="pgb y"><a href="forum.php?mod=forumdisplay&amp;fid={fid}">返回列表</a></span>
</div>
<div id="f_pst" class="pl bm bmw">
<div class="pt hm">
您需要登录后才可以回帖 <a href="member.php?mod=logging&amp;action=login" onclick="showWindow('login', this.href)" class="xi2">登录</a> | <a href="member.php?mod=register" class="xi2">立即注册</a>
</div>
</div>
</div>
"""
    canonical = f"forum.php?mod=viewthread&tid={tid}"
    return (head(view, title, subject, f" {subject}", "forum_viewthread", canonical) + header(view, "pg_viewthread")
            + body + footer(view, f"thread:{tid}:{page}"))
