"""Forum index (``forum.php``, ``forum.php?gid=G``) and thread lists (``mod=forumdisplay``)."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from forum_harvest.sample_forum.layout import View, breadcrumbs, footer, head, header, pager
from forum_harvest.sample_forum.model import SITE_TZ, THREADS_PER_PAGE, Category, Forum, Thread

ICON = '<svg width="31" height="29"><path fill="#fdc910" d="M31 13c0-7.2-6.9-13-15.5-13S0 5.8 0 13s6.9 13 15.5 13c1.6 0 3.2-.2 4.6-.6L27 28l-1.7-5c3.5-2.4 5.7-6 5.7-10z"/></svg>'


def space_by_name(name: str) -> str:
    return f"home.php?mod=space&username={quote(name)}"


def thread_href(tid: int, page: int = 1) -> str:
    suffix = f"&amp;page={page}" if page > 1 else ""
    return f"forum.php?mod=viewthread&amp;tid={tid}&amp;extra=page%3D1{suffix}"


def _cut(title: str, length: int = 26) -> str:
    return escape(title if len(title) <= length else title[:length] + " ...")


def _last_post_cell(view: View, thread: Thread | None) -> str:
    if thread is None:
        return '<td class="fl_by">\n<div>从未</div>\n</td>'
    last = view.forum.last_post(thread)
    times = view.times
    when = times.relative(last.posted_at, view.viewed_at, times.ymd_hm, times.ymd_hm)
    return (f'<td class="fl_by">\n<div>\n<a href="forum.php?mod=redirect&amp;tid={thread.thread_id}&amp;goto=lastpost#lastpost" '
            f'class="xi2">{_cut(thread.title)}</a> <cite>{when} <a href="{space_by_name(last.author)}">'
            f"{escape(last.author)}</a></cite>\n</div>\n</td>")


def _forum_row(view: View, forum: Forum, with_subforums: bool) -> str:
    site = view.forum
    totals = site.forum_totals(forum.forum_id, view.viewed_at.astimezone(SITE_TZ).date())
    href = f"forum.php?mod=forumdisplay&fid={forum.forum_id}"
    subs = ""
    if with_subforums and site.subforums(forum.forum_id):
        links = " ".join(f'<a href="forum.php?mod=forumdisplay&fid={s.forum_id}">{escape(s.name)}</a>'
                         for s in site.subforums(forum.forum_id))
        subs = f"\n<p>子版块: {links}</p>"
    description = f'\n<p class="xg2">{escape(forum.description)}</p>' if with_subforums and forum.description else ""
    return f"""<tr>
<td class="fl_icn" >
<a href="{href}" title="{escape(forum.name)}">{ICON}</a>
</td>
<td>
<h2><a href="{href}">{escape(forum.name)}</a><em class="xw0 xi1" title="今日"> ({totals.posts_today})</em></h2>{description}{subs}
</td>
<td class="fl_i">
<span class="xi2">{totals.threads}</span><span class="xg1"> / {totals.posts}</span></td>
{_last_post_cell(view, totals.latest)}
</tr>
<tr class="fl_row">
</tr>
"""


def _category_block(view: View, category: Category) -> str:
    forums = [f for f in view.forum.forums if f.category == category.gid and f.parent_forum_id is None]
    rows = "".join(_forum_row(view, f, True) for f in forums)
    return f"""<div class="bm bmw  flg cl">
