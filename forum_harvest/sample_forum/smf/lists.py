"""SMF 2.1's board index (``BoardIndex.template.php``: per category ``div.cat_bar#category_N``
and ``div#category_N_boards``, one ``div#board_N`` per board, its child boards in
``div#board_N_children``) and a board's topic list (``MessageIndex.template.php``: the child
boards in ``div#board_N_childboards``, then ``#topic_container`` with one ``div.windowbg`` per
topic: ``span#msg_K`` around the subject link, "Started by", "Replies: R<br>Views: V", the last
post's time linked to its message, "by" its poster; sticky topics' rows ``windowbg sticky``),
as in tests/fixtures/smf-2.1. Topics are paged 20 to a page by offset (``board=N.20``), sticky
ones sorted first and paged with the others; a board guests may not see is not listed. A
redirect board is a row with the ``a.board_redirect`` icon and "Redirects: N" for its stats, no
last post; a child one is a link in its parent's "Sub-Boards" titled "N Redirects - DESCRIPTION"
on the index, a row like the others on its parent's page (tests/fixtures/smf-2.1-linkforums)."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import listed_forums
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Forum, LinkForum, Thread
from forum_harvest.sample_forum.smf.chrome import board_url, document, member, pagers, shown_time, topic_url

TOPICS_PER_PAGE = 20  # defaultMaxTopics
MESSAGES_PER_PAGE = 15  # defaultMaxMessages


def messages_per_page(view: View) -> int:
    """The forum's "Messages per page" (``defaultMaxMessages``): as its admin set it, else the install default."""
    return view.look.posts_per_page or MESSAGES_PER_PAGE


def topics_per_page(view: View) -> int:
    """The forum's "Topics per page" (``defaultMaxTopics``): as its admin set it, else the install default."""
    return view.look.topics_per_page or TOPICS_PER_PAGE


def _last_post(view: View, threads: list[Thread]) -> str:
    site = view.forum
    if not threads:
        return ""
    thread = max(threads, key=lambda t: site.last_post(t).posted_at)
    post = site.last_post(thread)
    link = (f'<a href="{view.base_url}index.php?topic={thread.thread_id}.msg{post.post_id}#new"'
            f' title="Re: {escape(thread.title)}">Re: {escape(thread.title)}</a>')
    return (f'<p><strong>Last post: </strong>{shown_time(view, post.posted_at)} <span class="postby">{link}'
            f' by {member(view, site.users[post.author])}</span></p>')


def _board(view: View, forum: Forum, children: bool) -> str:
    """``div#board_N``; ``children``: with its child boards listed (the board index does)."""
    site = view.forum
    threads = [t for t in site.threads if t.forum_id == forum.forum_id]
    posts = sum(len(site.thread_posts(t.thread_id)) for t in threads)
    subs = [s for s in site.subforums(forum.forum_id) if s in listed_forums(site)]
    links = site.links_in(forum.category, forum.forum_id)
    listed = " ".join([*(f'<span><a href="{board_url(view, s.forum_id)}" title="No New Posts">{escape(s.name)}</a></span>'
                         for s in subs),
                       *(f'<span><a href="{board_url(view, s.forum_id)}" title="0 Redirects - {escape(s.description)}">'
                         f'{escape(s.name)}</a></span>' for s in links)])
    child_list = f"""
			<div id="board_{forum.forum_id}_children" class="children">
				<p><strong id="child_list_{forum.forum_id}">Sub-Boards</strong>{listed}</p>
			</div>""" if children and listed else ""
    return _board_row(view, forum, '"board_on" title="New Posts"', f"Posts: {posts:,}<br>Topics: {len(threads):,}",
                      _last_post(view, threads), child_list)


def _redirect_board(view: View, link: LinkForum) -> str:
    return _board_row(view, link, '"board_redirect" title="Redirect Board"', "Redirects: 0", "", "")


def _board_row(view: View, forum: Forum | LinkForum, icon: str, stats: str, last_post: str, child_list: str) -> str:
    """``div#board_N``: its icon (``icon``: the link's class and title), name and description,
    ``stats``, its last post and the child boards' list."""
    return f"""
				<div id="board_{forum.forum_id}" class="up_contain ">
					<div class="board_icon">
		<a href="{board_url(view, forum.forum_id)}" class={icon}></a>
					</div>
					<div class="info">
		<a class="subject mobile_subject" href="{board_url(view, forum.forum_id)}" id="b{forum.forum_id}">
			{escape(forum.name)}
		</a>
		<div class="board_description">{escape(forum.description)}</div>
					</div><!-- .info -->
					<div class="board_stats">
		<p>
			{stats}
		</p>
					</div>
					<div class="lastpost">
			{last_post}
					</div>{child_list}
				</div><!-- #board_[id] -->"""


