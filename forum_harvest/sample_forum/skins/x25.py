"""Discuz! X2.5's default template: X3.5's pages with X2.5's small differences.

A post's table has no ``plhin`` class; with the default "author on the left" switched off,
``td.pls`` holds only the avatar and the author is a link (``a.xi2``) in the post's own
``div.authi``, right before ``em#authorposton{pid}``; the generator and footer say X2.5.
Thread lists, indexes and the archiver are X3.5's.
"""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Forum, Post, Thread
from forum_harvest.sample_forum.skins.x35 import x3_skin
from forum_harvest.sample_forum.thread_page import author_filter, floor_link, post_content

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
{floor_link(view, forum, post, 'title="复制本帖链接" ')}<div class="authi">
<img class="authicn vm" id="authicon{pid}" src="static/image/common/online_member.gif" />
<a href="home.php?mod=space&amp;uid={uid}" target="_blank" class="xi2">{escape(user.name)}</a>
<em id="authorposton{pid}">{view.words.poston} {when}</em>
<span class="pipe">|</span>{author_filter(view, tid, page, uid)}
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


X25 = x3_skin("x25", as_x25, _post)
