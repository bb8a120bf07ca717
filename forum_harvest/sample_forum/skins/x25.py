"""Discuz! X2.5's default template: X3.5's pages with X2.5's small differences.

A post's table has no ``plhin`` class; with the default "author on the left" switched off,
``td.pls`` holds only the avatar and the author is a link (``a.xi2``) in the post's own
``div.authi``, right before ``em#authorposton{pid}``; the generator and footer say X2.5.
Thread lists, indexes and the archiver are X3.5's.
"""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.archiver import archiver_forum, archiver_index, archiver_thread
from forum_harvest.sample_forum.layout import View, message_page, portal_page
from forum_harvest.sample_forum.listing import forum_page, index_page
from forum_harvest.sample_forum.model import Forum, Post, Thread
from forum_harvest.sample_forum.skins.base import Skin, restyled
from forum_harvest.sample_forum.thread_page import floor_html, post_content, thread_page

VERSION = "X2.5"


def as_x25(view: View, html: str) -> str:
    """X3.5's version strings as X2.5 prints them."""
    return (html.replace('<meta name="generator" content="Discuz! X3.5" />', f'<meta name="generator" content="Discuz! {VERSION}" />', 1)
            .replace("<em>X3.5</em></p>", f"<em>{VERSION}</em></p>", 1)
            .replace("2001-2026 Discuz! Team.", "2001-2012 Comsenz Inc.", 1))


def _post(view: View, forum: Forum, thread: Thread, post: Post, page: int) -> str:
    user = view.forum.users[post.author]
    pid, tid, uid = post.post_id, thread.thread_id, user.uid
    when = view.times.relative(post.posted_at, view.viewed_at)
    sign = f'<div class="sign" style="max-height:100px;maxHeightIE:100px;">{user.signature_html}</div>\n' if (
        post.show_signature and not user.banned) else ""
    return f"""<div id="post_{pid}" ><table id="pid{pid}" summary="pid{pid}" cellspacing="0" cellpadding="0">
<tr>
<td class="pls" rowspan="2">
<div>
<div class="avatar" onmouseover="showauthor(this, 'userinfo{pid}')"><a href="home.php?mod=space&amp;uid={uid}" target="_blank"><img src="{view.base_url}uc_server/avatar.php?uid={uid}&size=middle" /></a></div>
<p><em><a href="home.php?mod=spacecp&amp;ac=usergroup&amp;gid={4 if user.banned else 11}" target="_blank">{user.group}</a></em></p>
</div>
</td>
<td class="plc">
<div class="pi">
<strong>
<a href="forum.php?mod=redirect&goto=findpost&ptid={tid}&pid={pid}" title="复制本帖链接" id="postnum{pid}" onclick="setCopy(this.href, '帖子地址复制成功');return false;">
{floor_html(view, forum, post.floor)}</a>
</strong>
<div class="pti">
<div class="pdbt">
</div>
<div class="authi">
<img class="authicn vm" id="authicon{pid}" src="static/image/common/online_member.gif" />
<a href="home.php?mod=space&amp;uid={uid}" target="_blank" class="xi2">{escape(user.name)}</a>
<em id="authorposton{pid}">{view.words.poston} {when}</em>
<span class="pipe">|</span><a href="forum.php?mod=viewthread&amp;tid={tid}&amp;page={page}&amp;authorid={uid}" rel="nofollow">{view.words.only_author}</a>
</div>
</div>
</div><div class="pct"><div class="pcb">
{post_content(view, forum, post)}</div>
</div>
</td></tr>
<tr><td class="plc plm">
{sign}</td>
</tr>
</table>
</div>"""


def _thread(view: View, thread: Thread, page: int) -> str:
    return thread_page(view, thread, page, _post)


X25 = Skin(
    name="x25", index=restyled(index_page, as_x25), forum=restyled(forum_page, as_x25),
    thread=restyled(_thread, as_x25), message=restyled(message_page, as_x25), portal=restyled(portal_page, as_x25),
    archiver_index=archiver_index, archiver_forum=archiver_forum, archiver_thread=archiver_thread,
)
