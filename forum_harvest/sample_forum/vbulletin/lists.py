"""vBulletin 4.2's forum home (``forumhome``: categories ``li.forumbit_nopost``, forums
``li.forumbit_post#forumN`` with ``h2.forumtitle``, sub-forums in ``ol.subforumlist``) and thread
list (``forumdisplay``: ``li.threadbit#thread_N``, ``a#thread_title_N``, ``ul.threadstats``
"Replies: 2" / "Views: 43", ``dl.threadlastpost``; sticky threads first on page 1 only), after
the stock templates (no real vBulletin list page was found to copy: see
tests/fixtures/vbulletin-4/README.md). Categories are forums in vBulletin
(``forumdisplay.php?f=1`` lists its forums); a forum guests may not view is not listed."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import list_pages
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Category, Forum, SampleForum, Thread
from forum_harvest.sample_forum.vbulletin.chrome import breadcrumbs, date_span, document, forum_link, pager, thread_link

THREADS_PER_PAGE = 20  # vBulletin's "maxthreads" default


def listed_forums(site: SampleForum) -> list[Forum]:
    return [f for f in site.forums if not f.members_only]


def _forumbit(view: View, forum: Forum) -> str:
    subs = "".join(f'<li class="subforum"><a href="{forum_link(s.forum_id)}">{escape(s.name)}</a></li>'
                   for s in view.forum.subforums(forum.forum_id))
    threads = [t for t in view.forum.threads if t.forum_id == forum.forum_id]
    return f"""
	<li id="forum{forum.forum_id}" class="forumbit_post old L2">
		<div class="forumrow table">
			<div class="foruminfo td">
				<img src="images/statusicon/forum_old-48.png" class="forumicon" id="forum_statusicon_{forum.forum_id}" alt="" />
				<div class="forumdata"><div class="datacontainer">
					<div class="titleline"><h2 class="forumtitle"><a href="{forum_link(forum.forum_id)}">{escape(forum.name)}</a></h2></div>
					<p class="forumdescription">{escape(forum.description)}</p>
					{f'<div class="subforums"><h4 class="subforumtitle">Sub-Forums:</h4><ol class="subforumlist commalist">{subs}</ol></div>' if subs else ""}
				</div></div>
			</div>
			<ul class="forumstats_2 td"><li>Threads: {len(threads)}</li><li>Posts: {sum(t.replies + 1 for t in threads)}</li></ul>
		</div>
	</li>"""


def _category(view: View, category: Category, forums: list[Forum]) -> str:
    return f"""
<li id="cat{category.gid}" class="forumbit_nopost L1">
	<div class="forumhead foruminfo L1 collapse">
		<h2><span class="forumtitle"><a href="{forum_link(category.gid)}">{escape(category.name)}</a></span></h2>
	</div>
	<ol id="c_cat{category.gid}" class="childforum">{"".join(_forumbit(view, f) for f in forums)}
	</ol>
</li>"""


def _top_level(site: SampleForum, category: int) -> list[Forum]:
    return [f for f in listed_forums(site) if f.category == category and f.parent_forum_id is None]


def forum_home(view: View) -> str:
    site = view.forum
    cats = "".join(_category(view, c, _top_level(site, c.gid)) for c in site.categories)
    body = f"""{breadcrumbs(view, [], site.site_name)}
<div id="pagetitle"><h1>{view.site}</h1></div>
<ol id="forums" class="floatcontainer">{cats}
</ol>"""
    return document(view, site.site_name, body)


def category_page(view: View, category: Category) -> str:
    """A category's ``forumdisplay.php?f=N``: its forums, no threads."""
    body = f"""{breadcrumbs(view, [], category.name)}
<div id="pagetitle"><h1>Forum: <span class="forumtitle">{escape(category.name)}</span></h1></div>
<div id="forumbits" class="forumbits"><ol>{"".join(_forumbit(view, f) for f in _top_level(view.forum, category.gid))}</ol></div>"""
    return document(view, category.name, body)



