"""X archiver pages (``archiver/``, ``?fid-F.html``, ``?tid-T.html``) and ``robots.txt``.

The archiver is the text-light copy for search engines: no post ids, no floors, no jammer,
BBCode stripped, banned authors' posts empty. ``Look.real_archiver`` prints it as X3.5 does
(sub-forums above a forum's threads, unclosed ``li``, absolute times, ``[img]`` URLs left bare,
``**** Hidden Message *****``, nothing for a banned author); otherwise a simplified archiver.
"""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.layout import View, document_start
from forum_harvest.sample_forum.message import archiver_message
from forum_harvest.sample_forum.model import POSTS_PER_PAGE, THREADS_PER_PAGE, Forum, Post, Thread

ROBOTS = """#
# robots.txt for Discuz! X3
#

User-agent: *
Disallow: /api/
Disallow: /data/
Disallow: /source/
Disallow: /install/
Disallow: /template/
Disallow: /config/
Disallow: /uc_client/
Disallow: /uc_server/
Disallow: /static/
Disallow: /admin.php
Disallow: /search.php
Disallow: /member.php
Disallow: /api.php
Disallow: /misc.php
Disallow: /connect.php
Disallow: /forum.php?mod=redirect*
Disallow: /forum.php?mod=post*
Disallow: /home.php?mod=spacecp*
Disallow: /userapp.php?mod=app&*
Disallow: /*?mod=misc*
Disallow: /*?mod=attachment*
Disallow: /*mobile=yes*
"""


def _page(view: View, title: str, nav: str, content: str, end: str = "", canonical: str = "") -> str:
    start, link = document_start(view, canonical)
    return start + f"""<base href="{view.base_url}archiver/" />
<title>{title} -  Powered by Discuz! Archiver</title>
{link}<meta name="generator" content="Discuz! X3.5" />
<meta name="author" content="Discuz! Team and Comsenz UI Team" />
<meta name="copyright" content="2001-2026 Discuz! Team." />
</head>
<body vlink="#333333" link="#333333">
<center id="header">
<h2>{view.site}'s Archiver </h2>
</center><div id="nav">
	{nav}</div>

<div id="content">
{content}</div>
{end}<br />
<center>
		<div id="footer">
		Powered by <strong><a target="_blank" href="https://www.discuz.vip">Discuz! X3.5 Archiver</a></strong> &nbsp; &copy; 2001-2026 <a href="https://code.dismall.com/" target="_blank">Discuz! Team</a>.		<br />
		<br />
	</div>
</center>
</body>
</html>"""


def _pages(link: str, page: int, total: int) -> str:
    numbers = " ".join(f"<strong>[{n}]</strong>" if n == page else f'<a href="{link}&amp;page={n}">{n}</a>'
                       for n in range(1, total + 1))
    return f'\t\t\t\t<div class="page">\n\t\t页: \n{numbers} \n\t</div>\n'


def archiver_index(view: View) -> str:
    site = view.forum
    blocks = []
    for category in site.categories:
        items = []
        for forum in (f for f in site.forums if f.category == category.gid and f.parent_forum_id is None):
            items.append(f'\t\t<li><a href="?fid-{forum.forum_id}.html">{escape(forum.name)}</a></li>')
            subs = "".join(f'<li><a href="?fid-{s.forum_id}.html">{escape(s.name)}</a></li>'
                           for s in site.subforums(forum.forum_id))
            if subs:
                items.append(f"\t\t<ul>{subs}</ul>")
        blocks.append(f"\t<h3>{escape(category.name)}</h3>\n\t<ul>\n" + "\n".join(items) + "\n\t</ul>\n")
    return _page(view, view.site, f'<a href="./">{view.site}</a>', "".join(blocks))


def _subforum_list(view: View, forum: Forum) -> str:
    """The real archiver lists a forum's sub-forums above its threads."""
    subs = view.forum.subforums(forum.forum_id)
    if not subs:
        return ""
    items = "".join(f'\t\t<li><a href="?fid-{s.forum_id}.html">{escape(s.name)}</a></li>\n' for s in subs)
    return f"\t<ul>\n{items}\t</ul>\n"


def archiver_forum(view: View, forum: Forum, page: int) -> str:
    """Threads by last post; the real archiver leaves each ``li`` unclosed."""
    real = view.look.real_archiver
    threads = sorted(view.forum.forum_threads(forum.forum_id),
                     key=lambda t: -view.forum.last_post(t).posted_at.timestamp())
    total = max(1, -(-len(threads) // THREADS_PER_PAGE))
    page = min(page, total)
    shown = threads[(page - 1) * THREADS_PER_PAGE: page * THREADS_PER_PAGE]
    close = "" if real else "</li>"
    items = "".join(f'\t\t<li><a href="?tid-{t.thread_id}.html">{escape(t.title)}</a> '
                    f'({view.words.archiver_replies.format(n=t.replies)}){close}\n' for t in shown)
    content = _subforum_list(view, forum) if real else ""
    content += f'\t<ul type="1" start="{(page - 1) * THREADS_PER_PAGE + 1}">\n{items}\t</ul>\n'
    content += _pages(f"?fid-{forum.forum_id}.html", page, total) if total > 1 else ""
    nav = f'<a href="./">论坛</a> &rsaquo; {escape(forum.name)}'
    return _page(view, f"{escape(forum.name)} - {view.site}", nav, content,
                 canonical=f"forum.php?mod=forumdisplay&fid={forum.forum_id}")


def _archiver_post(view: View, post: Post, subject: str) -> str:
    """``p.author``, ``h3`` and the message text. The real archiver prints absolute times and
    nothing after ``p.author`` for a banned author; the simplified one relative times and an
    empty message."""
    site, real = view.forum, view.look.real_archiver
    banned = site.users[post.author].banned
    when = view.times.ymd_hm(post.posted_at) if real else view.times.relative(post.posted_at, view.viewed_at)
    author = (f"\t\t\t<p class=\"author\">\n\t\t\t\t\t<strong>{escape(post.author)}</strong>\n"
              f"\t\t\t\t{view.words.archiver_post_time} {when}\t</p>\n")
    if banned and real:
        return author
    message = "" if banned else archiver_message(post, site.site_name, site.seed, view.times, real)
    return author + f"\t\t\t<h3>{subject if post.floor == 1 else ''}</h3>\n\t\t{message}"


def archiver_thread(view: View, thread: Thread, page: int) -> str:
    site = view.forum
    page = min(page, thread.page_count)
    forum = site.forum(thread.forum_id)
    subject = escape(thread.title)
    posts = site.thread_posts(thread.thread_id)[(page - 1) * POSTS_PER_PAGE: page * POSTS_PER_PAGE]
    blocks = [_archiver_post(view, post, subject) for post in posts]
    content = "".join(blocks) + _pages(f"?tid-{thread.thread_id}.html", page, thread.page_count)
    nav = (f'<a href="./">论坛</a> &rsaquo; <a href="?fid-{forum.forum_id}.html">{escape(forum.name)}</a>'
           f" &rsaquo; {subject}")
    end = (f'<div id="end">\n\t查看完整版本:\n\t<a href="../forum.php?mod=viewthread&tid={thread.thread_id}&page={page}" '
           f'target="_blank"><strong>{subject}</strong></a>\n</div>\n')
    return _page(view, f"{subject} - {escape(forum.name)} - {view.site}", nav, content, end,
                 canonical=f"forum.php?mod=viewthread&tid={thread.thread_id}")