def index(view: View) -> str:
    site = view.forum
    categories = ""
    for category in site.categories:
        boards = [f for f in listed_forums(site) if f.category == category.gid and f.parent_forum_id is None]
        if not boards:
            continue
        categories += f"""
			<div class="cat_bar " id="category_{category.gid}">
				<h3 class="catbg">
					<a id="c{category.gid}"></a>{escape(category.name)}
				</h3>
			</div>
			<div id="category_{category.gid}_boards" >{"".join(_board(view, f, True) for f in boards)}{
                "".join(_redirect_board(view, link) for link in site.links_in(category.gid))}
			</div><!-- #category_[id]_boards -->"""
    body = f"""	<div id="boardindex_table" class="boardindex_table">
		<div class="main_container">{categories}
		</div><!-- .main_container -->
	</div><!-- #boardindex_table -->"""
    return document(view, f"{site.site_name} - Index", body, [],
                    f'<link rel="canonical" href="{view.base_url}index.php">')


def board_trail(view: View, forum: Forum) -> list[tuple[str, str]]:
    """The link tree's (URL, name) from the category down to ``forum``."""
    site = view.forum
    parent = site.forum(forum.parent_forum_id) if forum.parent_forum_id else None
    category = site.category(forum.category)
    return [(f"{view.base_url}index.php#c{category.gid}", category.name)] + [
        (board_url(view, f.forum_id), f.name) for f in (parent, forum) if f]


def _topic_pages(view: View, thread: Thread) -> str:
    """The row's own page links (``span.topic_pages``), for a topic of more than one page."""
    count, size = len(view.forum.thread_posts(thread.thread_id)), messages_per_page(view)
    if count <= size:
        return ""
    links = " ".join(f'<a class="nav_page" href="{topic_url(view, thread.thread_id, start)}">{n}</a>'
                     for n, start in enumerate(range(0, count, size), 1))
    return f'\n							<span id="pages{thread.thread_id}" class="topic_pages"><span class="pages">Pages</span>{links} </span>'


def _topic_row(view: View, thread: Thread) -> str:
    site = view.forum
    posts = site.thread_posts(thread.thread_id)
    last, last_start = posts[-1], (len(posts) - 1) // messages_per_page(view) * messages_per_page(view)
    sticky = thread.sticky
    return f"""
				<div class="windowbg{' sticky' if sticky else ''}">
					<div class="board_icon">
						<img src="{view.base_url}Themes/default/images/post/xx.png" alt="">
					</div>
					<div class="info info_block">
						<div >
							<div class="icons floatright">{'''
								<span class="main_icons sticky"></span>''' if sticky else ''}
							</div>
							<div class="message_index_title">
								<span class="preview{' bold_text' if sticky else ''}" title="">
									<span id="msg_{posts[0].post_id}"><a href="{topic_url(view, thread.thread_id)}">{escape(thread.title)}</a></span>
								</span>
							</div>
							<p class="floatleft">
								Started by {member(view, site.users[thread.author])}
							</p>{_topic_pages(view, thread)}
						</div><!-- #topic_[first_post][id] -->
					</div><!-- .info -->
					<div class="board_stats centertext">
						<p>Replies: {thread.replies:,}<br>Views: {thread.views:,}</p>
					</div>
					<div class="lastpost">
						<p><a href="{topic_url(view, thread.thread_id, last_start)}#msg{last.post_id}">{shown_time(view, last.posted_at)}</a><br>by {member(view, site.users[last.author])}</p>
					</div>
				</div><!-- $topic[css_class] -->"""


def board_page(view: View, forum: Forum, start: int) -> str:
    site = view.forum
    threads = site.forum_threads(forum.forum_id)
    size = topics_per_page(view)
    page, above, below = pagers(lambda offset: board_url(view, forum.forum_id, offset), start, size, len(threads))
    subs = [s for s in site.subforums(forum.forum_id) if s in listed_forums(site)]
    links = site.links_in(forum.category, forum.forum_id)
    children = f"""
	<div id="board_{forum.forum_id}_childboards" class="boardindex_table main_container">
		<div class="cat_bar">
			<h3 class="catbg">Sub-Boards</h3>
		</div>{"".join(_board(view, s, False) for s in subs)}{"".join(_redirect_board(view, link) for link in links)}
	</div><!-- #board_[current_board]_childboards -->""" if subs or links else ""
    rows = "".join(_topic_row(view, t) for t in threads[start:start + size])
    body = f"""<div id="display_head" class="information">
			<h2 class="display_title">{escape(forum.name)}</h2>
			<p>{escape(forum.description)}</p>
		</div>{children}
	<div class="pagesection">
		{above}
	</div>
		<div id="messageindex">
			<div id="topic_container">{rows}
			</div><!-- #topic_container -->
		</div><!-- #messageindex -->
	<div class="pagesection">
		{below}
	</div>"""
    title = forum.name + (f" - Page {page}" if page > 1 else "")
    return document(view, title, body, board_trail(view, forum),
                    f'<link rel="canonical" href="{board_url(view, forum.forum_id, start)}">')
