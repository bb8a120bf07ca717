"""phpBB 3.3 prosilver's page chrome as a guest receives it (see tests/fixtures/phpbb-33-live):
the ``<body id="phpbb">`` document with the site description, the breadcrumbs
(``span.crumb[data-forum-id]``), the pagination (``div.pagination``: "N posts", ``li.active``,
the other pages linked by ``start``), the footer's "All times are" zone and "Powered by phpBB",
the message panel (``div#message``) and the login box; and the site's URLs (``./viewtopic.php?t=N&start=K``)."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import SITE_TZ, User


def forum_url(forum_id: int, start: int = 0) -> str:
    return f"./viewforum.php?f={forum_id}" + (f"&amp;start={start}" if start else "")


def topic_url(thread_id: int, start: int = 0) -> str:
    return f"./viewtopic.php?t={thread_id}" + (f"&amp;start={start}" if start else "")


def post_url(post_id: int) -> str:
    return f"./viewtopic.php?p={post_id}#p{post_id}"


def shown_time(moment: datetime) -> str:
    """The board's default date format for guests, ``D M d, Y g:i a``: "Sun Dec 06, 2026 9:47 pm"."""
    local = moment.astimezone(SITE_TZ)
    return f"{local:%a %b %d, %Y} {local.hour % 12 or 12}:{local:%M} {'am' if local.hour < 12 else 'pm'}"


def time_tag(moment: datetime) -> str:
    """3.3's ``<time>``: ``datetime`` in UTC to the second (``gmdate(DATE_RFC3339)``), the text local."""
    return f'<time datetime="{moment.astimezone(UTC).isoformat(timespec="seconds")}">{shown_time(moment)}</time>'


def member(user: User) -> str:
    return f'<a href="./memberlist.php?mode=viewprofile&amp;u={user.uid}" class="username">{escape(user.name)}</a>'


