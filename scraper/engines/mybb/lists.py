"""Lists: the board index and a forum's thread list.

The board index (``index.php``): categories (``forumbit_depth1_cat``: a ``table.tborder``
whose head links the category) with their forums (``forumbit_depth2_forum`` rows) and each
forum's sub-forums (``forumbit_subforums``, links after "Sub Forums:"). A forum page's own
"Forums in 'X'" table has the same rows. A link forum (``linkto``: ``forumdisplay.php`` only
redirects) is linked like a board; its status icon says what it is (``_LINK_ICONS``): a link
out, never a board.

A forum's thread list (``forumdisplay.php``): its sub-forums table ("Forums in 'X'"),
then one ``tr.inline_row`` per thread (``forumdisplay_thread``): the subject in
``span#tid_N > a`` (a theme without that id: ``_subject``), ``span.author``, the replies (the "who posted" link), the views (the
next cell), ``span.lastpost`` (``span[title]`` time, then the last poster's link). Sticky
threads' cells carry ``forumdisplay_sticky``.
"""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from scraper.engines.base import ForumLink, ThreadRow
from scraper.engines.mybb import urls
from scraper.engines.mybb.page import MyBBPage, full_title
from scraper.engines.views import ForumPageView, IndexPageView


# A forum's status icon: ``forumbit_depth2_forum``'s ``span.forum_status#mark_read_N`` in the
# row's first cell, ``forumbit_subforums``' ``subforumicon#mark_read_N`` before a sub-forum's link.
_ICON_ID = re.compile(r"mark_read_(\d+)")
# A link forum's icon (``get_forum_lightbulb()``'s folder ``offlink``, inc/functions_forumlist.php):
# ``forum_offlink`` on its row, ``subforum_miniofflink`` before its link in a sub-forum list.
_LINK_ICONS = frozenset({"forum_offlink", "subforum_miniofflink"})


def _is_link_out(icons: list[Selector]) -> bool:
    return any(_LINK_ICONS & set(icon.attrib.get("class", "").split()) for icon in icons)


def _board(page: MyBBPage, link: Selector, icons: list[Selector], category: str | None,
           parent: int | None) -> ForumLink | None:
    """The board a link names: by the id in its URL, else its status icon's (``icons``: the
    icons that stand for it), else (a Google SEO ``Forum-NAME``) by its URL."""
    href = page.absolute(link.attrib.get("href", ""))
    ref = urls.classify(href)
    if ref is None or ref.kind != "forum":
        return None
    ids = (icon.attrib.get("id", "") for icon in icons)
    icon = next((int(found.group(1)) for found in map(_ICON_ID.fullmatch, ids) if found), None)
    forum_id = ref.forum_id or icon
    url = urls.page_url(page.url, "forum", forum_id) if forum_id else urls.canonicalize(href)
    return ForumLink(forum_id, page.text(link), url, category, parent)


def forum_rows(page: MyBBPage, table: Selector, category: str | None,
               parent: int | None) -> tuple[list[ForumLink], list[ForumLink]]:
    """(boards, links out): each row's forum (the ``strong > a`` in its second cell) and its
    sub-forums, a link forum among the links out."""
    boards: list[ForumLink] = []
    links_out: list[ForumLink] = []

    def add(link: Selector, icons: list[Selector], parent: int | None) -> ForumLink | None:
        if (found := _board(page, link, icons, category, parent)) is not None:
            (links_out if _is_link_out(icons) else boards).append(found)
        return found

    for row in table.xpath("./tr | ./tbody/tr"):
        main = row.xpath("./td[2]/strong/a | ./td[2]/a[1]")
        board = add(main[0], row.xpath("./td[1]//*[@id or @class]"), parent) if main else None
        if board is None:
            continue
        for sub in row.xpath("./td[2]/div[contains(@class, 'smalltext')]//a"):
            add(sub, sub.xpath("preceding-sibling::*[1]"), board.forum_id)
    return boards, links_out


def index_page(response: Any) -> IndexPageView:
    page = MyBBPage(response)
    forums: list[ForumLink] = []
    links_out: list[ForumLink] = []
    for table in page.selector.css("#content table.tborder"):
        head = table.css("td.thead strong a")
        if not head:
            continue
        boards, links = forum_rows(page, table, page.text(head[0]), None)
        forums += boards
        links_out += links
    name = page.selector.css("#logo img::attr(alt)").get() or page.selector.css(
        "title::text").get()
    message, _ = page.error_message()
    return IndexPageView(urls.site_root(page.url), name.strip() if name else None, forums, message,
                         links_out)


def _count(text: str) -> int | None:
    digits = text.replace(",", "").replace(".", "").strip()
    return int(digits) if digits.isdigit() else None


_WHO_POSTED_TID = re.compile(r"[?&;]tid=(\d+)")


def _subject(page: MyBBPage, row: Selector) -> tuple[int, Selector] | None:
    """(thread id, subject link): ``span#tid_N > a``; in a theme that drops that id, the row's
    first thread link (not the unread-post jump, an image link, nor one in the last-post
    column), whose id is its URL's, else (a Google SEO ``Thread-NAME``) the "who posted"
    link's ``misc.php?action=whoposted&tid=N``."""
    subject = row.css("span[id^=tid_]")
    if subject:
        link = subject.css("a")
        return (int(subject.attrib["id"].removeprefix("tid_")), link[0]) if link else None
    for link in row.xpath(".//a[@href][not(.//img)][not(ancestor::span[contains(@class, 'lastpost')])]"):
        ref = urls.classify(page.absolute(link.attrib["href"]))
        if ref is None or ref.kind != "thread":
            continue
        who = _WHO_POSTED_TID.search(row.xpath(".//a[contains(@href, 'whoposted')]/@href").get() or "")
        thread_id = ref.thread_id or (int(who.group(1)) if who else None)
        return (thread_id, link) if thread_id else None
    return None


def _thread_row(page: MyBBPage, row: Selector) -> ThreadRow | None:
    if (subject := _subject(page, row)) is None:
        return None
    thread_id, link = subject
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
        thread_id=thread_id, title=page.text(link),
        author=page.text(author[0]) if author else None, replies=replies,
        views=_count(page.text(views_cell[0])) if views_cell else None,
        sticky=bool(row.css("td.forumdisplay_sticky")),
        url=urls.page_url(page.url, "thread", thread_id), last_post_text=time_text,
        last_poster=page.text(poster[-1]) if poster else None,
        last_post_attr=full_title(when.attrib.get("title"), time_text) if when else None)


def forum_page(response: Any) -> ForumPageView:
    page = MyBBPage(response)
    ref = urls.classify(page.url)
    forum_id = ref.forum_id if ref and ref.kind == "forum" and ref.forum_id else page.forum_shown()
    name = None
    active = page.selector.css("div.navigation span.active")
    if active:
        name = page.text(active[0])
    subforums: list[ForumLink] = []
    for table in page.selector.css("#content table.tborder"):
        head = page.text(table.css("td.thead")[0]) if table.css("td.thead") else ""
        if re.match(r"Forums in ", head) or table.css("td[class*=trow] span.forum_status"):
            subforums += forum_rows(page, table, None, forum_id)[0]
    threads = [row for row in (_thread_row(page, tr) for tr in page.selector.css(
        "tr.inline_row")) if row]
    message, kind = page.error_message()
    pagination = page.pagination()
    return ForumPageView(forum_id, name, subforums, threads, pagination, pagination.page_count,
                         message, kind, page.page_timezone())
