"""vBulletin 4.2's ``showthread`` page (see tests/fixtures/vbulletin-4): breadcrumbs to the
forum, "Thread: <span class="threadtitle">", the pager, then ``ol#posts`` of postbits."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import thread_pages
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Thread
from forum_harvest.sample_forum.vbulletin.chrome import breadcrumbs, document, forum_link, pager, thread_link
from forum_harvest.sample_forum.vbulletin.posts import postbit

POSTS_PER_PAGE = 15  # vBulletin's "maxposts" default



def thread_page(view: View, thread: Thread, page: int) -> str:
    site = view.forum
    posts = site.thread_posts(thread.thread_id)
    forum = site.forum(thread.forum_id)
    parent = site.forum(forum.parent_forum_id) if forum.parent_forum_id else None
    trail = [(forum_link(site.category(forum.category).gid), site.category(forum.category).name)]
    trail += [(forum_link(f.forum_id), f.name) for f in (parent, forum) if f]
    total = thread_pages(site, thread.thread_id, POSTS_PER_PAGE)
    nav = pager(lambda n: thread_link(thread.thread_id, n), page, total, POSTS_PER_PAGE, len(posts), "t", thread.thread_id)
    shown = posts[(page - 1) * POSTS_PER_PAGE:page * POSTS_PER_PAGE]
    body = f"""{breadcrumbs(view, trail, thread.title)}
<div id="pagetitle" class="pagetitle">
	<h1>
		Thread: <span class="threadtitle"><a href="{thread_link(thread.thread_id)}" title="Reload this Page">{escape(thread.title)}</a></span>
	</h1>
</div>
<div id="thread_controls" class="thread_controls toolsmenu">
	<div id="pagination_top" class="pagination_top">
		{nav}
	</div>
</div>
<div id="postlist" class="postlist restrain">
		<ol id="posts" class="posts" start="{(page - 1) * POSTS_PER_PAGE + 1}">{"".join(postbit(view, p, thread.title) for p in shown)}
		</ol>
</div>
<div id="below_postlist" class="noinlinemod below_postlist">
	<div id="pagination_bottom" class="pagination_bottom">
		{nav}
	</div>
</div>"""
    return document(view, thread.title, body, canonical=thread_link(thread.thread_id, page))
