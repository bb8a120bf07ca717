"""phpBB 3.3 prosilver's board index (``index_body``: a ``div.forabg`` per category, its
header linking the category, ``li.row`` forums with ``a.forumtitle`` and their sub-forums as
``a.subforum``) and topic list (``viewforum_body``: ``ul.topiclist.topics`` of ``li.row`` with
``a.topictitle``, ``div.topic-poster``, ``dd.posts``, ``dd.views``, ``dd.lastpost``), as in
tests/fixtures/phpbb-33-live. Sticky topics sort first and count in the pagination, as phpBB
pages them; a forum guests may not view is not listed, as phpBB hides it without ``f_list``. A
link forum is a ``dl.row-item.forum_link`` row with its clicks counted (``dd.redirect`` "Total
redirects: N"), as on snasui.com's real 3.2 index (tests/fixtures/phpbb-32-snasui-index): in its
category's block, and in its parent's sub-forum block on ``viewforum.php`` (the same
``forumlist_body`` rows); no capture shows one in an index row's "Subforum:" list, so it is not
printed there."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import forum_trail, listed_forums
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Forum, LinkForum, Thread
from forum_harvest.sample_forum.phpbb.chrome import (document, forum_url, member, pagination, post_url, time_tag,
                                                     topic_url)
from forum_harvest.sample_forum.phpbb.posts import posts_per_page

TOPICS_PER_PAGE = 25  # phpBB's "Topics per page" install default


def topics_per_page(view: View) -> int:
    """The board's "Topics per page": as its admin set it, else the install default."""
    return view.look.topics_per_page or TOPICS_PER_PAGE


def _forum_row(view: View, forum: Forum) -> str:
    site = view.forum
    threads = [t for t in site.threads if t.forum_id == forum.forum_id]
    posts = [p for t in threads for p in site.thread_posts(t.thread_id)]
    subs = ", ".join(f'<a href="{forum_url(s.forum_id)}" class="subforum read" title="No unread posts">'
                     f'<i class="icon fa-file-o fa-fw icon-blue icon-md" aria-hidden="true"></i>{escape(s.name)}</a>'
                     for s in site.subforums(forum.forum_id))
    last = max(posts, key=lambda p: p.posted_at, default=None)
    latest = (f"""<dfn>Last post</dfn>
			<a href="{post_url(last.post_id)}" title="{escape(site.thread(last.thread_id).title)}" class="lastsubject">{escape(site.thread(last.thread_id).title)}</a> <br />
			by {member(site.users[last.author])}<br />{time_tag(last.posted_at)}""" if last else "No posts")
    return _row(forum, "forum_read", f'{f"<br /><strong>Subforum:</strong> {subs}" if subs else ""}', f"""
			<dd class="topics">{len(threads)} <dfn>Topics</dfn></dd>
			<dd class="posts">{len(posts)} <dfn>Posts</dfn></dd>
			<dd class="lastpost"><span>{latest}</span></dd>""")


def _link_row(forum: LinkForum) -> str:
    return _row(forum, "forum_link", """<div class="responsive-show" style="display: none;">
						Total redirects: <strong>0</strong>
					</div>""", """
			<dd class="redirect"><span>Total redirects: 0</span></dd>""")


def _row(forum: Forum | LinkForum, status: str, below: str, cells: str) -> str:
    """A ``li.row`` of a forum list: ``dl.row-item.<status>``, the title and description and what
    stands ``below`` them, then its ``cells``."""
    return f"""
	<li class="row">
		<dl class="row-item {status}">
			<dt title="No unread posts">
				<div class="list-inner">
					<a href="{forum_url(forum.forum_id)}" class="forumtitle">{escape(forum.name)}</a>
					<br />{escape(forum.description)}
					{below}
				</div>
			</dt>{cells}
		</dl>
	</li>"""


