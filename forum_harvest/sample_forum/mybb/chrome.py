"""MyBB 1.8's page chrome as its default theme prints it to a guest (see tests/fixtures/mybb-1.8):
the document with ``headerinclude``'s script globals, the breadcrumb (``div.navigation``), the
pager (``div.pagination``: "Pages (N):", ``span.pagination_current``), the footer's "Current
time:" (the only sign of the board's offset) and "Powered By MyBB", the ``error`` and
``error_nopermission`` pages; and the site's URLs (``showthread.php?tid=N&page=M``)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import SITE_TZ, User


def thread_url(thread_id: int, page: int = 1) -> str:
    return f"showthread.php?tid={thread_id}" + (f"&amp;page={page}" if page > 1 else "")


def forum_url(forum_id: int, page: int = 1) -> str:
    return f"forumdisplay.php?fid={forum_id}" + (f"&amp;page={page}" if page > 1 else "")


def shown_time(moment: datetime) -> str:
    """``my_date`` with the default ``m-d-Y`` and ``h:i A``: "11-30-2026, 11:35 AM" (the sample
    prints every date so, never "Today" or "N hours ago")."""
    local = moment.astimezone(SITE_TZ)
    return f"{local:%m-%d-%Y, %I:%M} {'AM' if local.hour < 12 else 'PM'}"


def member(view: View, user: User) -> str:
    return f'<a href="{view.base_url}member.php?action=profile&amp;uid={user.uid}">{escape(user.name)}</a>'


def pagination(url_of, page: int, total: int) -> str:
    """``multipage``; ``url_of(n)`` is page n's URL. Nothing for a single page."""
    if total <= 1:
        return ""
    items = "".join(f'\n <span class="pagination_current">{n}</span>' if n == page else
                    f'\n<a href="{url_of(n)}" class="pagination_page">{n}</a>' for n in range(1, total + 1))
    prev = f'\n<a href="{url_of(page - 1)}" class="pagination_previous">&laquo; Previous</a>' if page > 1 else ""
    nxt = f'\n<a href="{url_of(page + 1)}" class="pagination_next">Next &raquo;</a>' if page < total else ""
    return f'<div class="pagination">\n<span class="pages">Pages ({total}):</span>{prev}{items}{nxt}\n</div>'


def navigation(view: View, trail: list[tuple[str, str]], active: str) -> str:
    """``nav``: the board, then each (URL, name) of ``trail``, then the page itself (no link)."""
    links = [(f"{view.base_url}index.php", view.forum.site_name), *trail]
    bits = "\n&rsaquo;\n".join(f'<a href="{url}">{escape(name)}</a>' for url, name in links)
    return (f'<div class="navigation">\n{bits}\n<br /><img src="{view.base_url}images/nav_bit.png" alt="" />\n'
            f'<span class="active">{escape(active)}</span>\n</div>')


def document(view: View, title: str, body: str) -> str:
    base = view.base_url
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xml:lang="en" lang="en" xmlns="http://www.w3.org/1999/xhtml">
<head>
<title>{escape(title)}</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<script type="text/javascript" src="{base}jscripts/general.js?ver=1827"></script>
<link type="text/css" rel="stylesheet" href="{base}cache/themes/theme1/global.css?t=1" />
<script type="text/javascript">
<!--
	var cookieDomain = "";
	var cookiePath = "/";
	var my_post_key = "{view.formhash}";
	var rootpath = "{base.rstrip("/")}";
// -->
</script>
</head>
<body>
<div id="container">
	<a name="top" id="top"></a>
	<div id="header">
		<div id="logo"><div class="wrapper"><a href="{base}index.php"><img src="{base}images/logo.png" alt="{escape(view.forum.site_name)}" title="{escape(view.forum.site_name)}" /></a></div></div>
	</div>
	<div id="content">
		<div class="wrapper">
{body}
		</div>
	</div>
<div id="footer">
	<div class="lower">
		<div class="wrapper">
			<span id="current_time"><strong>Current time:</strong> {shown_time(view.viewed_at)}</span>
			<span id="copyright">
				<!-- MyBB is free software developed and maintained by a volunteer community. -->
				Powered By <a href="https://mybb.com" target="_blank" rel="noopener">MyBB</a>, &copy; 2002-2026 <a href="https://mybb.com" target="_blank" rel="noopener">MyBB Group</a>.
			</span>
		</div>
	</div>
</div>
</div>
</body>
</html>
"""


def error_page(view: View, message: str) -> str:
    """``error``: a table headed by the board's name, its one row the reason (HTML)."""
    body = f"""{navigation(view, [], "Board Message")}
<br />
<table border="0" cellspacing="0" cellpadding="5" class="tborder">
<tr>
<td class="thead"><span class="smalltext"><strong>{escape(view.forum.site_name)}</strong></span></td>
</tr>
<tr>
<td class="trow1">{message}</td>
</tr>
</table>"""
    return document(view, view.forum.site_name, body)


def no_permission_page(view: View) -> str:
    """``error_no_permission`` for a guest: the ``error`` page with ``error_nopermission``'s reasons."""
    return error_page(view, """You are either not logged in or do not have permission to view this page. This could be because one of the following reasons:
<ol>
<li>You are not logged in or registered. Please login and retry the desired action. <a href="member.php?action=login">Login</a> | <a href="member.php?action=register">Need to register?</a></li>
<li>You do not have permission to access this page. Are you trying to access administrative pages or a resource that you shouldn't be?  Check in the forum rules that you are allowed to perform this action.</li>
<li>Your account may have been disabled by an administrator, or it may be awaiting account activation.</li>
<li>You have accessed this page directly rather than using appropriate forms or links.</li>
</ol>""")
