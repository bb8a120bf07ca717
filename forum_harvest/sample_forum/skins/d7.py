"""Discuz! 6.x/7.x: ``viewthread.php?tid=&page=`` with one ``div.mainbox.viewthread`` per post
(no ``div#post_N`` wrapper), absolute times to the minute, usually served as GBK."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import POSTS_PER_PAGE, Thread
from forum_harvest.sample_forum.skins.base import Skin
from forum_harvest.sample_forum.skins.d7_archiver import archiver_forum, archiver_index, archiver_thread
from forum_harvest.sample_forum.skins.d7_chrome import footer, head, message_page, nav, portal_page
from forum_harvest.sample_forum.skins.d7_lists import forum_page, index_page, thread_pages
from forum_harvest.sample_forum.skins.d7_post import post_table


def thread_page(view: View, thread: Thread, page: int) -> str:
    site = view.forum
    forum = site.forum(thread.forum_id)
    tid, fid = thread.thread_id, forum.forum_id
    posts = site.thread_posts(tid)[(page - 1) * POSTS_PER_PAGE: page * POSTS_PER_PAGE]
    subject = escape(thread.title)
    trail = [(f"forumdisplay.php?fid={forum.parent_forum_id}", site.forum(forum.parent_forum_id).name)] if forum.parent_forum_id else []
    trail.append((f"forumdisplay.php?fid={fid}", forum.name))
    pages = thread_pages(thread, page)
    tables = '</div>\n<div class="mainbox viewthread">\n'.join(post_table(view, forum, thread, p, page) for p in posts)
    buttons = f"""<div class="pages_btns">
<div class="threadflow"><a href="redirect.php?fid={fid}&amp;tid={tid}&amp;goto=nextoldset"> &lsaquo;&lsaquo; 上一主题</a> | <a href="redirect.php?fid={fid}&amp;tid={tid}&amp;goto=nextnewset">下一主题 &rsaquo;&rsaquo;</a></div>
{pages}<span class="replybtn"><a href="post.php?action=reply&amp;fid={fid}&amp;tid={tid}"><img src="images/default/reply.gif" border="0" alt="" /></a></span>
</div>
"""
    body = nav(view, trail, subject) + f"""<div id="wrap" class="wrap s_clear threadfix">
{buttons}<form method="post" name="modactions">
<input type="hidden" name="formhash" value="{view.formhash}" />
<div class="mainbox viewthread">
<span class="headactions"><a href="viewthread.php?action=printable&amp;tid={tid}" target="_blank" class="notabs">打印</a></span>
<h1>{subject}</h1>
{tables}</div>
</form>
{buttons}</div>
"""
    title = f"{subject} - {escape(forum.name)} - "
    return head(view, title, "viewthread") + body + footer(view, f"thread:{tid}:{page}")


D7 = Skin(
    name="d7", index=index_page, forum=forum_page, thread=thread_page, message=message_page, portal=portal_page,
    archiver_index=archiver_index, archiver_forum=archiver_forum, archiver_thread=archiver_thread,
    thread_link="viewthread.php?tid={tid}&page={page}",
)
