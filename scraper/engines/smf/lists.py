"""Lists: the board index and a forum's thread list.

The board index (``BoardIndex.template.php``): per category a ``div.cat_bar`` (its
``h3.catbg`` names it) and ``div#category_N_boards`` holding one ``div#board_N`` per board
(``.info a.subject``), whose child boards are listed in ``div.children`` (the ``strong``
there is ``#child_list_PARENT``). A board page lists its own children the same way in
``div#board_N_childboards``.

A board's topic list (``MessageIndex.template.php``): its child boards
(``div#board_N_childboards``), then ``#topic_container`` with one ``div`` per topic: the
subject link in ``.message_index_title span[id^=msg_] a`` (``span#msg_K``: K is the first
message), the starter after "Started by" in ``p.floatleft``, ``.board_stats p`` "Replies: R
<br>Views: V", ``.lastpost p`` (the time link, then "by" the poster). Sticky topics' rows
carry ``sticky`` in their class.
"""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from scraper.engines.base import ForumLink, ThreadRow
from scraper.engines.smf import urls
from scraper.engines.smf.page import SMFPage
from scraper.engines.views import ForumPageView, IndexPageView


def board_links(page: SMFPage, container: Selector, category: str | None,
                parent: int | None) -> list[ForumLink]:
    """Each ``div[id^=board_]`` of ``container``: the board, then its children."""
    found: list[ForumLink] = []
    for board in container.xpath("./div[starts-with(@id, 'board_')]"):
        link = board.css(".info a.subject")
        ref = urls.classify(page.absolute(link.attrib.get("href", ""))) if link else None
        if ref is None or ref.kind != "forum":
            continue
        found.append(ForumLink(ref.forum_id, page.text(link[0]),
                               urls.page_url(page.url, "forum", ref.forum_id), category, parent))
        for child in board.css(".children a, .board_children a"):
            child_ref = urls.classify(page.absolute(child.attrib.get("href", "")))
            if child_ref and child_ref.kind == "forum":
                found.append(ForumLink(child_ref.forum_id, page.text(child),
                                       urls.page_url(page.url, "forum", child_ref.forum_id),
                                       category, ref.forum_id))
    return found


def index_page(response: Any) -> IndexPageView:
    page = SMFPage(response)
    forums: list[ForumLink] = []
    for boards in page.selector.css("#boardindex_table div[id$=_boards]"):
        header = boards.xpath("preceding-sibling::div[contains(@class, 'cat_bar')][1]//h3")
        forums += board_links(page, boards, page.text(header[0]) if header else None, None)
    name = page.selector.css("meta[property='og:site_name']::attr(content)").get() or \
        page.selector.css("#forumtitle a span::text, h1.forumtitle a::text").get()
    message, _ = page.error_message()
    return IndexPageView(urls.site_root(page.url), name.strip() if name else None, forums, message)


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


def forum_page(response: Any) -> ForumPageView:
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
