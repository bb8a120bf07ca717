"""Lists: the board index and a forum's thread list (2.x here, 1.1's tables in
``table_lists``).

The board index (``BoardIndex.template.php``): per category a ``div.cat_bar`` (its
``h3.catbg`` names it) and ``div#category_N_boards`` holding one ``div#board_N`` per board
(``.info a.subject``), whose child boards are listed in ``div.children`` (the ``strong``
there is ``#child_list_PARENT``). A board page lists its own children the same way in
``div#board_N_childboards``.

A redirect board (2.0 and later: a board with a ``redirect`` address, which its own URL only
sends the visitor to) is linked like a board; its row's icon (2.1 ``a.board_redirect``, 2.0
``img[src$=/redirect.png]``) or its redirect count in place of its posts
(``wording.REDIRECT_COUNT``; a child's link title) says what it is: a link out, never a board.

A board's topic list (``MessageIndex.template.php``): its child boards
(``div#board_N_childboards``), then ``#topic_container`` with one ``div`` per topic: the
subject link in ``.message_index_title span[id^=msg_] a`` (``span#msg_K``: K is the first
message), the starter after "Started by" in ``p.floatleft``, ``.board_stats p`` "Replies: R
<br>Views: V", ``.lastpost p`` (the time link, then "by" the poster). Sticky topics' rows
carry ``sticky`` in their class.

2.0 prints the same in tables: the index's ``tbody#category_N_boards`` (its name in the
``tbody`` before it) holds a ``tr#board_N`` per board, whose children are linked in the
``tr#board_N_children`` after it; a board page's child boards are ``tr#board_N`` rows in
``div#board_N_childboards``, its name only in the link tree; a topic is a row of
``#messageindex tbody`` (``td.subject``, ``td.stats`` "R Replies<br>V Views", ``td.lastpost``
"TIME<br>by POSTER" with the time as bare text), a sticky one's cells ``stickybg``.
"""

from __future__ import annotations

import re
from typing import Any

from parsel import Selector

from scraper.engines.base import ForumLink, ThreadRow
from scraper.engines.smf import table_lists, urls
from scraper.engines.site_facts import SiteFacts
from scraper.engines.smf.page import SMFPage
from scraper.engines.smf.wording import REDIRECT_COUNT
from scraper.engines.views import ForumPageView, IndexPageView


_BOARDS = ("./div[starts-with(@id, 'board_')] | "
           "./tr[starts-with(@id, 'board_') and not(contains(@id, '_children'))]")
_REDIRECT_ICON = ".board_icon a.board_redirect, td.icon img[src$='/redirect.png']"


def _redirects(page: SMFPage, board: Selector) -> bool:
    """Whether a board's row is a redirect board's: its icon, else its redirect count."""
    stats = board.css(".board_stats, td.stats")
    return bool(board.css(_REDIRECT_ICON)) or bool(stats and REDIRECT_COUNT.search(page.text(stats[0])))


def board_links(page: SMFPage, container: Selector, category: str | None,
                parent: int | None) -> tuple[list[ForumLink], list[ForumLink]]:
    """(boards, links out): each ``div[id^=board_]`` (2.0: ``tr``) of ``container``: the board,
    then its children; a redirect board among the links out."""
    boards: list[ForumLink] = []
    links_out: list[ForumLink] = []
    for board in container.xpath(_BOARDS):
        link = board.css(".info a.subject")
        ref = urls.classify(page.absolute(link.attrib.get("href", ""))) if link else None
        if ref is None or ref.kind != "forum":
            continue
        (links_out if _redirects(page, board) else boards).append(ForumLink(
            ref.forum_id, page.text(link[0]), urls.page_url(page.url, "forum", ref.forum_id), category, parent))
        children = board.css(".children a, .board_children a") or container.xpath(
            f"./tr[@id='{board.attrib['id']}_children']//a")
        for child in children:
            child_ref = urls.classify(page.absolute(child.attrib.get("href", "")))
            if child_ref and child_ref.kind == "forum":
                redirect = REDIRECT_COUNT.search(child.attrib.get("title", ""))
                (links_out if redirect else boards).append(ForumLink(
                    child_ref.forum_id, page.text(child), urls.page_url(page.url, "forum", child_ref.forum_id),
                    category, ref.forum_id))
    return boards, links_out


