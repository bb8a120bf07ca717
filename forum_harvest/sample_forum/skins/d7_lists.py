"""Discuz! 6.x/7.x forum index (``index.php``, ``div.mainbox.forumlist``) and thread lists
(``forumdisplay.php?fid=``: ``div.mainbox.threadlist``, rows ``tbody#normalthread_{tid}`` /
``tbody#stickthread_{tid}`` with ``td.author > cite > a`` and the start date in ``em``)."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.listing import page_threads
from forum_harvest.sample_forum.model import POSTS_PER_PAGE, SITE_TZ, THREADS_PER_PAGE, Category, Forum, Thread
from forum_harvest.sample_forum.skins.d7_chrome import footer, head, multi, nav


def _last_post(view: View, threads: list[Thread]) -> str:
    if not threads:
        return "从未"
    thread = max(threads, key=lambda t: view.forum.last_post(t).posted_at)
    last = view.forum.last_post(thread)
    return (f'<a href="redirect.php?tid={thread.thread_id}&amp;goto=lastpost#lastpost">{escape(thread.title[:40])}</a>\n'
            f"<cite>by {escape(last.author)} - {view.times.ymd_hm(last.posted_at)}</cite>")


def _forum_row(view: View, forum: Forum) -> str:
    site = view.forum
    threads = site.forum_threads(forum.forum_id)
    today = view.viewed_at.astimezone(SITE_TZ).date()
    new = sum(1 for t in threads for p in site.thread_posts(t.thread_id) if p.posted_at.astimezone(SITE_TZ).date() == today)
    subs = ", ".join(f'<a href="forumdisplay.php?fid={s.forum_id}">{escape(s.name)}</a>' for s in site.subforums(forum.forum_id))
    return f"""<tbody id="forum{forum.forum_id}">
<tr>
<th class="{'new' if new else 'common'}">
<h2><a href="forumdisplay.php?fid={forum.forum_id}">{escape(forum.name)}</a>{f'<em> (今日: {new})</em>' if new else ''}</h2>
{f'<p>{escape(forum.description)}</p>' if forum.description else ''}{f'<p>子版块: {subs}</p>' if subs else ''}
</th>
<td class="nums">{len(threads)}</td>
<td class="nums">{sum(t.replies + 1 for t in threads)}</td>
<td class="lastpost">
{_last_post(view, threads)}
</td>
</tr>
</tbody>
"""


def _category(view: View, category: Category) -> str:
    gid = category.gid
    forums = [f for f in view.forum.forums if f.category == gid and f.parent_forum_id is None]
    return f"""<div class="mainbox forumlist">
<span class="headactions"><img id="category_{gid}_img" src="images/default/collapsed_no.gif" title="收起/展开" alt="收起/展开" onclick="toggle_collapse('category_{gid}');" /></span>
<h3><a href="index.php?gid={gid}">{escape(category.name)}</a></h3>
<table id="category_{gid}" summary="category{gid}" cellspacing="0" cellpadding="0">
<thead class="category">
<tr><th>版块</th><td class="nums">主题</td><td class="nums">帖数</td><td class="lastpost">最后发表</td></tr>
</thead>
{"".join(_forum_row(view, f) for f in forums)}</table>
</div>
"""


def index_page(view: View, category: Category | None = None) -> str:
    categories = [category] if category else view.forum.categories
    crumbs = nav(view, [], escape(category.name)) if category else f'<div id="nav"><a href="index.php">{view.site}</a> &raquo; 首页</div>\n'
    body = crumbs + '<div id="wrap" class="wrap s_clear">\n' + "".join(_category(view, c) for c in categories) + "</div>\n"
    title = f"{escape(category.name)} - " if category else ""
    return head(view, title, "index") + body + footer(view, f"index:{category.gid if category else 0}")


def _row(view: View, thread: Thread) -> str:
    site, times = view.forum, view.times
    tid = thread.thread_id
    first, last = site.thread_posts(tid)[0], site.last_post(thread)
    kind = "stickthread" if thread.sticky else "normalthread"
    href = f"viewthread.php?tid={tid}&amp;extra=page%3D1"
    pages = "".join(f' <a href="{href}&amp;page={n}">{n}</a>' for n in range(2, thread.page_count + 1))
    pin = '<img src="images/default/pin_1.gif" alt="本版置顶" />' if thread.sticky else ""
    return f"""<tbody id="{kind}_{tid}" >