def _threadbit(view: View, thread: Thread) -> str:
    site = view.forum
    posts = site.thread_posts(thread.thread_id)
    starter, last = site.users[thread.author], posts[-1]
    poster = site.users[last.author]
    sticky = '<span class="prefix understate"><img src="images/misc/sticky.gif" alt="Sticky Thread" /> Sticky: </span>' if thread.sticky else ""
    return f"""
<li class="threadbit {"sticky" if thread.sticky else "hot"}" id="thread_{thread.thread_id}">
	<div class="rating0 {"sticky" if thread.sticky else "nonsticky"}">
		<div class="threadinfo" title="">
			<div class="inner">
				<h3 class="threadtitle">
					{sticky}<a class="title" href="{thread_link(thread.thread_id)}" id="thread_title_{thread.thread_id}">{escape(thread.title)}</a>
				</h3>
				<div class="threadmeta"><div class="author">
					<span class="label">Started by&nbsp;<a href="member.php?u={starter.uid}" class="username understate" title="Started by {escape(starter.name)}">{escape(starter.name)}</a>,&nbsp;{date_span(posts[0].posted_at, view.viewed_at, "&nbsp;")}</span>
				</div></div>
			</div>
		</div>
		<ul class="threadstats td alt" title="">
			<li>Replies: <a href="misc.php?do=whoposted&amp;t={thread.thread_id}" onclick="who({thread.thread_id}); return false;" class="understate">{thread.replies}</a></li>
			<li>Views: {thread.views}</li>
		</ul>
		<dl class="threadlastpost td">
			<dt class="lastpostby hidden">Last Post By</dt>
			<dd><div class="popupmenu memberaction"><a class="username offline popupctrl" href="member.php?u={poster.uid}" title="{escape(poster.name)} is offline"><strong>{escape(poster.name)}</strong></a></div></dd>
			<dd>{date_span(last.posted_at, view.viewed_at, ",&nbsp;")}
			<a href="showthread.php?t={thread.thread_id}&amp;p={last.post_id}#post{last.post_id}" class="lastpostdate understate" title="Go to last post"><img title="Go to last post" src="images/buttons/lastpost-right.png" alt="Go to last post" /></a></dd>
		</dl>
	</div>
</li>"""


def forum_page(view: View, forum: Forum, page: int) -> str:
    site = view.forum
    threads = site.forum_threads(forum.forum_id)
    plain = [t for t in threads if not t.sticky]
    shown = ([t for t in threads if t.sticky] if page == 1 else []) + plain[(page - 1) * THREADS_PER_PAGE:page * THREADS_PER_PAGE]
    total = list_pages(site, forum.forum_id, THREADS_PER_PAGE)
    nav = pager(lambda n: forum_link(forum.forum_id, n), page, total, THREADS_PER_PAGE, len(plain), "f", forum.forum_id)
    parent = site.forum(forum.parent_forum_id) if forum.parent_forum_id else None
    category = site.category(forum.category)
    trail = [(forum_link(category.gid), category.name)] + ([(forum_link(parent.forum_id), parent.name)] if parent else [])
    subs = site.subforums(forum.forum_id)
    subforums = (f'<div id="forumbits" class="forumbits"><div class="forumhead"><h2><span class="forumtitle">Sub-Forums</span></h2></div>'
                 f'<ol>{"".join(_forumbit(view, s) for s in subs)}</ol></div>') if subs else ""
    body = f"""{breadcrumbs(view, trail, forum.name)}
<div id="pagetitle"><h1>Forum: <span class="forumtitle">{escape(forum.name)}</span></h1><p class="description">{escape(forum.description)}</p></div>
{subforums}
<div id="above_threadlist" class="above_threadlist">
	<div class="threadpagenav">{nav}</div>
</div>
<div id="threadlist" class="threadlist">
	<form id="thread_inlinemod_form" action="inlinemod.php?forumid={forum.forum_id}" method="post">
		<div>
			<ol id="threads" class="threads">{"".join(_threadbit(view, t) for t in shown)}
			</ol>
		</div>
	</form>
</div>
<div id="below_threadlist" class="noinlinemod below_threadlist"><div class="threadpagenav">{nav}</div></div>"""
    return document(view, forum.name, body)
