"""MyBB 1.8's board index (``index``: a ``table.tborder`` per category, its head linking the
category, one ``forumbit_depth2_forum`` row per forum with its sub-forums after "Sub Forums:")
and thread list (``forumdisplay``: the "Forums in 'X'" table, then ``tr.inline_row`` per thread:
``span#tid_N``, ``span.author``, the replies in the "who posted" link, the views,
``span.lastpost``; sticky rows' cells ``forumdisplay_sticky``), as in tests/fixtures/mybb-1.8.
Sticky threads sort first and take places in the pages, as MyBB pages them; a forum guests may
not view is not listed. A link forum is linked like a board, with the ``offlink`` status icon
and ``-`` for its counts (its row, and its entry in a "Sub Forums:" list), as in
tests/fixtures/mybb-1.8-linkforums."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import forum_trail, list_pages, listed_forums
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Forum, LinkForum, Thread
from forum_harvest.sample_forum.mybb.chrome import (document, forum_url, member, navigation, pagination, shown_time,
                                                    thread_url)

THREADS_PER_PAGE = 20  # MyBB's "threadsperpage" default


def _sub_forum(forum: Forum | LinkForum) -> str:
    if isinstance(forum, LinkForum):
        icon = (f'<div title="Redirect Forum" class="subforumicon subforum_miniofflink ajax_mark_read"'
                f' id="mark_read_{forum.forum_id}"></div>')
    else:
        icon = '<div class="subforumicon subforum_minion"></div>'
    return f'{icon}<a href="{forum_url(forum.forum_id)}" title="">{escape(forum.name)}</a>'


def _forum_row(view: View, forum: Forum | LinkForum, n: int) -> str:
    site = view.forum
    if isinstance(forum, LinkForum):
        status = '<span class="forum_status forum_offlink ajax_mark_read" title="Redirect Forum"'
        threads, posts, subs = "-", "-", ""
    else:
        status = '<span class="forum_status forum_on" title="Forum Contains New Posts"'
        listed = [t for t in site.threads if t.forum_id == forum.forum_id]
        threads, posts = len(listed), sum(len(site.thread_posts(t.thread_id)) for t in listed)
        subs = ", ".join(map(_sub_forum, [*site.subforums(forum.forum_id), *site.links_in(forum.category, forum.forum_id)]))
    return f"""
<tr>
<td class="trow{n}" align="center" width="1">{status} id="mark_read_{forum.forum_id}"></span></td>
<td class="trow{n}">
<strong><a href="{forum_url(forum.forum_id)}">{escape(forum.name)}</a></strong><div class="smalltext">{escape(forum.description)}{f'<br /><strong>Sub Forums:</strong> {subs}' if subs else ""}</div>
</td>
<td class="trow{n}" align="center" style="white-space: nowrap">{threads}</td>
<td class="trow{n}" align="center" style="white-space: nowrap">{posts}</td>
</tr>"""


def _forum_table(view: View, head: str, forums: list[Forum | LinkForum]) -> str:
    rows = "".join(_forum_row(view, f, 1 + n % 2) for n, f in enumerate(forums))
    return f"""<table border="0" cellspacing="0" cellpadding="5" class="tborder">
<thead><tr><td class="thead" colspan="5">{head}</td></tr></thead>
<tbody>
<tr>
<td class="tcat" colspan="2"><span class="smalltext"><strong>Forum</strong></span></td>
<td class="tcat" width="85" align="center"><span class="smalltext"><strong>Threads</strong></span></td>
<td class="tcat" width="85" align="center"><span class="smalltext"><strong>Posts</strong></span></td>
</tr>{rows}
</tbody>
</table>
<br />"""


def index(view: View) -> str:
    site = view.forum
    tables = "".join(_forum_table(view, f'<div><strong><a href="{forum_url(c.gid)}">{escape(c.name)}</a></strong></div>',
                                  [*(f for f in listed_forums(site) if f.category == c.gid and f.parent_forum_id is None),
                                   *site.links_in(c.gid)])
                     for c in site.categories)
    body = f'<div class="navigation">\n<span class="active">{escape(site.site_name)}</span>\n</div>\n<br />\n{tables}'
    return document(view, site.site_name, body)


def _thread_row(view: View, thread: Thread, n: int) -> str:
    site, base = view.forum, view.base_url
    posts = site.thread_posts(thread.thread_id)
    cell = f"trow{n} forumdisplay_{'sticky' if thread.sticky else 'regular'}"
    return f"""
<tr class="inline_row">
	<td align="center" class="{cell}" width="2%"><span class="thread_status folder" title="No new posts.">&nbsp;</span></td>
	<td class="{cell}">
		<div>
			<span class="subject_old" id="tid_{thread.thread_id}"><a href="{thread_url(thread.thread_id)}">{escape(thread.title)}</a></span>
			<div><span class="author smalltext">{member(view, site.users[thread.author])}, </span><span class="thread_start_datetime smalltext">{shown_time(posts[0].posted_at)}</span></div>
		</div>
	</td>
	<td align="center" class="{cell}"><a href="{base}misc.php?action=whoposted&tid={thread.thread_id}" onclick="MyBB.whoPosted({thread.thread_id}); return false;">{thread.replies}</a></td>
	<td align="center" class="{cell}">{thread.views}</td>
	<td class="{cell}" style="white-space: nowrap; text-align: right;">
		<span class="lastpost smalltext">{shown_time(posts[-1].posted_at)}<br />
		<a href="showthread.php?tid={thread.thread_id}&amp;action=lastpost">Last Post</a>: {member(view, site.users[posts[-1].author])}</span>
	</td>
</tr>"""


def forum_page(view: View, forum: Forum, page: int) -> str:
    site = view.forum
    threads = site.forum_threads(forum.forum_id)
    shown = threads[(page - 1) * THREADS_PER_PAGE:page * THREADS_PER_PAGE]
    nav = pagination(lambda n: forum_url(forum.forum_id, n), page,
                     list_pages(site, forum.forum_id, THREADS_PER_PAGE, stickies_paged=True))
    trail = [(forum_url(number), name) for number, name in forum_trail(site, forum)[:-1]]
    subs = [*site.subforums(forum.forum_id), *site.links_in(forum.category, forum.forum_id)]
    body = f"""{navigation(view, trail, forum.name)}
<br />
{_forum_table(view, f"<strong>Forums in '{escape(forum.name)}'</strong>", subs) if subs else ""}
{nav}
<table border="0" cellspacing="0" cellpadding="5" class="tborder clear">
	<tr><td class="thead" colspan="6"><div><strong>{escape(forum.name)}</strong></div></td></tr>
	<tr>
		<td class="tcat" colspan="2" width="66%"><span class="smalltext"><strong>Thread / Author</strong></span></td>
		<td class="tcat" align="center" width="7%"><span class="smalltext"><strong>Replies</strong></span></td>
		<td class="tcat" align="center" width="7%"><span class="smalltext"><strong>Views</strong></span></td>
		<td class="tcat" align="right" width="20%"><span class="smalltext"><strong>Last Post</strong></span></td>
	</tr>{"".join(_thread_row(view, t, 1 + n % 2) for n, t in enumerate(shown))}
</table>
{nav}"""
    return document(view, f"{site.site_name} - {forum.name}", body)