<tr>
<td class="folder"><a href="{href}" title="新窗口打开" target="_blank"><img src="images/default/folder_common.gif" /></a></td>
<td class="icon">&nbsp;</td>
<th class="common" >
<label>{pin}&nbsp;</label>
<span id="thread_{tid}"><a href="{href}">{escape(thread.title)}</a></span>
{f'<span class="threadpages">{pages}</span>' if pages else ''}
</th>
<td class="author">
<cite>
<a href="space.php?uid={site.users[thread.author].uid}">{escape(thread.author)}</a>
</cite>
<em>{times.ymd(first.posted_at)}</em>
</td>
<td class="nums"><strong>{thread.replies}</strong> / <em>{thread.views}</em></td>
<td class="lastpost">
<em><a href="redirect.php?tid={tid}&amp;goto=lastpost#lastpost">{times.ymd_hm(last.posted_at)}</a></em>
<cite>by <a href="space.php?username={quote(last.author)}">{escape(last.author)}</a></cite>
</td>
</tr>
</tbody>
"""


def _table(fid: int, rows: str, thead: str) -> str:
    return f'<table summary="forum_{fid}" id="forum_{fid}" cellspacing="0" cellpadding="0">\n{thead}{rows}</table>\n'


def _subforums(view: View, forum: Forum) -> str:
    subs = view.forum.subforums(forum.forum_id)
    if not subs:
        return ""
    rows = "".join(_forum_row(view, s) for s in subs)
    return f"""<div class="mainbox list">
<span class="headactions"><img id="subforum_{forum.forum_id}_img" src="images/default/collapsed_no.gif" title="收起/展开" alt="收起/展开" onclick="toggle_collapse('subforum_{forum.forum_id}');" /></span>
<h3>子版块</h3>
<table id="subforum_{forum.forum_id}" summary="subform" cellspacing="0" cellpadding="0">
{rows}</table>
</div>
"""


def forum_page(view: View, forum: Forum, page: int) -> str:
    site, fid = view.forum, forum.forum_id
    threads = page_threads(view, forum, page)
    count = len(site.forum_threads(fid))
    sticky = [t for t in site.forum_threads(fid) if t.sticky]
    per_page = THREADS_PER_PAGE - len(sticky)
    pages = multi(count - len(sticky), per_page, page, f"forumdisplay.php?fid={fid}")
    head_row = ('<thead class="category">\n<tr><td class="folder">&nbsp;</td><td class="icon">&nbsp;</td><th>标题</th>'
                '<td class="author">作者</td><td class="nums">回复/查看</td><td class="lastpost">最后发表</td></tr>\n</thead>\n')
    normal = "".join(_row(view, t) for t in threads if not t.sticky)
    if any(t.sticky for t in threads):
        separation = ('<thead class="separation">\n<tr><td>&nbsp;</td><td>&nbsp;</td><td colspan="4">版块主题</td></tr>\n'
                      "</thead>\n")
        tables = (_table(fid, "".join(_row(view, t) for t in threads if t.sticky), head_row).replace(f' id="forum_{fid}"', "", 1)
                  + _table(fid, normal, separation))
    else:
        tables = _table(fid, normal, head_row)
    trail = [(f"forumdisplay.php?fid={forum.parent_forum_id}", site.forum(forum.parent_forum_id).name)] if forum.parent_forum_id else []
    body = nav(view, trail, escape(forum.name)) + f"""<div id="wrap" class="wrap s_clear">
{_subforums(view, forum)}<div class="pages_btns">
{pages}<span class="postbtn" id="newspecial"><a href="post.php?action=newthread&amp;fid={fid}"><img src="images/default/newtopic.gif" border="0" alt="发新话题" title="发新话题" /></a></span>
</div>
<div class="mainbox threadlist">
<h1><a href="forumdisplay.php?fid={fid}" class="bold">{escape(forum.name)}</a></h1>
<form method="post" name="moderate" action="topicadmin.php?action=moderate&amp;fid={fid}">
<input type="hidden" name="formhash" value="{view.formhash}" />
{tables}</form>
</div>
<div class="pages_btns">
{pages}
</div>
</div>
"""
    return head(view, f"{escape(forum.name)} - ", "forumdisplay") + body + footer(view, f"forum:{fid}:{page}")


def thread_pages(thread: Thread, page: int) -> str:
    """The thread page's ``multi()``: counted in posts."""
    return multi(thread.replies + 1, POSTS_PER_PAGE, page, f"viewthread.php?tid={thread.thread_id}&amp;extra=page%3D1")
