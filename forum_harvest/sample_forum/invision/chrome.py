"""Invision Community 4.x page chrome as its stock templates print it (``core/front/global/
globalTemplate``, ``breadcrumb``, ``error``; ``core/global/global/pagination``; see
docs/engines/invision.md): ``<body class="ipsApp ipsApp_front" data-pagecontroller=…
data-pageid=…>``, the breadcrumb, ``h1.ipsType_pageTitle``, the pager ``ul.ipsPagination``,
``<time datetime>``; and the site's friendly URLs (``topic/N-slug/page/M/``)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import escape
from urllib.parse import quote

from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.model import SITE_TZ

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def slug(title: str) -> str:
    """``Friendly::seoTitle``: lower case, spaces and URL punctuation made "-", "-" when empty."""
    return quote(re.sub(r"[\s/?#&%\"'<>]+", "-", title.lower()).strip("-")) or "-"


def topic_path(topic_id: int, title: str, page: int = 1) -> str:
    return f"topic/{topic_id}-{slug(title)}/" + (f"page/{page}/" if page > 1 else "")


def forum_path(forum_id: int, name: str, page: int = 1) -> str:
    return f"forum/{forum_id}-{slug(name)}/" + (f"page/{page}/" if page > 1 else "")


def time_tag(moment: datetime) -> str:
    """``DateTime::html()``: the UTC ``datetime``, the date in the site's zone as its text."""
    local = moment.astimezone(SITE_TZ)
    clock = f"{local.hour % 12 or 12:02d}:{local:%M}  {'AM' if local.hour < 12 else 'PM'}"
    return (f"<time datetime='{moment.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}' title='{local:%m/%d/%y} {clock}'"
            f" data-short='1 yr'>{MONTHS[local.month - 1]} {local.day}, {local.year}</time>")


def pager(view: View, path_of, page: int, total: int, per_page: int) -> str:
    """``pagination``; ``path_of(n)`` is page n's path. Nothing for a single page."""
    if total <= 1:
        return ""
    base = view.base_url
    items = "".join(f"<li class='ipsPagination_page{' ipsPagination_active' if n == page else ''}'>"
                    f"<a href='{base}{path_of(n)}' data-page='{n}'>{n}</a></li>" for n in range(1, total + 1))
    nxt = (f"<li class='ipsPagination_next'><a href='{base}{path_of(page + 1)}' rel=\"next\" data-page='{page + 1}'>"
           f"Next</a></li>") if page < total else ""
    return (f"<ul class='ipsPagination' id='elPagination_{page}' data-ipsPagination-seoPagination='true' "
            f"data-pages='{total}' data-ipsPagination data-ipsPagination-pages=\"{total}\" "
            f"data-ipsPagination-perPage='{per_page}'>{items}{nxt}</ul>")


def document(view: View, controller: str, page_id: int, title: str, trail: list[tuple[str, str]], body: str) -> str:
    """``globalTemplate``: ``trail`` the breadcrumb's (path, name) after the home link."""
    base, site = view.base_url, escape(view.forum.site_name)
    crumbs = "".join(f"<li><a href='{base}{path}'><span>{escape(name)}</span></a></li>" for path, name in trail)
    return f"""<!DOCTYPE html>
<html lang="en-US" dir="ltr">
<head><meta charset="utf-8"><title>{escape(title)} - {site}</title>
<meta property="og:site_name" content="{site}"></head>
<body class='ipsApp ipsApp_front ipsJS_none ipsClearfix ipsLayout_noBackground' data-controller='core.front.core.app' data-message="" data-pageApp='forums' data-pageLocation='front' data-pageModule='forums' data-pageController='{controller}' data-pageID='{page_id}'>
<div id='ipsLayout_contentArea'><div id='ipsLayout_contentWrapper'>
<nav class='ipsBreadcrumb ipsBreadcrumb_top ipsFaded_withHover'><ul data-role="breadcrumbList">
<li><a href='{base}'><span><i class="fa fa-home"></i> Home</span></a></li>{crumbs}</ul></nav>
<div id='ipsLayout_mainArea'>
<div class='ipsPageHeader ipsClearfix'><h1 class='ipsType_pageTitle ipsContained_container'><span class='ipsType_break ipsContained'>{escape(title)}</span></h1></div>
{body}
</div></div></div>
<footer id='ipsLayout_footer'><p id='elCopyright'><a rel='nofollow' title='Invision Community' href='https://www.invisioncommunity.com/'>Powered by Invision Community</a></p></footer>
</body>
</html>
"""


def error_page(view: View, message: str) -> str:
    """``error``: "Sorry, there is a problem" (``error_title``) and the message."""
    body = (f"<section id='elError' class='ipsType_center'><div class='ipsBox ipsPad'>"
            f"<div id='elErrorMessage' class='ipsPadding:half ipsPos_center'>{escape(message)}</div></div></section>")
    return document(view, "error", 0, "Sorry, there is a problem", [], body)
