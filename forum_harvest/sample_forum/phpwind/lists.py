"""phpwind 9.1's lists (see tests/fixtures/phpwind-9.1): the home page (``bbs/index_run.htm``:
the site's newest threads, the boards in the sidebar's ``div.forum_menu``, categories with
their top boards as ``common/sidebar_mod_forum.htm`` lists them), the board list
(``bbs/forum_list.htm``: ``h2.cname`` per category, ``h3.fname`` per board, "主题：N，帖子：M")
and a board's threads (``bbs/thread_run.htm``: ``widget_forum.htm``'s box with the sub-boards
under "子版块", then ``widget_thread.htm``'s rows in ``table#J_posts_list``). Sticky (topped)
threads come first on page 1 with ``icon_headtopic_1``, a "普通主题" row after them, and take
places in the pages (``PwCommonThread``: their count is added to the board's). The last reply
is printed ``m-d H:i``, whatever its year. A board guests may not visit is hidden from the
lists (its ``isshow`` off)."""

from __future__ import annotations

from html import escape

from forum_harvest.sample_forum.engine_pages import forum_trail, list_pages, listed_forums
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Category, Forum, Thread
from forum_harvest.sample_forum.phpwind.chrome import (auto_time, bread_crumb, category_url, document, member, pages,
                                                       read_url, shown_time, thread_list_url)

THREADS_PER_PAGE = 20  # phpwind 9's "thread.perpage" install default
NEWEST_THREADS = 20  # the home page lists this many, newest reply first


def _sidebar(view: View, current: Forum | None = None) -> str:
    site = view.forum
    groups = ""
    for category in site.categories:
        boards = [f for f in listed_forums(site) if f.category == category.gid and f.parent_forum_id is None]
        links = "".join(f'\n\t\t\t\t\t\t<p><a class="{"current" if f == current else ""}" href="{thread_list_url(view, f.forum_id)}">'
                        f"{escape(f.name)}</a></p>" for f in boards)
        groups += (f'\n\t\t\t\t<dl class="">\n\t\t\t\t\t<dt class="J_sidebar_forum_toggle"><a href="{category_url(view, category.gid)}">'
                   f'{escape(category.name)}</a></dt>\n\t\t\t\t\t<dd role="tabpanel">{links}\n\t\t\t\t\t</dd>\n\t\t\t\t</dl>')
    return f"""			<div class="main_sidebar">
		<div class="box_wrap" aria-label="版块列表" role="tablist">
			<h2 class="box_title J_sidebar_box_toggle">版块列表</h2>
			<div class="forum_menu" >{groups}
			</div>
		</div>
			</div>"""


def _row(view: View, thread: Thread, board: str = "") -> str:
    site = view.forum
    posts = site.thread_posts(thread.thread_id)
    author, last = site.users[thread.author], posts[-1]
    icon = ("headtopic_1", "置顶") if thread.sticky else ("topic", "普通帖")
    url = read_url(view, thread.thread_id, thread.forum_id)
    return f"""<tr>
	<td class="author"><a class="J_user_card_show" data-uid="{author.uid}" href="{view.base_url}index.php?m=space&uid={author.uid}"><img class="J_avatar" src="/avatar/000/00/00/{author.uid}_small.jpg" data-type="small" width="45" height="45" alt="{escape(author.name)}" /></a></td>
	<td class="subject">
		<p class="title">
						<a href="{url}" target="_blank"><span class="posts_icon"><i class="icon_{icon[0]}" title="{icon[1]}  新窗口打开"></i></span></a>
						{board}<a href="{url}" class="st" style="" title="{escape(thread.title)}">{escape(thread.title)}</a>
					</p>
		<p class="info">
			楼主：{member(view, author)}<span>{shown_time(posts[0].posted_at, "%Y-%m-%d")}</span>
			最后回复：{member(view, site.users[last.author])}<span><a rel="nofollow" href="{url}&page=e#a">{shown_time(last.posted_at, "%m-%d %H:%M")}</a></span>
		</p>
	</td>
	<td class="num">
		<span>回复<em>{thread.replies}</em></span>
		<span>浏览<em>{thread.views}</em></span>
	</td>
</tr>
"""


def _rows(view: View, threads: list[Thread]) -> str:
    rows = []
    for before, thread in zip([None, *threads], threads):
        if before is not None and before.sticky and not thread.sticky:
            rows.append('<tr>\n\t<td colspan="3" class="tac ordinary">普通主题</td>\n</tr>\n')
        rows.append(_row(view, thread))
    return "".join(rows)