<div class="bm_h cl">
<span class="o"><em id="category_{category.gid}_img" class="tg_no" title="收起/展开" onclick="toggle_collapse('category_{category.gid}');"></em></span>
<h2><a href="forum.php?gid={category.gid}" style="">{escape(category.name)}</a></h2>
</div>
<div id="category_{category.gid}" class="bm_c" style="">
<table cellspacing="0" cellpadding="0" class="fl_tb">
{rows}</table>
</div>
</div>
"""


def index_page(view: View, category: Category | None = None) -> str:
    site = view.forum
    categories = [category] if category else site.categories
    title = f"{escape(category.name)} -  {view.site}" if category else f"论坛 -  {view.site}"
    trail = [(f"forum.php?gid={category.gid}", category.name)] if category else []
    stats = (f'<div id="chart" class="bm bw0 cl">\n<p class="chart z">帖子: <em>{len(site.posts)}</em>'
             f'<span class="pipe">|</span>会员: <em>{len(site.users)}</em><span class="pipe">|</span>'
             f'欢迎新会员: <em><a href="home.php?mod=space&amp;username={quote("阿杰Jay")}" target="_blank" class="xi2">阿杰Jay</a></em></p>\n'
             f'<div class="y"><a href="forum.php?mod=guide&amp;view=new" title="最新回复" class="xi2">最新回复</a></div>\n</div>\n')
    body = breadcrumbs(view, trail) + '<div id="ct" class="wp cl">\n<div class="mn">\n' + stats
    body += "".join(_category_block(view, c) for c in categories)
    body += '<div id="online" class="bm oll">\n<div class="bm_h"><h3><a href="home.php?mod=space&amp;do=friend&amp;view=online&amp;type=member">在线会员</a></h3></div>\n</div>\n</div>\n</div>\n'
    return (head(view, title, view.site, view.site, "forum_index") + header(view, "pg_index") + body
            + footer(view, f"index:{category.gid if category else 0}"))


def _thread_row(view: View, thread: Thread) -> str:
    site = view.forum
    tid = thread.thread_id
    first, last = site.thread_posts(tid)[0], site.last_post(thread)
    kind = "stickthread" if thread.sticky else "normalthread"
    pages = "".join(f'<a href="forum.php?mod=viewthread&tid={tid}&amp;extra=page%3D1&amp;page={n}" onclick="atarget(this)">{n}</a>'
                    for n in range(2, thread.page_count + 1))
    tps = f'\n<span class="tps">&nbsp;...{pages}</span>' if pages else ""
    today = first.posted_at.astimezone(SITE_TZ).date() == view.viewed_at.astimezone(SITE_TZ).date()
    times = view.times
    started = times.relative(first.posted_at, view.viewed_at, times.ymd, times.ymd)
    icon = ('<i class="tpin tpin1"><svg width="18" height="18"><path d="M9 0l9 9H14v9H4V9H0z"></path></svg></i>'
            if thread.sticky else '<i class="fico-thread fic6 fc-l"></i>')
    return f"""<tbody id="{kind}_{tid}">
<tr>
<td class="icn">
<a href="{thread_href(tid)}" title="{'本版置顶主题' if thread.sticky else '有新回复'} - 新窗口打开" target="_blank">
{icon}
</a>
</td>
<th class="{'common' if thread.sticky else 'new'}">
<a href="javascript:;" id="content_{tid}" class="showcontent y" title="更多操作" onclick="CONTENT_TID='{tid}';CONTENT_ID='{kind}_{tid}';showMenu({{'ctrlid':this.id,'menuid':'content_menu'}})"></a>
 <a href="{thread_href(tid)}" onclick="atarget(this)" class="s xst">{escape(thread.title)}</a>{tps}
</th>
<td class="by">
<cite>
<a href="home.php?mod=space&amp;uid={site.users[thread.author].uid}" c="1">{escape(thread.author)}</a></cite>
<em><span{' class="xi1"' if today else ''}>{started}</span></em>
</td>
<td class="num"><a href="{thread_href(tid)}" class="xi2">{thread.replies}</a><em>{thread.views}</em></td>
<td class="by">
<cite><a href="{space_by_name(last.author)}" c="1">{escape(last.author)}</a></cite>
<em><a href="forum.php?mod=redirect&tid={tid}&goto=lastpost#lastpost">{times.relative(last.posted_at, view.viewed_at, times.ymd_hm, times.ymd_hm)}</a></em>
</td>
</tr>
</tbody>
"""


SEPARATOR = """<tbody id="separatorline">
<tr class="ts">
<td>&nbsp;</td>
<th><a href="javascript:;" title="查看更新" class="forumrefresh">版块主题</a></th><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td>
</tr>
</tbody>
"""


def page_threads(view: View, forum: Forum, page: int) -> list[Thread]:
    """Sticky threads on every page, then the page's slice of the others."""
    sticky, normal = view.forum.listed_threads(forum.forum_id)
    per_page = THREADS_PER_PAGE - len(sticky)
    return sticky + normal[(page - 1) * per_page: page * per_page]


