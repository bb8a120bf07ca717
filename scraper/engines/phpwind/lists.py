"""9.x's board list (``index.php?m=bbs&c=forumlist``, ``template/bbs/forumlist.htm``: a
category ``h2.cname`` above its boards' ``h3.fname`` links, "主题：N，帖子：M") and thread list
(``index.php?c=thread&fid=N``, ``template/bbs/thread.htm``: ``table#J_posts_list`` rows with
``td.subject`` (``a.st`` the title, ``p.info``: starter, "最后回复：" poster and time) and
``td.num`` ("回复N", "浏览N"); a board's sub-boards in ``div.forum_child``, "子版块",
``h3.fname`` each). The home page (newest threads) links boards from its sidebar menu, read the
same way (a category's top boards only: sub-boards are found on their parent's list).

8.x (8.7's ``template/wind/index.htm``: ``h3.cateT`` categories, ``h2.forumT`` boards;
``thread.htm``: ``tbody#threadlist tr.tr3`` rows of ``thread_maincommon.htm``, sub-boards in
``tbody#cate_children``) is read by the same functions (``_row_8`` for its rows)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from scraper.engines.base import ForumLink, ThreadRow
from scraper.engines.fragments import first, number, text_of
from scraper.engines.phpwind import row_times, urls
from scraper.engines.phpwind.page import PhpwindPage
from scraper.engines.site_facts import SiteFacts
from scraper.engines.views import ForumPageView, IndexPageView

# The installer's menu links two boards of phpwind.net, the vendor's own forum (程序建议,
# 问题反馈): not boards of the site.
_VENDOR = re.compile(r"(?:^|\.)phpwind\.(?:net|com)$")
# A category's heading: 9.x ``h2.cname``, 8.x ``h3.cateT`` (``template/wind/index.htm``).
_CATEGORY = "//*[self::h2[contains(@class,'cname')] or self::h3[contains(@class,'cateT')]]"
# A board's sub-boards: 9.x ``div.forum_child`` (``widget_forum.htm``), 8.x
# ``tbody#cate_children`` (``thread_children.htm``).
_SUB_BOARDS = "div.forum_child h3.fname a[href], tbody#cate_children h2 a[href]"


def _boards(page: PhpwindPage) -> list[ForumLink]:
    """Every board link on the page (board list headings, sidebar menu), once each, with the
    category heading it sits under when the page has one."""
    links: dict[int, ForumLink] = {}
    category = None
    for node in page.selector.xpath(f"{_CATEGORY}//a | //a[@href]"):
        href = page.absolute(node.attrib.get("href", ""))
        ref = page.classify(href)
        if node.xpath(f"ancestor::{_CATEGORY.removeprefix('//')}"):
            category = page.text(node)
            continue
        name = page.text(node)
        if ref and ref.kind == "forum" and ref.page == 1 and name and ref.forum_id not in links \
                and not name.startswith("[") and not _VENDOR.search(urlsplit(href).netloc):
            links[ref.forum_id] = ForumLink(ref.forum_id, name, href, category=category)
    return list(links.values())


def index_page(response: Any, facts: SiteFacts | None = None) -> IndexPageView:
    page = PhpwindPage(response, facts)
    home = page.selector.css("div.bread_crumb a.home::attr(title), div#breadCrumb a[title]::attr(title)").get()
    message, _ = page.error_message()
    return IndexPageView(site_root=urls.site_root(page.url), site_name=home or None,
                         forums=_boards(page), message=message)


def _sub_boards(page: PhpwindPage) -> list[ForumLink]:
    links = [(page.absolute(link.attrib.get("href", "")), page.text(link))
             for link in page.selector.css(_SUB_BOARDS)]
    return [ForumLink(ref.forum_id, name, url) for url, name in links
            if (ref := page.classify(url)) and ref.kind == "forum"]


def _row(page: PhpwindPage, row: Any) -> ThreadRow | None:
    element = row.root
    title = first(element, ".//td[contains(@class,'subject')]//a[contains(@class,'st')][@title]")
    if title is None:
        return None
    ref = page.classify(page.absolute(title.get("href", "")))
    if ref is None or ref.kind != "thread":
        return None
    people = element.xpath(".//p[contains(@class,'info')]/a")
    last_time = first(element, ".//p[contains(@class,'info')]/span[a]/a")
    counts = [number(text_of(em)) for em in element.xpath(".//td[contains(@class,'num')]//em")]
    started = text_of(first(element, ".//p[contains(@class,'info')]/span[not(a)]"))
    return ThreadRow(
        thread_id=ref.thread_id, title=text_of(title), author=text_of(people[0]) if people else None,
        replies=counts[0] if counts else None, views=counts[1] if len(counts) > 1 else None,
        sticky=bool(element.xpath(".//*[contains(@class,'icon_headtopic')]")),
        url=page.absolute(title.get("href", "")),
        last_post_text=text_of(last_time) or None,
        last_post_attr=row_times.since_start(text_of(last_time), started, counts[0] if counts else None),
        last_poster=text_of(people[1]) if len(people) > 1 else None)


def _row_8(page: PhpwindPage, row: Any) -> ThreadRow | None:
    """8.7's ``thread_maincommon.htm`` row: ``a.subject_t``, the starter's ``td.author``,
    ``td.num`` "<em>replies</em>/hits", the last poster's ``td.author`` with the last reply
    linked, its ``title`` the absolute ``Y-m-d H:i``."""
    element = row.root
    title = first(element, ".//a[contains(@class,'subject_t')]")
    ref = page.classify(page.absolute(title.get("href", ""))) if title is not None else None
    if ref is None or ref.kind != "thread":
        return None
    people = element.xpath("./td[contains(@class,'author')]/a")
    last_time = first(element, "./td[contains(@class,'author')][2]/p/a")
    counts = text_of(first(element, "./td[contains(@class,'num')]")).split("/")
    return ThreadRow(
        thread_id=ref.thread_id, title=text_of(title), author=text_of(people[0]) if people else None,
        replies=number(counts[0]), views=number(counts[1]) if len(counts) > 1 else None,
        sticky=bool(element.xpath(".//img[contains(@src,'headtopic_')]")), url=page.absolute(title.get("href", "")),
        last_post_text=text_of(last_time) or None,
        last_post_attr=last_time.get("title") if last_time is not None else None,
        last_poster=text_of(people[1]) if len(people) > 1 else None)


def forum_page(response: Any, facts: SiteFacts | None = None) -> ForumPageView:
    page = PhpwindPage(response, facts)
    fetched = page.classify(page.url)
    crumb = page.crumb_ref("forum")
    rows = ([_row(page, row) for row in page.selector.css("table#J_posts_list tr")]
            or [_row_8(page, row) for row in page.selector.css("tbody#threadlist tr.tr3")])
    pagination = page.pagination()
    message, kind = page.error_message()
    return ForumPageView(
        forum_id=fetched.forum_id if fetched and fetched.kind == "forum" else (
            crumb[0].forum_id if crumb else None),
        name=crumb[1] if crumb else None, subforums=_sub_boards(page), threads=[row for row in rows if row],
        pagination=pagination, page_count=pagination.page_count, message=message,
        message_kind=kind)
