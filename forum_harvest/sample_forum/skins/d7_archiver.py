"""The Discuz! 6.x/7.x archiver: ``div.archiver_post`` per post (``p > cite`` author, then the
bare time), the message as its raw BBCode (escaped, ``nl2br``; only ``[hide]`` is replaced by
``**** Hidden Message *****``; jammer junk at line breaks in jammed forums), twice the posts
and threads of a dynamic page per page, page links ``archiver/?tid-T-page-P.html``; threads
with a price are left out."""

from __future__ import annotations

import random
from html import escape

from forum_harvest.sample_forum.injection import with_site_name
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.message import HIDDEN_MESSAGE
from forum_harvest.sample_forum.model import POSTS_PER_PAGE, THREADS_PER_PAGE, Forum, Image, Line, Link, Post, Thread
from forum_harvest.sample_forum.skins.d7_chrome import VERSION

PER_PAGE = 2 * POSTS_PER_PAGE  # the archiver shows twice the posts (and threads) of a page


def _page(view: View, title: str, body: str, full_title: str, full_link: str) -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<base href="{view.base_url}" />
<title>{title} {view.site}  - Powered by Discuz! Archiver</title>
<meta http-equiv="Content-Type" content="text/html; charset={view.charset}" />
<meta name="keywords" content="Discuz!,Board,Comsenz,forums,bulletin board," />
<meta name="description" content=" {view.site}  - Discuz! Archiver" />
<meta name="generator" content="Discuz! Archiver {VERSION}" />
<meta name="author" content="Discuz! Team & Comsenz UI Team" />
<meta name="copyright" content="2001-2009 Comsenz Inc." />
<link rel="stylesheet" type="text/css" href="forumdata/cache/style_1.css" />
</head>
<body class="archiver">
<div class="wrap">
{body}<div class="archiver_fullversion">{view.words.archiver_full_version}: <strong><a href="{full_link}" target="_blank">{full_title}</a></strong></div>
</div>
<p id="copyright">Powered by <strong><a href="http://www.discuz.net" target="_blank">Discuz! Archiver</a></strong> <em>{VERSION}</em>&nbsp;
&copy; 2001-2009 <a href="http://www.comsenz.com" target="_blank">Comsenz Inc.</a><br /><br /></p>
</body>
</html>"""


def _multi(total: int, per_page: int, page: int, link: str) -> str:
    pages = -(-total // per_page)
    links = "".join(f"<strong>[{n}]</strong> \n" if n == page else f"<a href=archiver/{link}-page-{n}.html>{n}</a> \n"
                    for n in range(max(1, page - 10), min(pages, page + 9) + 1))
    return f'<div class="archiver_pages">页: \n{links}</div>'


def archiver_index(view: View) -> str:
    site = view.forum
    out = ['<div id="nav"><a href="archiver/">' + view.site + "</a></div>\n", '<ul class="archiver_forumlist">\n']
    for category in site.categories:
        out.append(f"<li><h3>{escape(category.name)}</h3><ul>\n")
        for forum in (f for f in site.forums if f.category == category.gid and f.parent_forum_id is None):
            out.append(f'<li><a href="archiver/?fid-{forum.forum_id}.html">{escape(forum.name)}</a>\n')
            if subs := site.subforums(forum.forum_id):
                items = "".join(f'<li><a href="archiver/?fid-{s.forum_id}.html">{escape(s.name)}</a></li>\n' for s in subs)
                out.append(f"<ul>\n{items}</ul></li>\n")
        out.append("</li></ul>\n")
    return _page(view, "", "".join(out) + "</ul>\n", view.site, "index.php")


def archiver_forum(view: View, forum: Forum, page: int) -> str:
    site, fid = view.forum, forum.forum_id
    threads = site.forum_threads(fid)  # sticky first, then by last post
    page = min(page, max(1, -(-len(threads) // (2 * THREADS_PER_PAGE))))
    shown = threads[(page - 1) * 2 * THREADS_PER_PAGE: page * 2 * THREADS_PER_PAGE]
    items = "".join(f'<li><a href="archiver/?tid-{t.thread_id}.html">{escape(t.title)}</a> '
                    f"<em>({view.words.archiver_replies.format(n=f'{t.replies} ')})</em></li>\n" for t in shown)
    parent = site.forum(forum.parent_forum_id) if forum.parent_forum_id else None
    sub = f'<a href="archiver/?fid-{parent.forum_id}.html">{escape(parent.name)}</a> &raquo; ' if parent else " "
    name = escape(forum.name)
    body = (f'<div id="nav">\n<a href="archiver/">{view.site}</a> &raquo; {sub}<a href="archiver/?fid-{fid}.html">{name}</a></div>\n'
            f'<h1><a href="forumdisplay.php?fid={fid}" target="_blank">{view.words.archiver_full_version}: {name}</a></h1>\n'
            f'<ul class="archiver_threadlist" type="1" start="{(page - 1) * 2 * THREADS_PER_PAGE + 1}">\n{items}</ul>\n'
            + _multi(len(threads), 2 * THREADS_PER_PAGE, page, f"?fid-{fid}"))
    return _page(view, f"{name} - ", body, name, f"forumdisplay.php?fid={fid}")


def _bbcode_line(line: Line) -> str:
    out = []
    for part in line.parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Link):
            out.append(f"[url={part.href}]{part.text}[/url]")
        elif isinstance(part, Image):
            out.append(f"[img]{part.src}[/img]")
        else:
            out.append(f"[attach]{part.aid}[/attach]")
    return ("[*]" if line.list_item else "") + "".join(out)


def bbcode(view: View, post: Post) -> str:
    """The message as the author's BBCode (with the edit notice 6.x appends)."""
    site, words, times = view.forum, view.words, view.times
    text, in_list = "", False
    if post.quote:
        header = words.old_quote_header.format(author=post.quote.author, time=times.ymd_hm(post.quote.posted_at))
        text += f"[quote]{header}\n{post.quote.text} [/quote]\n"
    lines = []
    for line in with_site_name(post, site.site_name, site.seed):
        if line.list_item != in_list:
            lines.append("[list]" if line.list_item else "[/list]")
            in_list = line.list_item
        lines.append(_bbcode_line(line))
    text += "\n".join(lines + (["[/list]"] if in_list else []))
    if post.hidden_lines:
        text += "\n[hide]" + "\n".join(_bbcode_line(line) for line in post.hidden_lines) + "[/hide]"
    if post.edit:
        text += "\n\n[[i] " + words.edit_notice.format(editor=post.edit.editor, time=times.ymd_hm(post.edit.edited_at)) + " [/i]]"
    return text