def index_page(response: Any, facts: SiteFacts | None = None) -> IndexPageView:
    page = SMFPage(response, facts)
    forums: list[ForumLink] = []
    links_out: list[ForumLink] = []
    for boards in page.selector.css("#boardindex_table div[id$=_boards], #boardindex_table tbody[id$=_boards]"):
        header = boards.xpath("preceding-sibling::*[contains(@class, 'cat_bar') or contains(@class, 'header')][1]//h3")
        listed, links = board_links(page, boards, page.text(header[0]) if header else None, None)
        forums += listed
        links_out += links
    forums = forums or table_lists.board_links(page, None)
    name = page.selector.css("meta[property='og:site_name']::attr(content)").get() or \
        page.selector.css("#forumtitle a span::text, h1.forumtitle a::text").get() or table_lists.site_name(page)
    message, _ = page.error_message()
    return IndexPageView(urls.site_root(page.url), name.strip() if name else None, forums, message, links_out)


def _count(label: str, text: str) -> int | None:
    """The number ``label`` names in ``text``: 2.1 "Replies: 3", 2.0 "3 Replies"."""
    found = re.search(rf"{label}:\s*(\d[\d,.]*)", text) or re.search(rf"(\d[\d,.]*)\s+{label}", text)
    return int(found.group(1).replace(",", "").replace(".", "")) if found else None


def _last_post(page: SMFPage, row: Selector) -> tuple[str | None, str | None, int | None]:
    """(time, poster, message id) of the row's last post: 2.1 ``.lastpost p`` (the time link,
    then "by" the poster), 2.0 ``td.lastpost`` (an icon link, the time as text, "by" the
    poster); the time or icon link names the message. A guest's name (the installer's "Simple
    Machines") is bare text, a member's a link."""
    lastpost = row.css(".lastpost p") or row.css("td.lastpost")
    if not lastpost:
        return None, None, None
    shown = re.match(r"^(?P<time>.+?)\s+by\s+(?P<poster>.+)$", page.text(lastpost[0]))
    time_link = lastpost.xpath("./a[1][not(img)]")
    members = lastpost.xpath("./a[not(img)]")[1 if time_link else 0:]
    when = page.text(time_link[0]) if time_link else shown["time"] if shown else None
    return (when, page.text(members[-1]) if members else shown["poster"] if shown else None,
            page.linked_message(lastpost[0]))


def _topic_row(page: SMFPage, row: Selector) -> ThreadRow | None:
    link = row.css(".message_index_title span[id^=msg_] a, .info span[id^=msg_] a, td.subject span[id^=msg_] a")
    ref = urls.classify(page.absolute(link.attrib.get("href", ""))) if link else None
    if ref is None or ref.thread_id is None:
        return None
    stats = " ".join(page.text(node) for node in row.css(".board_stats, td.stats"))
    starter = row.css("p.floatleft, td.subject p")
    starter_text = re.sub(r"^Started by\s*|\s*«.*$", "", page.text(starter[0])) if starter else ""
    when, poster, last_id = _last_post(page, row)
    return ThreadRow(
        thread_id=ref.thread_id, title=page.text(link[0]), author=starter_text or None,
        replies=_count("Replies", stats), views=_count("Views", stats),
        sticky="sticky" in row.attrib.get("class", "") or bool(row.css("td[class*=sticky]")),
        url=urls.page_url(page.url, "thread", ref.thread_id),
        last_post_text=when, last_poster=poster, last_post_id=last_id)


def _learn_topic_page_size(page: SMFPage) -> None:
    """Messages a page, from a topic row's own page links (2.1 ``span.topic_pages``, 2.0 and
    1.1 ``small#pagesN``, 1.1 classic a bare ``span.smalltext``): a crawl that has not read a
    topic yet (a recrawl resuming at its last stored page) asks it at the forum's offset, not
    the install default's. Any link "2" to a later page of a topic is one."""
    for link in page.selector.xpath("//a[@href][normalize-space(.)='2']"):
        url = page.absolute(link.attrib["href"])
        if (ref := urls.classify(url)) is not None and ref.kind == "thread" and ref.start:
            urls.learn_page_size(url, page.facts)
            return


def forum_page(response: Any, facts: SiteFacts | None = None) -> ForumPageView:
    page = SMFPage(response, facts)
    ref = page.canonical_ref()
    forum_id = ref.forum_id if ref and ref.kind == "forum" else None
    title = page.selector.css("#display_head h2.display_title")
    children = page.selector.css("div[id$=_childboards]")
    rows = children.css("tbody[id$=_children]") or children  # 2.0: the rows' table body
    subforums = board_links(page, rows[0], None, forum_id)[0] if rows else \
        table_lists.board_links(page, forum_id)
    threads = [row for row in (_topic_row(page, node) for node in page.selector.css(
        "#topic_container > div, #messageindex table > tbody > tr")) if row] or table_lists.topic_rows(page)
    message, kind = page.error_message()
    pagination = page.pagination()
    _learn_topic_page_size(page)
    name = page.text(title[0]) if title else page.last_crumb("forum")
    return ForumPageView(forum_id, name, subforums, threads,
                         pagination, pagination.page_count, message, kind, page.page_timezone())
