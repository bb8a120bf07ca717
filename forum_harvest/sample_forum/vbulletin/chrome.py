"""vBulletin 4.2 page chrome as its stock templates print it (see tests/fixtures/vbulletin-4):
the generator meta and ``vBulletin_init()``, breadcrumbs (``li.navbit``), the page title
(``div#pagetitle h1``), the pager (``form.pagination`` with "Page 1 of 2"), times
(``06-15-2016, 03:03 PM``, "Today"/"Yesterday" for the last two days: the stock ``yestoday``
option) and the footer "All times are GMT +8. The time now is …"."""

from __future__ import annotations

from datetime import datetime
from html import escape

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import SITE_TZ

GMT_OFFSET = "+8"  # SITE_TZ (Asia/Shanghai) has no daylight saving time


def thread_link(thread_id: int, page: int = 1) -> str:
    return f"showthread.php?t={thread_id}" + (f"&amp;page={page}" if page > 1 else "")


def forum_link(forum_id: int, page: int = 1) -> str:
    return f"forumdisplay.php?f={forum_id}" + (f"&amp;page={page}" if page > 1 else "")


def clock(moment: datetime) -> str:
    return moment.astimezone(SITE_TZ).strftime("%I:%M %p")


def day(moment: datetime, now: datetime) -> str:
    """``m-d-Y``, or Today / Yesterday."""
    local, today = moment.astimezone(SITE_TZ).date(), now.astimezone(SITE_TZ).date()
    days = (today - local).days
    return "Today" if days == 0 else "Yesterday" if days == 1 else f"{local:%m-%d-%Y}"


def date_span(moment: datetime, now: datetime, joiner: str = ",&nbsp;") -> str:
    return f'<span class="date">{day(moment, now)}{joiner}<span class="time">{clock(moment)}</span></span>'


def pager(link, page: int, total: int, per_page: int, count: int, key: str, item_id: int) -> str:
    """``form.pagination``: "Page X of Y", the numbered pages, next and last; nothing for one page."""
    if total <= 1:
        return ""
    numbers = "".join(
        f'<span class="selected"><a href="javascript://" title="Results {(n - 1) * per_page + 1} to {min(n * per_page, count)} of {count}">{n}</a></span>'
        if n == page else
        f'<span><a href="{link(n)}" title="Show results {(n - 1) * per_page + 1} to {min(n * per_page, count)} of {count}">{n}</a></span>'
        for n in range(1, total + 1))
    following = (f'<span class="prev_next"><a rel="next" href="{link(page + 1)}" title="Next Page">'
                 f'<img src="images/pagination/next-right.png" alt="Next" /></a></span>') if page < total else ""
    return f"""<form action="{link(min(page + 1, total))}" method="get" class="pagination popupmenu nohovermenu">
<input type="hidden" name="{key}" value="{item_id}" />
		<span><a href="javascript://" class="popupctrl">Page {page} of {total}</a></span>
		{numbers}
		{following}
</form>"""


def breadcrumbs(view: View, trail: list[tuple[str, str]], last: str) -> str:
    crumbs = "".join(f'\n\t<li class="navbit"><a href="{link}">{escape(name)}</a></li>' for link, name in trail)
    return f"""<div id="breadcrumb" class="breadcrumb">
	<ul class="floatcontainer">
		<li class="navbithome"><a href="index.php" accesskey="1"><img src="images/misc/navbit-home.png" alt="Home" /></a></li>
	<li class="navbit"><a href="forum.php">Forum</a></li>{crumbs}
	<li class="navbit lastnavbit"><span> {escape(last)}</span></li>
	</ul>
	<hr />
</div>"""


def document(view: View, title: str, body: str, canonical: str = "") -> str:
    link = f'\n\t<link rel="canonical" href="{canonical}" />' if canonical else ""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" dir="ltr" lang="zh-CN" id="vbulletin_html">
<head>
	<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<base href="{view.base_url}" /><!--[if IE]></base><![endif]-->
<meta name="generator" content="vBulletin 4.2.3" />
<script type="text/javascript">
<!--
	var SESSIONURL = "";
	var SECURITYTOKEN = "guest";
	var IMGDIR_MISC = "images/misc";
	var vb_disable_ajax = parseInt("0", 10);
// -->
</script>{link}
	<title>{escape(title)}</title>
</head>
<body>
<div class="above_body">
	<div id="header" class="floatcontainer doc_header">
		<div><a name="top" href="forum.php" class="logo-image"><img src="images/misc/vbulletin4_logo.png" alt="{view.site} - Powered by vBulletin" /></a></div>
	</div>
</div>
<div class="body_wrapper">
{body}
</div>
<div id="footer" class="floatcontainer footer">
	<ul id="footer_links" class="footer_links"><li><a href="sendmessage.php" rel="nofollow" accesskey="9">Contact Us</a></li><li><a href="#top" onclick="document.location.hash='top'; return false;">Top</a></li></ul>
	<script type="text/javascript">
	<!--
		vBulletin_init();
	//-->
	</script>
</div>
<div class="below_body">
<div id="footer_time" class="shade footer_time">All times are GMT {GMT_OFFSET}. The time now is <span class="time">{clock(view.viewed_at)}</span>.</div>
<div id="footer_copyright" class="shade footer_copyright">
	Powered by <a href="https://www.vbulletin.com" id="vbulletinlink">vBulletin&reg;</a> Version 4.2.3 <br />Copyright &copy; 2025 vBulletin Solutions, Inc. All rights reserved.
</div>
</div>
</body>
</html>
"""


def message_page(view: View, text: str) -> str:
    """``print_no_permission`` / ``standard_error``: the box ``div.standard_error``."""
    body = f"""{breadcrumbs(view, [], "vBulletin Message")}
<div class="standard_error">
	<h2 class="blockhead">vBulletin Message</h2>
	<div class="blockbody formcontrols"><div class="blockrow restore">{escape(text)}</div></div>
</div>"""
    return document(view, f"{view.forum.site_name}", body)
