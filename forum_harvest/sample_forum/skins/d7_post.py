"""One post as Discuz! 6.x/7.x prints it: ``table#pid{pid}`` with ``td.postauthor > cite > a``,
``div.postinfo`` (floor ``strong#postnum{pid}`` ``N楼``, the 大 中 小 font-size ``em``s, then the
time as a bare text node), an optional ``<h2>`` reply heading, and ``div#postmessage_{pid}.t_msgfont``.

The message differs from X: a quote reads ``原帖由 X 于 T 发表`` under ``<h5>引用:</h5>``, the edit
notice is appended at the end as ``[<i> 本帖最后由 X 于 T 编辑 </i>]``, notices are ``div.notice``.
"""

from __future__ import annotations

import random
from html import escape

from forum_harvest.sample_forum.access import PRICE
from forum_harvest.sample_forum.clock import TimeStyle
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.message import body_html, edit_notice
from forum_harvest.sample_forum.model import Attachment, Forum, Image, Post, Thread
from forum_harvest.sample_forum.widgets import Markup


def _image(part: Image, rng: random.Random) -> str:
    return f'<img src="{part.src}" border="0" onclick="zoom(this)" onload="attachimg(this, \'load\')" alt="" />'


def _menu(a: Attachment, uploaded: str) -> str:
    return (f'<div class="t_attach" id="attach_{a.aid}_menu" style="position: absolute; display: none">'
            f'<img src="images/attachicons/common.gif" border="0" class="absmiddle" alt="" /> '
            f'<a href="attachment.php?aid={a.aid}&amp;nothumb=yes" target="_blank"><strong>{escape(a.filename)}</strong></a>'
            f' ({a.size_kb} KB)<br />\n下载次数: {a.downloads}<br />\n<div class="t_smallfont">{uploaded}</div></div>')


def attachment_in_post(a: Attachment, thread_id: int, times: TimeStyle) -> str:
    """``attachinpost()``: a picture with its hidden menu, or a file link whose size 7.x prints
    as bare text after the ``span`` (a real 7.0 page left 35 such sizes in a cleaned body)."""
    if a.is_image:
        return (f'<span style="position: absolute; display: none" id="attach_{a.aid}" onmouseover="showMenu(this.id, 0, 1)">'
                f'<img src="images/default/attachimg.gif" border="0"></span>\n'
                f'<img src="{a.path}" border="0" onload="attachimg(this, \'load\')" onmouseover="attachimginfo(this, '
                f"'attach_{a.aid}', 1);attachimg(this, 'mouseover')\" onclick=\"zoom(this, '{a.path}')\" "
                f"onmouseout=\"attachimginfo(this, 'attach_{a.aid}', 0, event)\" alt=\"\" />\n"
                + _menu(a, times.ymd_hm(a.uploaded_at)))
    return (f'<img src="images/attachicons/common.gif" border="0" class="absmiddle" alt="" /> '
            f'<span style="white-space: nowrap" id="attach_{a.aid}" onmouseover="showMenu(this.id)">'
            f'<a href="attachment.php?aid={a.aid}" target="_blank"><strong>{escape(a.filename)}</strong></a>'
            f'</span> ({a.size_kb} KB)\n' + _menu(a, times.ymd_hm(a.uploaded_at)))


def _jammer(rng: random.Random, site_name: str) -> str:
    """6.x/7.x ``jammer()``: junk (with, at random, the site's name) in a zero-size font or a
    hidden span, at every line break."""
    junk = "".join(chr(rng.randint(32, 59)) + " " + chr(rng.randint(63, 126)) for _ in range(rng.randint(5, 15)))
    seo = rng.choice(["", "", site_name])
    if rng.random() < 0.5:
        return f'<font style="font-size:0px;color:#FFFFFF">{seo}{junk}</font>\n'
    return f'\n<span style="display:none">{junk}{seo}</span>'


def robot_attachment_in_post(a: Attachment, thread_id: int, times: TimeStyle) -> str:
    """``attachinpost()`` for a robot (``{if !IS_ROBOT}`` … ``{else}``): the picture's own URL in
    a ``dl.t_attachlist``, its menu in a hidden ``div``; the ``dl`` is never closed."""
    if not a.is_image:
        return attachment_in_post(a, thread_id, times)
    return (f'<dl class="t_attachlist attachimg">\n<img src="{a.path}" alt="{escape(a.filename)}" />\n'
            f'<div style="display: none">\n<div class="t_smallfont">{times.ymd_hm(a.uploaded_at)}</div></div>\n')


D7_MARKUP = Markup(_image, attachment_in_post, _jammer)
D7_ROBOT_MARKUP = Markup(_image, robot_attachment_in_post, _jammer)


def attach_list(post: Post, times: TimeStyle) -> str:
    """Attachments not placed in the text: ``div.box.postattachlist`` under the message, each
    with its hidden ``div.attach_popup`` (downloads, upload time)."""
    if not post.attachments_below:
        return ""
    items = "".join(
        f'<dl class="t_attachlist">\n<dt><img src="images/attachicons/image.gif" border="0" class="absmiddle" alt="" />'
        f' <a href="attachment.php?aid={a.aid}&amp;nothumb=yes" id="aid{a.aid}" class="bold" target="_blank">'
        f'{escape(a.filename)}</a> <em>({a.size_kb} KB)</em>\n<div class="attach_popup" id="aid{a.aid}_menu" '
        f'style="display: none">\n<div class="cornerlayger">\n<p>下载次数:{a.downloads}</p>\n'
        f'<p>{times.ymd_hm(a.uploaded_at)}</p>\n</div>\n</div></dt>\n'
        f'<dd><p><img src="{a.path}" border="0" onload="attachimg(this, \'load\')" alt="" /></p></dd>\n</dl>\n'
        for a in post.attachments_below)
    return f'<div class="box postattachlist">\n<h4>附件</h4>\n{items}</div>\n'


