"""A heavily customised X3 skin: it keeps Discuz's ids (``post_{pid}``, ``pid{pid}``,
``postmessage_{pid}``, ``authorposton{pid}``, ``postnum{pid}``, ``normalthread_{tid}``) but
changes classes and columns. Posts drop the author column (``td.pls``): author and time share
one line, ``div.authi.firstauthi``, each behind a label the skin's CSS hides
(``<em class="display_none">作者：</em>``); floors read ``楼主``, ``沙发#``, ``板凳#``, ``地板#``,
``#5``. The generator meta, the title's "Powered by Discuz!" and the footer are the skin's own.
"""

from __future__ import annotations

import re
from html import escape

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import Forum, Post, Thread
from forum_harvest.sample_forum.skins.x35 import x3_skin
from forum_harvest.sample_forum.thread_page import author_filter, post_content

SKIN_NAME = "墨客主题"
_GENERATOR = re.compile(r'<meta name="generator" content="Discuz! X3\.5" />\n<meta name="author" content="[^"]*" />\n'
                        r'<meta name="copyright" content="[^"]*" />\n')
_FOOTER = re.compile(r'<div id="frt">.*?</div></div>', re.S)
# The skin's stylesheet (not served) is what hides ``.display_none``: nothing in the page says so.
CSS = '<link rel="stylesheet" type="text/css" href="template/moke_v2/style/moke.css?lUm" />\n'


def rebrand(view: View, html: str) -> str:
    """The skin's own generator, title and footer instead of Discuz!'s."""
    html = _GENERATOR.sub(f'<meta name="generator" content="{SKIN_NAME} 2.1" />\n', html, count=1)
    html = html.replace(" -  Powered by Discuz!</title>", "</title>", 1).replace("</head>", CSS + "</head>", 1)
    own = (f'<div id="frt">\n<p>&copy; 2026 {view.site} 版权所有</p>\n<p class="xs0">主题设计：{SKIN_NAME}</p>\n'
           f"</div></div>")
    return _FOOTER.sub(own, html, count=1)


def _floor(view: View, floor: int) -> str:
    names = view.words.floor_names
    return f"{names[floor]}#" if 2 <= floor <= 4 else names[1] if floor == 1 else f"#{floor}"


def _floor_link(view: View, post: Post) -> str:
    """The skin keeps X's ``{if !IS_ROBOT}`` around the floor: none for a robot."""
    if view.robot:
        return ""
    return (f'<span class="post-floor"><a href="forum.php?mod=redirect&goto=findpost&ptid={post.thread_id}&pid={post.post_id}" '
            f'id="postnum{post.post_id}">{_floor(view, post.floor)}</a></span>\n')


def _post(view: View, forum: Forum, thread: Thread, post: Post, page: int) -> str:
    user = view.forum.users[post.author]
    pid, tid, words = post.post_id, thread.thread_id, view.words
    when = view.times.relative(post.posted_at, view.viewed_at)
    sign = f'<div class="sign">{user.signature_html}</div>\n' if post.show_signature and not user.banned else ""
    return f"""<div id="post_{pid}" class="post-card"><table id="pid{pid}" class="post-table" summary="pid{pid}" cellspacing="0" cellpadding="0">
<tr>
<td class="post-main">
<div class="post-head cl">
<div class="authi firstauthi">
<img class="post-avatar" src="{view.base_url}uc_server/avatar.php?uid={user.uid}&size=small" />
<a href="space-uid-{user.uid}.html" target="_blank" class="post-author"><em class="display_none">{words.author}</em>{escape(user.name)}</a>
<span class="pipe">|</span>
<em id="authorposton{pid}"><em class="display_none">{words.time}</em>{when}</em>
<span class="pipe">|</span>
{author_filter(view, tid, page, user.uid)}
</div>
{_floor_link(view, post)}</div>
<div class="post-body"><div class="pcb">
{post_content(view, forum, post)}</div>
</div>
{sign}</td>
</tr>
</table>
</div>"""


CUSTOM = x3_skin("custom", rebrand, _post)
