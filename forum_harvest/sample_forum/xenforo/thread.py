"""XenForo 2.x's ``thread_view`` page (see tests/fixtures/xenforo-2): breadcrumbs to the forum,
the title, the starter and start date, the pager, then the page's ``article.message--post``s."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import thread_pages
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Thread
from forum_harvest.sample_forum.xenforo.chrome import document, forum_path, page_header, pager, thread_path, time_tag
from forum_harvest.sample_forum.xenforo.posts import post_article

POSTS_PER_PAGE = 20  # XenForo's "Messages per page" default



def thread_page(view: View, thread: Thread, page: int) -> str:
    site = view.forum
    posts = site.thread_posts(thread.thread_id)
    forum = site.forum(thread.forum_id)
    trail = [(forum_path(f.forum_id, f.name), f.name) for f in (site.forum(forum.parent_forum_id), forum) if f]
    starter = site.users[thread.author]
    description = f"""<ul class="listInline listInline--bullet">
		<li><i class="fa--xf far fa-user" aria-hidden="true" title="Thread starter"></i><span class="u-srOnly">Thread starter</span>
			<a href="{view.base_url}members/{starter.uid}/" class="username  u-concealed" dir="auto" data-user-id="{starter.uid}" data-xf-init="member-tooltip">{escape(starter.name)}</a></li>
		<li><i class="fa--xf far fa-clock" aria-hidden="true" title="Start date"></i><span class="u-srOnly">Start date</span>
			<a href="{view.base_url}{thread_path(thread.thread_id, thread.title)}" class="u-concealed">{time_tag(posts[0].posted_at, view.viewed_at)}</a></li>
	</ul>"""
    nav = pager(view, lambda n: thread_path(thread.thread_id, thread.title, n), page, thread_pages(site, thread.thread_id, POSTS_PER_PAGE))
    shown = posts[(page - 1) * POSTS_PER_PAGE:page * POSTS_PER_PAGE]
    body = f"""{page_header(view, trail, thread.title, description)}
<div class="p-body-main"><div class="p-body-content"><div class="p-body-pageContent">
<div class="block block--messages" data-xf-init="" data-type="post" data-href="{view.base_url}inline-mod/" data-search-target="*">
	<span class="u-anchorTarget" id="posts"></span>
	<div class="block-outer"><div class="block-outer-main">{nav}</div></div>
	<div class="block-container lbContainer" data-xf-init="lightbox select-to-quote" data-lb-id="thread-{thread.thread_id}">
		<div class="block-body js-replyNewMessageContainer">{"".join(post_article(view, p, thread.title) for p in shown)}
		</div>
	</div>
	<div class="block-outer block-outer--after">{nav}</div>
</div>
</div></div></div>"""
    return document(view, "thread_view", thread.title, body,
                    canonical=thread_path(thread.thread_id, thread.title, page),
                    keys=f' data-container-key="node-{thread.forum_id}" data-content-key="thread-{thread.thread_id}"')