def _jammer(rng: random.Random) -> str:
    junk = "".join(chr(rng.randint(33, 59)) + chr(rng.randint(63, 126)) for _ in range(rng.randint(5, 15)))
    junk = escape(junk, quote=False)
    return (f'<font style="font-size:0px;color:#F7F7F7">{junk}</font><br />' if rng.random() < 0.5
            else f'<br /><span style="display:none">{junk}</span>')


BANNED = "*** 作者被禁止或删除 内容自动屏蔽 ***"


def _message(view: View, forum: Forum, post: Post) -> str:
    site = view.forum
    if site.users[post.author].banned:
        return BANNED
    hidden = "\x00"
    text = bbcode(view, post)
    if post.hidden_lines:
        text = text[: text.index("[hide]")] + hidden + text[text.index("[/hide]") + len("[/hide]"):]
    html = escape(text).replace("\n", "<br />\n").replace(hidden, HIDDEN_MESSAGE)
    if forum.jammer:
        rng = random.Random(f"{site.seed}:{post.post_id}:archiver")
        html = "".join((_jammer(rng) if i else "") + piece for i, piece in enumerate(html.split("<br />")))
    return (f"<h2>{escape(view.forum.thread(post.thread_id).title)}</h2>" if post.floor == 1 else "") + html


def archiver_thread(view: View, thread: Thread, page: int) -> str:
    """Threads with a price are not in the 6.x/7.x archiver: it answers as for a missing one."""
    site = view.forum
    forum = site.forum(thread.forum_id)
    posts = site.thread_posts(thread.thread_id)
    if any(p.paid for p in posts):
        body = f'<div id="nav"><a href="archiver/">{view.site}</a></div><br />\n<div class="simpletable smalltxt"><div class="subtable altbg2"><br />您没有权限查看这个话题或该话题不存在。<br /><br /></div></div>\n'
        return _page(view, "", body, view.site, "index.php")
    page = min(page, max(1, -(-len(posts) // PER_PAGE)))
    blocks = "".join(f'<div class="archiver_post">\n\t<p><cite>{escape(p.author)}</cite> {view.times.ymd_hm(p.posted_at)}</p>\n'
                     f'\t<div class="archiver_postbody">{_message(view, forum, p)}</div>\n</div>\n'
                     for p in posts[(page - 1) * PER_PAGE: page * PER_PAGE])
    parent = site.forum(forum.parent_forum_id) if forum.parent_forum_id else None
    sub = f' <a href="archiver/?fid-{parent.forum_id}.html">{escape(parent.name)}</a> <b>&raquo;</b> ' if parent else " "
    subject = escape(thread.title)
    tid = thread.thread_id
    body = (f'<div id="nav">\n<a href="archiver/">{view.site}</a> &raquo;{sub}<a href="archiver/?fid-{forum.forum_id}.html">'
            f"{escape(forum.name)}</a> &raquo; {subject}</div>\n"
            f'<h1><a href="viewthread.php?tid={tid}" target="_blank">{view.words.archiver_full_version}: {subject}</a></h1>\n'
            + blocks + _multi(len(posts), PER_PAGE, page, f"?tid-{tid}"))
    return _page(view, f"{subject}(页 {page})  - {escape(forum.name)} - ", body, subject, f"viewthread.php?tid={tid}")
