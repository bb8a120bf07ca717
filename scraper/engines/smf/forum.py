"""A board's topic list (``MessageIndex.template.php``): its child boards
(``div#board_N_childboards``), then ``#topic_container`` with one ``div`` per topic: the
subject link in ``.message_index_title span[id^=msg_] a`` (``span#msg_K``: K is the first
message), the starter after "Started by" in ``p.floatleft``, ``.board_stats p`` "Replies: R
<br>Views: V", ``.lastpost p`` (the time link, then "by" the poster). Sticky topics' rows
carry ``sticky`` in their class."""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from scraper.engines.base import ThreadRow
from scraper.engines.smf import urls
from scraper.engines.smf.index import board_links
from scraper.engines.views import ForumPageView
from scraper.engines.smf.page import SMFPage


def _number(pattern: str, text: str) -> int | None:
    found = re.search(pattern, text)
    return int(found.group(1).replace(",", "").replace(".", "")) if found else None


def _topic_row(page: SMFPage, row: Selector) -> ThreadRow | None:
    link = row.css(".message_index_title span[id^=msg_] a, .info span[id^=msg_] a")
    ref = urls.classify(page.absolute(link.attrib.get("href", ""))) if link else None
    if ref is None or ref.thread_id is None:
        return None
    stats = page.text(row.css(".board_stats")[0]) if row.css(".board_stats") else ""
    lastpost = row.css(".lastpost p")
    when = lastpost.xpath("./a[1]")
    # A guest's name (the installer's "Simple Machines") is bare text, a member's a link.
    poster = lastpost.xpath("./a[position() > 1]")
    starter = row.css("p.floatleft")
    starter_text = re.sub(r"^Started by\s*", "", page.text(starter[0])) if starter else ""
    by_text = re.search(r"\bby\s+(.+)$", page.text(lastpost[0])) if lastpost else None
    return ThreadRow(
        thread_id=ref.thread_id, title=page.text(link[0]), author=starter_text or None,
        replies=_number(r"Replies:\s*(\d[\d,.]*)", stats),
        views=_number(r"Views:\s*(\d[\d,.]*)", stats),
        sticky="sticky" in row.attrib.get("class", ""),
        url=urls.page_url(page.url, "thread", ref.thread_id),
        last_post_text=page.text(when[0]) if when else None,
        last_poster=page.text(poster[-1]) if poster else by_text.group(1) if by_text else None)


def read_forum(response: Any) -> ForumPageView:
    page = SMFPage(response)
    ref = page.canonical_ref()
    forum_id = ref.forum_id if ref and ref.kind == "forum" else None
    title = page.selector.css("#display_head h2.display_title")
    children = page.selector.css("div[id$=_childboards]")
    subforums = board_links(page, children[0], None, forum_id) if children else []
    threads = [row for row in (_topic_row(page, node) for node in page.selector.css(
        "#topic_container > div")) if row]
    message, kind = page.error_message()
    pagination = page.pagination()
    return ForumPageView(forum_id, page.text(title[0]) if title else None, subforums, threads,
                         pagination, pagination.page_count, message, kind, page.page_timezone())