def _subforum_table(view: View, forum: Forum) -> str:
    subs = view.forum.subforums(forum.forum_id)
    if not subs:
        return ""
    rows = "".join(_forum_row(view, s, False) for s in subs)
    return f"""<div class="bm bmw fl">
<div class="bm_h cl">
<span class="o"><em id="subforum_{forum.forum_id}_img" class="tg_no" title="收起/展开" onclick="toggle_collapse('subforum_{forum.forum_id}');"></em></span>
<h2>子版块</h2>
</div>
<div id="subforum_{forum.forum_id}" class="bm_c" style="">
<table cellspacing="0" cellpadding="0" class="fl_tb">
{rows}</table>
</div>
</div>
"""


def forum_page(view: View, forum: Forum, page: int) -> str:
    site = view.forum
    fid = forum.forum_id
    total = site.forum_page_count(fid)
    category = site.category(forum.category)
    trail = [(f"forum.php?gid={category.gid}", category.name)]
    if forum.parent_forum_id:
        parent = site.forum(forum.parent_forum_id)
        trail.append((f"forum.php?mod=forumdisplay&fid={parent.forum_id}", parent.name))
    trail.append((f"forum.php?mod=forumdisplay&fid={fid}", forum.name))
    threads = page_threads(view, forum, page)
    rows = "".join(_thread_row(view, t) for t in threads if t.sticky)
    rows += SEPARATOR if rows else ""
    rows += "".join(_thread_row(view, t) for t in threads if not t.sticky)
    pg = pager(f"forum.php?mod=forumdisplay&fid={fid}&amp;page=", page, total, view.words)
    name = escape(forum.name)
    title = f"{name} - 第{page}页 -  {view.site}" if page > 1 else f"{name} -  {view.site}"
    body = breadcrumbs(view, trail) + f"""<div class="boardnav">
<div id="ct" class="wp cl">
<div class="mn">
<div class="bm bml pbn">
<div class="bm_h cl">
<h1 class="xs2">
<a href="forum.php?mod=forumdisplay&amp;fid={fid}">{name}</a>
<span class="xs1 xw0 i">主题: <strong class="xi1">{len(site.forum_threads(fid))}</strong></span></h1>
</div>
</div>
{_subforum_table(view, forum)}<div id="pgt" class="bm bw0 pgs cl">
<span id="fd_page_top">{pg}</span>
<span class="pgb y"  ><a href="forum.php">返&nbsp;回</a></span>
</div>
<div id="threadlist" class="tl bm bmw">
<div class="bm_c">
<form method="post" autocomplete="off" name="moderate" id="moderate" action="forum.php?mod=topicadmin&amp;action=moderate&amp;fid={fid}&amp;infloat=yes&amp;nopost=yes">
<table summary="forum_{fid}" cellspacing="0" cellpadding="0" id="threadlisttableid">
{rows}</table>
</form>
</div>
</div>
<div class="bm bw0 pgs cl">
<span id="fd_page_bottom">{pg}</span>
<span  class="pgb y"><a href="forum.php">返&nbsp;回</a></span>
</div>
</div>
</div>
</div>
"""
    return (head(view, title, name, name, "forum_forumdisplay") + header(view, "pg_forumdisplay") + body
            + footer(view, f"forum:{fid}:{page}"))
