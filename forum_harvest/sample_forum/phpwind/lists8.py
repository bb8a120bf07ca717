"""phpwind 8.7's lists (github.com/yuwenlan/phpwind): the board index (``index.php``,
``template/wind/index.htm``: ``div.t`` per category headed ``h3.cateT``, a board's
``h2.forumT`` link ``thread.php?fid=N``) and a board's threads (``thread.php?fid=N&page=K``,
``thread.htm``; sub-boards in ``thread_children.htm``'s ``tbody#cate_children``, "子版块"; rows
from ``thread_maincommon.htm`` in ``tbody#threadlist``: ``tr.tr3`` with ``a.subject_t``, the
starter and ``Y-m-d``, ``<em>replies</em>/hits``, the last poster and the last reply linked
``read.php?tid=N&page=e#a`` with ``getLastDate``'s text and its ``title`` ``Y-m-d H:i``).
Topped threads (``headtopic_N.gif``) come first, then the others by last reply, one sequence
cut every 20 rows (``db_perpage``; ``thread.php`` ``getThreadSortWithToppedThread``, as the
real 8.7 lists them, ``tests/fixtures/phpwind-8.7``): the topped threads stand on page 1 only,
followed there by a ``tr.tr4`` "普通主题"; the pages are counted with the topped ones
(``$count += top1``); a board guests may not see is not listed."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import list_pages, listed_forums
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Forum, Thread
from forum_harvest.sample_forum.phpwind.chrome import shown_time
from forum_harvest.sample_forum.phpwind.read8 import document, last_date, pages

THREADS_PER_PAGE = 20  # db_perpage


def _board(forum: Forum, css: str) -> str:
    return (f'\n\t\t\t\t<th class="old" id="fid_{forum.forum_id}" height="40">\n\t\t\t\t\t<h2 class="{css}">'
            f'<a href="thread.php?fid={forum.forum_id}" id="fn_{forum.forum_id}">{escape(forum.name)}</a></h2>'
            f'\n\t\t\t\t\t<p class="s3">{escape(forum.description)}</p>\n\t\t\t\t</th>')


def index(view: View) -> str:
    site = view.forum
    blocks = ""
    for category in site.categories:
        boards = [f for f in listed_forums(site) if f.category == category.gid and f.parent_forum_id is None]
        rows = "".join(f'\n\t\t\t<tr class="tr3">{_board(f, "forumT mr10")}\n\t\t\t</tr>' for f in boards)
        blocks += (f'\n<div id="t_{category.gid}" class="t">\n\t<div class="h"><h3 class="cateT"><a href="index.php?m=bbs'
                   f'&cateid={category.gid}" class="mr10">{escape(category.name)}</a></h3></div>\n\t<div class="tTable">'
                   f'\n\t\t<table width="100%" style="table-layout:fixed;">\n\t\t\t<tbody id="cate_{category.gid}"'
                   f' class="across">{rows}\n\t\t\t</tbody>\n\t\t</table>\n\t</div>\n</div>')
    return document(view, site.site_name, f'<div id="breadCrumb" class="cc"><a href="index.php" title="{view.site}">'
                                          f"{view.site}</a></div>{blocks}")


def _row(view: View, thread: Thread) -> str:
    site = view.forum
    posts = site.thread_posts(thread.thread_id)
    author, last = site.users[thread.author], posts[-1]
    icon = (f'<a href="read.php?tid={thread.thread_id}" target="_blank"><img src="images/wind/file/headtopic_1.gif"'
            f' align="absmiddle" alt="置顶帖" title="置顶帖"/></a>' if thread.sticky else
            f'<a title="开放主题" href="read.php?tid={thread.thread_id}" target="_blank"><img src="images/wind/thread/topicnew.gif"'
            f' align="absmiddle"></a>')
    return f"""
      		<tr class="tr3">
            <td class="icon tar" width="30">{icon}</td>
            <td class="subject" id="td_{thread.thread_id}">
				<a href="read.php?tid={thread.thread_id}" name="readlink" id="a_ajax_{thread.thread_id}" class="subject_t f14">{escape(thread.title)}</a>&nbsp;
            </td>
            <td class="author">
						<a href="u.php?uid={author.uid}" class=" _cardshow" target="_blank" data-card-key="{escape(author.name)}">{escape(author.name)}</a>
						<p>{shown_time(posts[0].posted_at, "%Y-%m-%d")}</p></td>
            <td class="num" width="60"><em>{thread.replies}</em>/{thread.views}</td>
            <td class="author"><a href="u.php?username={escape(last.author)}" target="_blank" class=" _cardshow" data-card-key="{escape(last.author)}">{escape(last.author)}</a><p><a href="read.php?tid={thread.thread_id}&page=e#a" title="{shown_time(last.posted_at)}">{last_date(last.posted_at, view.viewed_at)}</a></p></td>
        </tr>"""


def _rows(view: View, threads: list[Thread], page: int) -> str:
    rows = []
    for before, thread in zip([None, *threads], threads):
        if page == 1 and before is not None and before.sticky and not thread.sticky:
            rows.append('\n\t\t\t\t\t<tr class="tr4"><td width="30"></td><td style="padding-left:0;">普通主题</td>'
                        '<td width="95"></td><td width="60"></td><td width="95"></td></tr>')
        rows.append(_row(view, thread))
    return "".join(rows)


def thread_list(view: View, forum: Forum, page: int) -> str:
    site = view.forum
    shown = site.forum_threads(forum.forum_id)[(page - 1) * THREADS_PER_PAGE:page * THREADS_PER_PAGE]
    pager = pages(f"thread.php?fid={forum.forum_id}&", page,
                  list_pages(site, forum.forum_id, THREADS_PER_PAGE, stickies_paged=True))
    subs = site.subforums(forum.forum_id)
    children = "".join(f'\n            <tr class="tr3" id="fid_{f.forum_id}">{_board(f, "")}\n            </tr>' for f in subs)
    children = (f'\n<div class="t" id="t_{forum.forum_id}">\n    <div class="h"><h3>子版块</h3></div>\n\t<div class="tTable">'
                f'\n        <table width="100%" style="table-layout:fixed;">\n            <tbody id="cate_children">{children}'
                f"\n            </tbody>\n        </table>\n\t</div>\n</div>" if subs else "")
    crumbs = (f'<div id="breadCrumb" class="cc"><a href="index.php" title="{view.site}">{view.site}</a><em>&gt;</em>'
              f'<a href="thread.php?fid={forum.forum_id}">{escape(forum.name)}</a></div>')
    body = f"""{crumbs}{children}
<div class="cc mb10"><div class="fl">{pager}</div></div>
<div class="t z" id="threadlist_wrap">
<table width="100%" style="table-layout:fixed;" class="z">
	<tbody id="threadlist">{_rows(view, shown, page)}
	</tbody>
</table>
</div>
<div class="cc mb10"><div class="fl" style="padding-top:4px;">{pager}</div></div>"""
    return document(view, f"{forum.name} - {site.site_name}", body)