def _utc_offset() -> str:
    offset = datetime.now(SITE_TZ).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def pagination(url_of, start: int, per_page: int, total: int, noun: str) -> str:
    """``div.pagination``: "8 posts", then (more than one page) every page, the current one
    ``li.active``, the others linked by offset; ``url_of(start)`` is a page's URL."""
    said = f"{total} {noun}" + ("" if total == 1 else "s")
    pages = max(1, -(-total // per_page))
    if pages == 1:
        return f'<div class="pagination">\n\t\t\t{said}\n\t\t\t&bull; Page <strong>1</strong> of <strong>1</strong>\n\t\t</div>'
    current = start // per_page + 1
    items = "".join(f'\n\t\t<li class="active"><span>{n}</span></li>' if n == current else
                    f'\n\t\t<li><a class="button" href="{url_of((n - 1) * per_page)}" role="button">{n}</a></li>'
                    for n in range(1, pages + 1))
    if current > 1:
        items = (f'\n\t\t<li class="arrow previous"><a class="button button-icon-only" href="{url_of(start - per_page)}"'
                 f' rel="prev" role="button"><i class="icon fa-chevron-left fa-fw" aria-hidden="true"></i>'
                 f'<span class="sr-only">Previous</span></a></li>') + items
    if current < pages:
        items += (f'\n\t\t<li class="arrow next"><a class="button button-icon-only" href="{url_of(start + per_page)}"'
                  f' rel="next" role="button"><i class="icon fa-chevron-right fa-fw" aria-hidden="true"></i>'
                  f'<span class="sr-only">Next</span></a></li>')
    return f'<div class="pagination">\n\t\t\t{said}\n\t\t\t<ul>{items}\n\t</ul>\n\t\t</div>'


def _breadcrumbs(trail: list[tuple[int, str]]) -> str:
    """Board index, then each (forum id, name) of ``trail``: categories are forums in phpBB."""
    crumbs = ['<span class="crumb" itemtype="https://schema.org/ListItem" itemprop="itemListElement" itemscope>'
              '<a itemprop="item" href="./index.php" accesskey="h" data-navbar-reference="index"><i class="icon fa-home fa-fw"></i>'
              '<span itemprop="name">Board index</span></a><meta itemprop="position" content="1" /></span>']
    crumbs += [f'<span class="crumb" itemtype="https://schema.org/ListItem" itemprop="itemListElement" itemscope'
               f' data-forum-id="{forum_id}"><a itemprop="item" href="{forum_url(forum_id)}"><span itemprop="name">'
               f'{escape(name)}</span></a><meta itemprop="position" content="{n}" /></span>'
               for n, (forum_id, name) in enumerate(trail, start=2)]
    return "\n\t\t\t".join(crumbs)


def document(view: View, title: str, body: str, section: str, crumbs: list[tuple[int, str]] = ()) -> str:
    """A whole page; ``section`` is the script (``body.section-viewtopic``), ``crumbs`` its ``trail``."""
    site = escape(view.forum.site_name)
    head_title = f"{escape(title)} - {site}" if section != "index" else f"{site} - Index page"
    return f"""<!DOCTYPE html>
<html dir="ltr" lang="en-gb">
<head>
<meta charset="utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{head_title}</title>
<!--
	phpBB style name: prosilver
	Based on style:   prosilver (this is the default phpBB3 style)
	Original author:  Tom Beddard ( http://www.subBlue.com/ )
	Modified by:
-->
<link href="./styles/prosilver/theme/stylesheet.css?assets_version=1" rel="stylesheet">
</head>
<body id="phpbb" class="nojs notouch section-{section} ltr ">
<div id="wrap" class="wrap">
	<a id="top" class="top-anchor" accesskey="t"></a>
	<div id="page-header">
		<div class="headerbar" role="banner"><div class="inner">
			<div id="site-description" class="site-description">
				<a id="logo" class="logo" href="./index.php" title="Board index"><span class="site_logo"></span></a>
				<h1>{site}</h1>
				<p>{site}</p>
			</div>
		</div></div>
		<div class="navbar" role="navigation"><div class="inner">
	<ul id="nav-breadcrumbs" class="nav-breadcrumbs linklist navlinks" role="menubar">
		<li class="breadcrumbs" itemscope itemtype="https://schema.org/BreadcrumbList">
			{_breadcrumbs(list(crumbs))}
		</li>
	</ul>
		</div></div>
	</div>
	<a id="start_here" class="anchor"></a>
	<div id="page-body" class="page-body" role="main">
{body}
	</div>
<div id="page-footer" class="page-footer" role="contentinfo">
	<div class="navbar" role="navigation"><div class="inner">
	<ul id="nav-footer" class="nav-footer linklist" role="menubar">
		<li class="breadcrumbs"><span class="crumb"><a href="./index.php" data-navbar-reference="index"><i class="icon fa-home fa-fw" aria-hidden="true"></i><span>Board index</span></a></span></li>
		<li class="rightside">All times are <span title="{SITE_TZ.key}">{_utc_offset()}</span></li>
	</ul>
	</div></div>
	<div class="copyright">
		<p class="footer-row">
			<span class="footer-copyright">Powered by <a href="https://www.phpbb.com/">phpBB</a>&reg; Forum Software &copy; phpBB Limited</span>
		</p>
	</div>
</div>
</div>
<script src="./assets/javascript/jquery-3.6.0.min.js?assets_version=1"></script>
<script src="./styles/prosilver/template/forum_fn.js?assets_version=1"></script>
</body>
</html>
"""


def message_page(view: View, text: str) -> str:
    """``trigger_error``'s page: "Information" and the message in ``div#message``."""
    body = f"""<div class="panel" id="message">
	<div class="inner">
	<h2 class="message-title">Information</h2>
	<p>{escape(text)}</p>
	</div>
</div>"""
    return document(view, "Information", body, "viewtopic")


def login_page(view: View, redirect: str) -> str:
    """``login_box``: what a guest gets for a forum or topic the board wants a member for."""
    body = f"""<form action="./ucp.php?mode=login" method="post" id="login" data-focus="username">
<div class="panel">
	<div class="inner">
	<div class="content">
		<h2 class="login-title">The board requires you to be registered and logged in to view this forum.</h2>
		<fieldset class="fields1">
		<dl>
			<dt><label for="username">Username:</label></dt>
			<dd><input type="text" tabindex="1" name="username" id="username" size="25" value="" class="inputbox autowidth" /></dd>
		</dl>
		<dl>
			<dt><label for="password">Password:</label></dt>
			<dd><input type="password" tabindex="2" id="password" name="password" size="25" class="inputbox autowidth" autocomplete="off" /></dd>
		</dl>
		<input type="hidden" name="redirect" value="{redirect}" />
		<dl>
			<dt>&nbsp;</dt>
			<dd><input type="submit" name="login" tabindex="6" value="Login" class="button1" /></dd>
		</dl>
		</fieldset>
	</div>
	</div>
</div>
</form>"""
    return document(view, "Login", body, "viewtopic")
