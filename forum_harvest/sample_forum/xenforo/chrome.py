"""XenForo 2.x page chrome as its stock templates print it (see tests/fixtures/xenforo-2): the
``<html id="XF">`` document, breadcrumbs (``ul.p-breadcrumbs``), the page title
(``h1.p-title-value``), the pager (``nav.pageNavWrapper``), ``<time class="u-dt">`` and the
footer; and the site's URLs (``threads/slug.N/page-M``)."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape
from urllib.parse import quote

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import SITE_TZ

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def slug(title: str) -> str:
    """XenForo's title in a URL with romanisation off: words kept, the rest turned to "-"."""
    return quote(re.sub(r"[\W_]+", "-", title.lower()).strip("-"))


def thread_path(thread_id: int, title: str, page: int = 1) -> str:
    return f"threads/{slug(title)}.{thread_id}/" + (f"page-{page}" if page > 1 else "")


def forum_path(forum_id: int, name: str, page: int = 1) -> str:
    return f"forums/{slug(name)}.{forum_id}/" + (f"page-{page}" if page > 1 else "")


def _clock(local: datetime) -> str:
    return f"{local.hour % 12 or 12}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"


def _date(local: datetime) -> str:
    return f"{local:%b} {local.day}, {local.year}"


def shown_time(moment: datetime, now: datetime) -> str:
    """``language->getRelativeDateTimeOutput``: "A moment ago", "N minutes ago", "Today at
    3:04 PM", "Yesterday at …", "Sunday at …" within a week, else the date."""
    local, view = moment.astimezone(SITE_TZ), now.astimezone(SITE_TZ)
    elapsed = (view - local).total_seconds()
    if 0 <= elapsed < 60:
        return "A moment ago"
    if 0 <= elapsed < 3600:
        minutes = int(elapsed // 60)
        return "1 minute ago" if minutes == 1 else f"{minutes} minutes ago"
    days = (view.date() - local.date()).days
    if 0 <= days < 7:
        day = "Today" if days == 0 else "Yesterday" if days == 1 else WEEKDAYS[local.weekday()]
        return f"{day} at {_clock(local)}"
    return _date(local)


def time_tag(moment: datetime, now: datetime, css: str = "u-dt") -> str:
    local = moment.astimezone(SITE_TZ)
    return (f'<time class="{css}" dir="auto" datetime="{local:%Y-%m-%dT%H:%M:%S%z}" data-time="{int(moment.timestamp())}"'
            f' data-date-string="{_date(local)}" data-time-string="{_clock(local)}"'
            f' title="{_date(local)} at {_clock(local)}">{shown_time(moment, now)}</time>')


def pager(view: View, path_of, page: int, total: int) -> str:
    """``nav.pageNavWrapper``; ``path_of(n)`` is page n's path. Nothing for a single page."""
    if total <= 1:
        return ""
    base = view.base_url
    items = "".join(
        f'<li class="pageNav-page{" pageNav-page--current" if n == page else ""} "><a href="{base}{path_of(n)}">{n}</a></li>'
        for n in range(1, total + 1))
    prev = f'<a href="{base}{path_of(page - 1)}" class="pageNav-jump pageNav-jump--prev">Prev</a>' if page > 1 else ""
    nxt = f'<a href="{base}{path_of(page + 1)}" class="pageNav-jump pageNav-jump--next">Next</a>' if page < total else ""
    return f"""<nav class="pageNavWrapper pageNavWrapper--mixed ">
<div class="pageNav  ">{prev}<ul class="pageNav-main">{items}</ul>{nxt}</div>
<div class="pageNavSimple"><a class="pageNavSimple-el pageNavSimple-el--current" data-xf-init="tooltip" title="Go to page"
 data-xf-click="menu" role="button" tabindex="0" aria-expanded="false" aria-haspopup="true">{page} of {total}</a></div>
</nav>"""


def breadcrumbs(view: View, trail: list[tuple[str, str]]) -> str:
    """``ul.p-breadcrumbs``: Forums, then ``trail`` (path, name) pairs."""
    crumbs = [("", "Forums"), *trail]
    items = "".join(f"""
	<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
		<a href="{view.base_url}{path}" itemprop="item"><span itemprop="name">{escape(name)}</span></a>
		<meta itemprop="position" content="{n}" />
	</li>""" for n, (path, name) in enumerate(crumbs, start=1))
    return f'<ul class="p-breadcrumbs " itemscope itemtype="https://schema.org/BreadcrumbList">{items}\n</ul>'


def document(view: View, template: str, title: str, body: str, *, canonical: str = "", keys: str = "",
             description: str = "") -> str:
    """A whole page: ``template`` is the ``data-template``, ``keys`` the container/content keys."""
    site = view.site
    head_title = f"{escape(title)} | {site}" if title != view.forum.site_name else site
    link = f'<link rel="canonical" href="{view.base_url}{canonical}" />' if canonical else ""
    return f"""<!DOCTYPE html>
<html id="XF" lang="zh-CN" dir="LTR" data-app="public" data-template="{template}"{keys} data-logged-in="false" data-cookie-prefix="xf_" class="has-no-js template-{template}" data-run-jobs="">
<head>
	<meta charset="utf-8" />
	<meta http-equiv="X-UA-Compatible" content="IE=Edge" />
	<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
	<title>{head_title}</title>
	<meta property="og:site_name" content="{site}" />
	<meta property="og:title" content="{escape(title)}" />
	{link}
</head>
<body data-template="{template}">
<div class="p-pageWrapper" id="top">
<header class="p-header" id="header"><div class="p-header-inner"><div class="p-header-content">
	<div class="p-header-logo p-header-logo--image"><a href="{view.base_url}"><img src="{view.base_url}styles/default/xenforo/xenforo-logo.png" alt="{site}" /></a></div>
</div></div></header>
<div class="p-body"><div class="p-body-inner">
{body}
</div></div>
<footer class="p-footer" id="footer"><div class="p-footer-inner">
	<div class="p-footer-copyright">
		<a href="https://xenforo.com" class="u-concealed" dir="ltr" target="_blank">Forum software by XenForo&reg; <span class="copyright">&copy; 2010-2019 XenForo Ltd.</span></a>
	</div>
</div></footer>
</div>
<script>
	jQuery.extend(true, XF.config, {{"cookie": {{"path": "/", "prefix": "xf_"}}}});
	XF.ready();
</script>
</body>
</html>
"""


def page_header(view: View, trail: list[tuple[str, str]], title: str, description: str = "") -> str:
    """Breadcrumbs and ``div.p-body-header`` (title, then ``description`` HTML)."""
    return f"""{breadcrumbs(view, trail)}
<div class="p-body-header">
	<div class="p-title "><h1 class="p-title-value">{escape(title)}</h1></div>
	{f'<div class="p-description">{description}</div>' if description else ""}
</div>"""


def login_page(view: View, message: str) -> str:
    """What XenForo answers a guest, with HTTP 403, for what only members may do: the ``login``
    template, the reason above the login form ``form#pageLogin``."""
    body = f"""{breadcrumbs(view, [])}
<div class="p-body-header"><div class="p-title "><h1 class="p-title-value">Log in</h1></div></div>
<div class="p-body-main"><div class="p-body-content"><div class="p-body-pageContent">
<div class="blockMessage blockMessage--error blockMessage--iconic">{escape(message)}</div>
<form action="{view.base_url}login/login" method="post" class="block" id="pageLogin">
<div class="block-container"><div class="block-body">
<dl class="formRow"><dt><label for="_xfUid-1">Your name or email address</label></dt><dd><input type="text" class="input" name="login" autocomplete="username" id="_xfUid-1" /></dd></dl>
<dl class="formRow"><dt><label for="_xfUid-2">Password</label></dt><dd><input type="password" class="input" name="password" autocomplete="current-password" id="_xfUid-2" /></dd></dl>
</div>
<dl class="formRow formSubmitRow"><dt></dt><dd><button type="submit" class="button--primary button">Log in</button></dd></dl>
</div>
</form>
</div></div></div>"""
    return document(view, "login", "Log in", body)


def error_page(view: View, message: str) -> str:
    """XenForo's error template: the box ``div.blockMessage--error``."""
    body = f"""{breadcrumbs(view, [])}
<div class="p-body-header"><div class="p-title "><h1 class="p-title-value">Oops! We ran into some problems.</h1></div></div>
<div class="p-body-main"><div class="p-body-content"><div class="p-body-pageContent">
<div class="blockMessage blockMessage--error blockMessage--iconic">{escape(message)}</div>
</div></div></div>"""
    return document(view, "error", "Error", body)