def _quoted(view: View, post: Post) -> Post | None:
    q = post.quote
    return next((p for p in view.forum.thread_posts(post.thread_id)
                 if q and p.author == q.author and p.posted_at.replace(second=0) == q.posted_at), None)


def _quote(view: View, post: Post) -> str:
    q = post.quote
    if q is None:
        return ""
    quoted = _quoted(view, post)
    header = view.words.old_quote_header.format(author=escape(q.author), time=view.times.ymd_hm(q.posted_at))
    back = (f' <a href="redirect.php?goto=findpost&amp;pid={quoted.post_id}&amp;ptid={post.thread_id}" target="_blank">'
            f'<img src="{view.base_url}images/common/back.gif" border="0" onclick="zoom(this)" alt="" /></a>' if quoted else "")
    return (f'<div class="quote"><h5>引用:</h5><blockquote>{header}{back}\n{escape(q.text, quote=False)}</blockquote></div>')


def floor_text(view: View, forum: Forum, floor: int) -> str:
    names = view.words.floor_names
    return names[floor] if forum.floor_names and floor in names else f"{floor}{view.words.floor_suffix}"


def _message(view: View, forum: Forum, post: Post) -> str:
    site, words = view.forum, view.words
    if site.users[post.author].banned:
        return f'<div class="notice" style="width: 500px">{words.banned_notice}</div>\n'
    if post.paid:
        return (f'<div style="width: 500px;" class="notice">{words.paid_notice.format(price=PRICE)}</div>\n'
                f'<div class="box" style="width: 500px;"><button class="submit" type="button" '
                f"onclick=\"window.location.href='misc.php?action=pay&tid={post.thread_id}'\">购买</button></div>\n")
    suffix = f"\n\n[<i> {edit_notice(post, view.times)} </i>]" if post.edit else ""
    markup = D7_ROBOT_MARKUP if view.robot else D7_MARKUP
    html = body_html(post, forum.jammer, site.seed, site.site_name, _quote(view, post), suffix, markup, view.times)
    if post.hidden_lines:
        html += f'<div class="notice" style="width: 500px">{words.hide_notice}</div>'
    return f'<div id="postmessage_{post.post_id}" class="t_msgfont">{html}</div>\n{attach_list(post, view.times)}'


def _heading(view: View, post: Post) -> str:
    quoted = _quoted(view, post)
    if quoted is None:
        return ""
    return f"<h2>回复 {quoted.floor}{view.words.floor_suffix} {escape(quoted.author)} 的帖子</h2>\n"


def post_table(view: View, forum: Forum, thread: Thread, post: Post, page: int) -> str:
    site = view.forum
    user = site.users[post.author]
    pid, tid, uid = post.post_id, thread.thread_id, user.uid
    sign = ""
    if post.show_signature and not user.banned:
        sign = f'<div class="signatures" style="maxHeightIE: 96px;">\n{user.signature_html}\n</div>\n'
    return f"""<table id="pid{pid}" summary="pid{pid}" cellspacing="0" cellpadding="0">
<tr>
<td class="postauthor">
<cite><a href="space.php?uid={uid}" target="_blank" id="userinfo{pid}" class="dropmenu" onmouseover="showMenu(this.id)">{escape(user.name)}</a></cite>
<div class="avatar"><img src="{view.base_url}uc_server/avatar.php?uid={uid}&amp;size=middle" /></div>
<p><em>{user.group}</em></p>
<ul>
<li class="pm"><a href="pm.php?action=send&amp;uid={uid}" target="_blank" id="ajax_uid_{pid}" onclick="ajaxmenu(event, this.id, 9000000, null, 0)">发短消息</a></li>
</ul>
</td>
<td class="postcontent">
<div class="postinfo">
<strong title="复制帖子链接到剪贴板" id="postnum{pid}" onclick="setcopy('{view.base_url}viewthread.php?tid={tid}&amp;page={page}#pid{pid}', '帖子链接已经复制到剪贴板')">{floor_text(view, forum, post.floor)}</strong>
<em onclick="$('postmessage_{pid}').className='t_bigfont'">大</em>
<em onclick="$('postmessage_{pid}').className='t_msgfont'">中</em>
<em onclick="$('postmessage_{pid}').className='t_smallfont'">小</em>
{view.words.poston} {view.times.ymd_hm(post.posted_at)}&nbsp;
<a href="viewthread.php?tid={tid}&amp;page={page}&amp;authorid={uid}">{view.words.only_author}</a>
</div>
<div id="ad_thread2_{post.floor - 1}"></div>
<div class="postmessage defaultpost">
<div id="ad_thread3_{post.floor - 1}"></div><div id="ad_thread4_{post.floor - 1}"></div>
{_heading(view, post)}{_message(view, forum, post)}</div>
{sign}</td>
</tr>
<tr>
<td class="postauthor"></td>
<td class="postcontent">
<div class="postactions">
<p><a href="post.php?action=reply&amp;fid={forum.forum_id}&amp;tid={tid}&amp;repquote={pid}&amp;page={page}">引用</a>
<strong onclick="scroll(0,0)" title="顶部">TOP</strong></p>
</div>
</td>
</tr>
</table>
"""