def _forum_block(view: View, header_id: int, header: str, forums: list[Forum | LinkForum]) -> str:
    """A ``div.forabg``: the header (a category, or the forum whose sub-forums these are), then its forums."""
    return f"""
<div class="forabg"><div class="inner">
	<ul class="topiclist">
		<li class="header"><dl class="row-item">
			<dt><div class="list-inner"><a href="{forum_url(header_id)}">{escape(header)}</a></div></dt>
			<dd class="topics">Topics</dd><dd class="posts">Posts</dd><dd class="lastpost"><span>Last post</span></dd>
		</dl></li>
	</ul>
	<ul class="topiclist forums">{"".join(_link_row(f) if isinstance(f, LinkForum) else _forum_row(view, f)
                                           for f in forums)}
	</ul>
</div></div>"""


def index(view: View) -> str:
    site = view.forum
    blocks = "".join(_forum_block(view, c.gid, c.name, [*(f for f in listed_forums(site)
                                                         if f.category == c.gid and f.parent_forum_id is None),
                                                       *site.links_in(c.gid)])
                     for c in site.categories)
    return document(view, site.site_name, blocks, "index")


def _topic_row(view: View, thread: Thread, alternate: int) -> str:
    site = view.forum
    posts = site.thread_posts(thread.thread_id)
    last = posts[-1]
    size = posts_per_page(view)
    pages = -(-len(posts) // size)
    pager = "" if pages < 2 else (
        '<div class="pagination"><span><i class="icon fa-clone fa-fw" aria-hidden="true"></i></span><ul>'
        + "".join(f'<li><a class="button" href="{topic_url(thread.thread_id, n * size)}">{n + 1}</a></li>'
                  for n in range(pages)) + "</ul></div>")
    return f"""
	<li class="row bg{alternate}{" sticky" if thread.sticky else ""}">
		<dl class="row-item {"sticky" if thread.sticky else "topic"}_read">
			<dt title="No unread posts">
				<div class="list-inner">
					<a href="{topic_url(thread.thread_id)}" class="topictitle">{escape(thread.title)}</a><br />
					<div class="topic-poster responsive-hide left-box">
						by {member(site.users[thread.author])} &raquo; {time_tag(posts[0].posted_at)}
					</div>
					{pager}
				</div>
			</dt>
			<dd class="posts">{thread.replies} <dfn>Replies</dfn></dd>
			<dd class="views">{thread.views} <dfn>Views</dfn></dd>
			<dd class="lastpost">
				<span><dfn>Last post </dfn>by {member(site.users[last.author])}
				<a href="{post_url(last.post_id)}" title="Go to last post"><i class="icon fa-external-link-square fa-fw icon-lightgray icon-md" aria-hidden="true"></i><span class="sr-only"></span></a>
				<br />{time_tag(last.posted_at)}</span>
			</dd>
		</dl>
	</li>"""


def forum_page(view: View, forum: Forum, start: int) -> str:
    """The topics from offset ``start`` on, as ``viewforum.php?f=N&start=K`` lists them."""
    site = view.forum
    threads = site.forum_threads(forum.forum_id)
    subs = [*site.subforums(forum.forum_id), *site.links_in(forum.category, forum.forum_id)]
    size = topics_per_page(view)
    nav = pagination(lambda offset: forum_url(forum.forum_id, offset), start, size, len(threads), "topic")
    shown = threads[start:start + size]
    body = f"""<h2 class="forum-title"><a href="{forum_url(forum.forum_id)}">{escape(forum.name)}</a></h2>
<div><div style="display: none !important;">{escape(forum.description)}<br /></div></div>
{_forum_block(view, forum.forum_id, forum.name, subs) if subs else ""}
<div class="action-bar bar-top">
	{nav}
</div>
<div class="forumbg"><div class="inner">
	<ul class="topiclist">
		<li class="header"><dl class="row-item">
			<dt><div class="list-inner">Topics</div></dt>
			<dd class="posts">Replies</dd><dd class="views">Views</dd><dd class="lastpost"><span>Last post</span></dd>
		</dl></li>
	</ul>
	<ul class="topiclist topics">{"".join(_topic_row(view, t, 1 + n % 2) for n, t in enumerate(shown))}
	</ul>
</div></div>
<div class="action-bar bar-bottom">
	{nav}
</div>"""
    page = start // size + 1
    return document(view, forum.name + (f" - Page {page}" if page > 1 else ""), body, "viewforum", forum_trail(site, forum))
