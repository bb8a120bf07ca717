"""SMF 2.1's page chrome as its default theme (``index.template.php``) prints it to a guest (see
tests/fixtures/smf-2.1): the head's script globals (``smf_scripturl``, ``smf_session_var``), the
header's clock (``<time datetime="…Z">`` over the time in the forum's zone), the link tree
(``div.navigate_section``), the pager (``div.pagelinks``: "Pages", ``span.current_page``,
``a.nav_page``), the footer's "SMF 2.1.4 © 2023, Simple Machines"; the page a guest gets for a
topic or board that is missing or closed to guests (``is_not_guest``: the login form, HTTP 200)
and the fatal error page (``template_fatal_error``); and the site's URLs (``index.php?topic=N.M``,
M the offset of the page's first message).

Times are ``timeformat()``'s with ``todayMod`` 1 and the forum's ``time_format`` set to
``%B %d, %Y, %I:%M:%S %p`` (SMF 2.0's default; 2.1's drops the seconds): "December 01, 2026,
10:45:13 AM", and "<strong>Today</strong> at 10:45:13 AM" for today's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from html import escape

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import SITE_TZ, User


def topic_url(view: View, topic_id: int, start: int = 0) -> str:
    return f"{view.base_url}index.php?topic={topic_id}.{start}"


def board_url(view: View, board_id: int, start: int = 0) -> str:
    return f"{view.base_url}index.php?board={board_id}.{start}"


def message_url(view: View, message_id: int) -> str:
    return f"{view.base_url}index.php?msg={message_id}"


def download_url(view: View, attach_id: int) -> str:
    return f"{view.base_url}index.php?action=dlattach;attach={attach_id}"


def shown_time(view: View, moment: datetime, show_today: bool = True) -> str:
    """``timeformat()``: today's (in the forum's zone) as "<strong>Today</strong> at 10:45:13 AM",
    the others (and any with ``show_today`` false) "December 01, 2026, 10:45:13 AM"."""
    local = moment.astimezone(SITE_TZ)
    clock = f"{local:%I:%M:%S} {'AM' if local.hour < 12 else 'PM'}"
    if show_today and local.date() == view.viewed_at.astimezone(SITE_TZ).date():
        return f"<strong>Today</strong> at {clock}"
    return f"{local:%B %d, %Y}, {clock}"


def member(view: View, user: User) -> str:
    return (f'<a href="{view.base_url}index.php?action=profile;u={user.uid}" title="View the profile of'
            f' {escape(user.name)}">{escape(user.name)}</a>')


def pagelinks(url_of: Callable[[int], str], page: int, total: int, jump: str) -> str:
    """``constructPageIndex`` (every page listed: the sample's lists are short), between the
    "Go Down"/"Go Up" button (``jump``) and the arrows; ``url_of(n)`` is page n's URL."""
    links = [f'<span class="current_page">{n}</span>' if n == page else f'<a class="nav_page" href="{url_of(n)}">{n}</a>'
             for n in range(1, total + 1)]
    if page > 1:
        links.insert(0, f'<a class="nav_page" href="{url_of(page - 1)}"><span class="main_icons previous_page"></span></a>')
    if page < total:
        links.append(f'<a class="nav_page" href="{url_of(page + 1)}"><span class="main_icons next_page"></span></a>')
    return f"""<div class="pagelinks floatleft">
				{jump}
				<span class="pages">Pages</span>{" ".join(links)} 
			</div>"""


def pagers(url_at: Callable[[int], str], start: int, per_page: int, count: int) -> tuple[int, str, str]:
    """The page number of the list page at offset ``start`` of ``count`` items, ``per_page`` a
    page, and its pagers above ("Go Down") and below ("Go Up"); ``url_at(offset)`` is a page's URL."""
    total, page = max(1, -(-count // per_page)), start // per_page + 1

    def url_of(number: int) -> str:
        return url_at((number - 1) * per_page)

    return (page, pagelinks(url_of, page, total, '<a href="#bot" class="button">Go Down</a>'),
            pagelinks(url_of, page, total, '<a href="#main_content_section" class="button" id="bot">Go Up</a>'))


def link_tree(view: View, trail: list[tuple[str, str]]) -> str:
    """``theme_linktree``: the forum, then each (URL, name) of ``trail``."""
    items = [(view.base_url + "index.php", view.forum.site_name), *trail]
    shown = "".join(f"""
						<li{' class="last"' if n == len(items) - 1 else ""}>
							{'<span class="dividers"> &#9658; </span>' if n else ""}
							<a href="{url}"><span>{escape(name)}</span></a>
						</li>""" for n, (url, name) in enumerate(items))
    return f"""<div class="navigate_section">
					<ul>{shown}
					</ul>
				</div><!-- .navigate_section -->"""


def document(view: View, title: str, body: str, trail: list[tuple[str, str]], head: str = "") -> str:
    base, site = view.base_url, escape(view.forum.site_name)
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
	<meta charset="UTF-8">
	<link rel="stylesheet" href="{base}Themes/default/css/index.css?smf214_1683475207">
	<script>
		var smf_theme_url = "{base}Themes/default";
		var smf_images_url = "{base}Themes/default/images";
		var smf_scripturl = "{base}index.php";
		var smf_charset = "UTF-8";
		var smf_session_id = "{view.formhash}";
		var smf_session_var = "e{view.formhash[:6]}";
		var smf_member_id = 0;
	</script>
	<script>
		var bbc_quote_from = 'Quote from';
		var bbc_quote = 'Quote';
		var bbc_search_on = 'on';
	</script>
	<title>{escape(title)}</title>
	<meta name="viewport" content="width=device-width, initial-scale=1">
	<meta property="og:site_name" content="{site}">
	<meta property="og:title" content="{escape(title)}">
	{head}
</head>
<body id="smf">
<div id="footerfix">
	<div id="top_section">
		<div class="inner_wrap">
			<ul class="floatleft" id="top_info">
				<li class="welcome">Welcome to <strong>{site}</strong>.</li>
				<li class="button_login"><a href="{base}index.php?action=login" class="open"><span class="main_icons login"></span><span class="textmenu">Log in</span></a></li>
			</ul>
		</div><!-- .inner_wrap -->
	</div><!-- #top_section -->
	<div id="header">
		<h1 class="forumtitle">
			<a id="top" href="{base}index.php">{site}</a>
		</h1>
		<img id="smflogo" src="{base}Themes/default/images/smflogo.svg" alt="Simple Machines Forum" title="Simple Machines Forum">
	</div>
	<div id="wrapper">
		<div id="upper_section">
			<div id="inner_section">
				<div id="inner_wrap" class="hide_720">
					<div class="user">
						<time datetime="{view.viewed_at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}">{shown_time(view, view.viewed_at, show_today=False)}</time>
					</div>
				</div>
				{link_tree(view, trail)}
			</div><!-- #inner_section -->
		</div><!-- #upper_section -->
		<div id="content_section">
			<div id="main_content_section">
{body}
			</div><!-- #main_content_section -->
		</div><!-- #content_section -->
	</div><!-- #wrapper -->
</div><!-- #footerfix -->
	<div id="footer">
		<div class="inner_wrap">
		<ul>
			<li class="floatright"><a href="{base}index.php?action=help">Help</a> | <a href="#top_section">Go Up &#9650;</a></li>
			<li class="copyright"><a href="{base}index.php?action=credits" title="License" target="_blank" rel="noopener">SMF 2.1.4 &copy; 2023</a>, <a href="https://www.simplemachines.org" title="Simple Machines" target="_blank" rel="noopener">Simple Machines</a></li>
		</ul>
		</div>
	</div><!-- #footer -->
</body>
</html>
"""


TOPIC_GONE = "The topic or board you are looking for appears to be either missing or off limits to you."


def login_page(view: View) -> str:
    """``is_not_guest($txt['topic_gone'])``: what a guest gets for a topic or board that does
    not exist or that guests may not see (SMF tells them apart for members only)."""
    base = view.base_url
    body = f"""	<form action="{base}index.php?action=login2" method="post" accept-charset="UTF-8" name="frmLogin" id="frmLogin">
		<div class="login">
			<div class="cat_bar">
				<h3 class="catbg">Warning!</h3>
			</div>
			<p class="information centertext">
				{TOPIC_GONE}<br>Please login below or <a href="{base}index.php?action=signup">sign up for an account</a> with {escape(view.forum.site_name)}
			<div class="cat_bar">
				<h3 class="catbg"><span class="main_icons login"></span> Log in</h3>
			</div>
			<div class="roundframe">
				<dl>
					<dt>Username:</dt>
					<dd><input type="text" name="user" size="20"></dd>
					<dt>Password:</dt>
					<dd><input type="password" name="passwrd" size="20"></dd>
				</dl>
				<p class="centertext"><input type="submit" value="Log in" class="button"></p>
			</div>
		</div><!-- .login -->
	</form>"""
    return document(view, "Log in", body, [])


def fatal_error_page(view: View, message: str) -> str:
    """``template_fatal_error``, titled ``error_occured``."""
    body = f"""	<div id="fatal_error">
		<div class="cat_bar">
			<h3 class="catbg">
				An error has occurred
			</h3>
		</div>
		<div class="windowbg">
			<div class="padding">
				{message}
			</div>
		</div>
	</div>"""
    return document(view, "An error has occurred", body, [])
