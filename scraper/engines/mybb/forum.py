"""A forum's thread list (``forumdisplay.php``): its sub-forums table ("Forums in 'X'"),
then one ``tr.inline_row`` per thread (``forumdisplay_thread``): the subject in
``span#tid_N > a``, ``span.author``, the replies (the "who posted" link), the views (the
next cell), ``span.lastpost`` (``span[title]`` time, then the last poster's link). Sticky
threads' cells carry ``forumdisplay_sticky``."""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from scraper.engines.base import ForumLink, ThreadRow
from scraper.engines.mybb import urls
from scraper.engines.mybb.index import forum_rows
from scraper.engines.views import ForumPageView
from scraper.engines.mybb.page import MyBBPage, full_title


def _count(text: str) -> int | None:
    digits = text.replace(",", "").replace(".", "").strip()
    return int(digits) if digits.isdigit() else None


def _thread_row(page: MyBBPage, row: Selector) -> ThreadRow | None:
    subject = row.css("span[id^=tid_]")
    link = subject.css("a")
    if not subject or not link:
        return None
    thread_id = int(subject.attrib["id"].removeprefix("tid_"))
    author = row.css("span.author a")
    counts = row.xpath("./td[a[contains(@href, 'whoposted')]]")
    replies = _count(page.text(counts[0])) if counts else None
    views_cell = counts.xpath("./following-sibling::td[1]") if counts else []
    lastpost = row.css("span.lastpost")
    when = lastpost.css("span[title]")
    poster = lastpost.xpath(".//a[not(contains(@href, 'lastpost'))]")
    time_text = None
    if lastpost:
        before_link = lastpost.xpath("./text()[following-sibling::br] | ./span//text()").getall()
        time_text = " ".join("".join(before_link).split()) or None
    return ThreadRow(
        thread_id=thread_id, title=page.text(link[0]),
        author=page.text(author[0]) if author else None, replies=replies,
        views=_count(page.text(views_cell[0])) if views_cell else None,
        sticky=bool(row.css("td.forumdisplay_sticky")),
        url=urls.page_url(page.url, "thread", thread_id), last_post_text=time_text,
        last_poster=page.text(poster[-1]) if poster else None,
        last_post_attr=full_title(when.attrib.get("title"), time_text) if when else None)


def read_forum(response: Any) -> ForumPageView:
    page = MyBBPage(response)
    ref = urls.classify(page.url)
    forum_id = ref.forum_id if ref and ref.kind == "forum" else None
    name = None
    if forum_id is None:
        found = page.selector.css("input[name='forums[]']::attr(value), "
                                  "select[name=fid] option[selected]::attr(value)").get()
        forum_id = int(found) if found and found.isdigit() else None
    active = page.selector.css("div.navigation span.active")
    if active:
        name = page.text(active[0])
    subforums: list[ForumLink] = []
    for table in page.selector.css("#content table.tborder"):
        head = page.text(table.css("td.thead")[0]) if table.css("td.thead") else ""
        if re.match(r"Forums in ", head) or table.css("td[class*=trow] span.forum_status"):
            subforums += forum_rows(page, table, None, forum_id)
    threads = [row for row in (_thread_row(page, tr) for tr in page.selector.css(
        "tr.inline_row")) if row]
    message, kind = page.error_message()
    pagination = page.pagination()
    return ForumPageView(forum_id, name, subforums, threads, pagination, pagination.page_count,
                         message, kind, page.page_timezone())