def home(view: View) -> str:
    """``index.php`` (``bbs/index/run``): the newest threads of every listed board."""
    site = view.forum
    listed = {f.forum_id: f for f in listed_forums(site)}
    threads = sorted((t for t in site.threads if t.forum_id in listed),
                     key=lambda t: -site.last_post(t).posted_at.timestamp())[:NEWEST_THREADS]
    rows = "".join(_row(view, t, f'<a href="{thread_list_url(view, t.forum_id)}" class="st">'
                                 f"[{escape(listed[t.forum_id].name)}]</a>\n\t\t\t\t\t\t") for t in threads)
    body = f"""		{bread_crumb(view, [(f"{view.base_url}index.php?m=bbs", "本站新帖")])}
		<div class="main cc">
			<div class="main_body">
				<div class="main_content cc">
					<div class="box_wrap thread_page J_check_wrap">
						<div class="thread_posts_list">
							<table width="100%" id="J_posts_list" summary="帖子列表">
{rows}							</table>
						</div>
					</div>
				</div>
			</div>
{_sidebar(view)}
		</div>"""
    return document(view, f"本站新帖 - {site.site_name}", body)


def _board_cell(view: View, forum: Forum) -> str:
    """``forum_list_table``'s cell of a board: name, "主题：N，帖子：M", the last reply."""
    site = view.forum
    threads = [t for t in site.threads if t.forum_id == forum.forum_id]
    posts = sum(len(site.thread_posts(t.thread_id)) for t in threads)
    latest = max(threads, key=lambda t: site.last_post(t).posted_at, default=None)
    last = (f'\n\t\t\t\t最后回复：<a href="{read_url(view, latest.thread_id, forum.forum_id)}&page=e#a" rel="nofollow">'
            f'<span class="time">{auto_time(site.last_post(latest).posted_at, view.viewed_at)}</span></a>' if latest else "")
    return f"""
				<th class="old">
					<h3 class="fname"><a href="{thread_list_url(view, forum.forum_id)}">{escape(forum.name)}</a></h3>
				主题：{len(threads)}，帖子：{posts}<br>{last}			</th>"""


def _board_table(view: View, forums: list[Forum]) -> str:
    cells = "".join(_board_cell(view, f) for f in forums)
    return f'<div class="ct">\n\t<table width="100%" summary="横排版块排序">\n\t\t<tr>{cells}\n\t\t</tr>\n\t</table>\n</div>'


def _category(view: View, category: Category) -> str:
    boards = [f for f in listed_forums(view.forum) if f.category == category.gid and f.parent_forum_id is None]
    return f"""
				<div class="forum_group">
					<div class="box_title">
						<h2 class="cname"><a href="{category_url(view, category.gid)}">{escape(category.name)}</a></h2>
					</div>
					{_board_table(view, boards)}
				</div>"""


def board_list(view: View, categories: list[Category]) -> str:
    """``index.php?m=bbs&c=forumlist`` (every category) or ``index.php?c=cate&fid=N`` (one)."""
    body = f"""		<div class="forum_page">
			<div class="box_wrap">{"".join(_category(view, c) for c in categories)}
			</div>
		</div>"""
    return document(view, f"版块 - {view.forum.site_name}", body)


def thread_list(view: View, forum: Forum, page: int) -> str:
    """``index.php?c=thread&fid=N&page=K``."""
    site = view.forum
    threads = site.forum_threads(forum.forum_id)
    shown = threads[(page - 1) * THREADS_PER_PAGE:page * THREADS_PER_PAGE]
    total = list_pages(site, forum.forum_id, THREADS_PER_PAGE, stickies_paged=True)
    pager = pages(lambda n: thread_list_url(view, forum.forum_id, n), page, total)
    pager_box = (f'\t\t\t\t\t<div class="pages_wrap cc">\n\t\t\t\t\t\t<div class="J_page_wrap" data-key="true">'
                 f"\n{pager}\n</div>\n\t\t\t\t\t</div>")  # above the rows and below
    trail = forum_trail(site, forum)
    crumbs = [(category_url(view, trail[0][0]), trail[0][1])] + [
        (thread_list_url(view, number), name) for number, name in trail[1:]]
    subs = site.subforums(forum.forum_id)
    children = (f'\n\t<div class="forum_group forum_child">\n\t\t<div class="hd"><h2 class="cname">子版块</h2></div>\n\t\t'
                f"{_board_table(view, subs)}\n\t</div>" if subs else "")
    body = f"""		{bread_crumb(view, crumbs)}
		<div class="main cc">
			<div class="main_body">
				<div class="main_content">
					<div class="box_wrap">
	<div class="forum_info_box cc" id="J_forum_info_box">
		<div class="name">
			<h3>{escape(forum.name)}</h3>
		</div>
		<div class="notice">
			<span class="J_forum_intro">{escape(forum.description)}</span>
		</div>
	</div>{children}
	</div>
{pager_box}
					<div class="box_wrap thread_page J_check_wrap">
						<div class="thread_posts_list">
							<table width="100%" id="J_posts_list" summary="帖子列表">
{_rows(view, shown)}							</table>
						</div>
					</div>
{pager_box}
				</div>
			</div>
{_sidebar(view, forum)}
		</div>"""
    return document(view, f"{forum.name} - {site.site_name}", body)
