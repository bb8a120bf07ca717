"""vBulletin's thread, thread-list and index pages as base.py's views (3.x, 4.x and 5.x).

Page-level facts: the title is 3.x's last ``td.navbar strong``, 4.x's ``span.threadtitle``,
5.x's ``h1.main-title``; "Page X of Y" is printed by every version's page navigation
(5.x: ``span.pagetotal``); the footer says "All times are GMT -5. The time now is …" (the
other packs' words for both are in ``wording``).
"""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from scraper.engines import shown_times
from scraper.engines.fragments import number, page_tree, text_of
from scraper.engines.vbulletin import urls
from scraper.engines.vbulletin.posts import read_posts
from scraper.engines.vbulletin.wording import FORBIDDEN, GONE, MEMBERS_ONLY, PAGE_OF, ZONE_FOOTERS
from scraper.engines.views import ThreadPageView


def page_timezone(page: Selector) -> str | None:
    """The zone the page states ("All times are GMT -5", "Alle Zeitangaben in WEZ +2"), as
    ``UTC±HH:MM``."""
    for sentence in ZONE_FOOTERS:
        footer = " ".join(page.xpath(f"//text()[contains(., '{sentence}')]").getall())
        if footer:
            return shown_times.stated_zone(footer[footer.find(sentence):])
    return None


def pagination(page: Selector) -> tuple[int | None, int]:
    shown = PAGE_OF.search(" ".join(page.xpath(
        "//*[contains(@class, 'pagenav') or contains(@class, 'pagination')]//text()").getall()))
    if shown:
        return int(shown.group(1)), int(shown.group(2))
    current = page.xpath("//input[contains(@class, 'js-pagenum')]/@value").get()
    total = page.xpath("//span[contains(@class, 'pagetotal')]/text()").get()
    return (number(current), number(total) or 1) if total else (None, 1)


def _title(page: Selector) -> str | None:
    for expression in ("//h1[contains(@class, 'main-title')]", "//span[contains(@class, 'threadtitle')]",
                       "//td[contains(@class, 'navbar')]/strong"):
        found = page.xpath(expression)
        if found:
            return text_of(found[0].root) or None
    return None


def feed_forum(page: Selector) -> int | None:
    """The forum whose feed the head links (4.x ``external.php?type=RSS2&forumids=N``): where vBSEO's
    URLs name no id, the one place a thread or list page names its forum."""
    feed = page.xpath("//link[@rel='alternate']/@href").re_first(r"forumids=(\d+)")
    return int(feed) if feed else None


def _breadcrumb_forum(page: Selector) -> int | None:
    """The last forum link of the breadcrumb (4.x ``li.navbit``, any URL form; 3.x ``span.navbar``,
    whose class a 4.x style may give its menu of other forums too), else the forum of 4.x's feed
    link, else 5.x's channel."""
    links = (page.xpath("//li[contains(@class, 'navbit')]//a/@href").getall()
             or page.xpath("//*[contains(@class, 'navbar')]//a[contains(@href, 'forumdisplay.php')]/@href").getall())
    refs = [urls.classify(link) for link in links]
    forums = [ref.forum_id for ref in refs if ref and ref.kind == "forum"]
    if forums:
        return forums[-1]
    feed = feed_forum(page)
    if feed is not None:
        return feed
    channel = re.search(r'"channelid":\s*"(\d+)"', page.get())  # 5.x page data
    return int(channel.group(1)) if channel else None


def _thread_id(page: Selector, url: str) -> int | None:
    for candidate in (page.xpath("//link[@rel='canonical']/@href").get(), url,
                      page.xpath("//input[@name='t']/@value").get()):
        ref = urls.classify(candidate or "") if candidate and not candidate.isdigit() else None
        if ref and ref.thread_id:
            return ref.thread_id
        if candidate and candidate.isdigit():
            return int(candidate)
    return None


# What a message box says: the thread is gone, or a guest may not read it.
_SAYS = (("deleted", GONE), ("forbidden", FORBIDDEN), ("login_required", MEMBERS_ONLY))


def _message(page: Selector) -> tuple[str | None, str | None]:
    """The box a page shows in place of posts (no permission, invalid thread), and its kind."""
    found = page.xpath("//div[contains(@class, 'standard_error')] | //td[contains(@class, 'panelsurround')]")
    text = text_of(found[0].root) if found else ""
    return (text, next((kind for kind, said in _SAYS if said.search(text)), "message")) if text else (None, None)



def thread_page(response: Any) -> ThreadPageView:
    page = page_tree(response)
    current, total = pagination(page)
    ref = urls.classify(response.url)
    posts = read_posts(page.root)
    message, kind = (None, None) if posts else _message(page)
    return ThreadPageView(
        thread_id=_thread_id(page, response.url), forum_id=_breadcrumb_forum(page), title=_title(page),
        page=current or (ref.page if ref else 1), page_count=total, replies=None, posts=posts,
        message=message, message_kind=kind, ref=ref,
        page_timezone=page_timezone(page))

