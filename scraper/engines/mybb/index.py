"""The board index (``index.php``): categories (``forumbit_depth1_cat``: a ``table.tborder``
whose head links the category) with their forums (``forumbit_depth2_forum`` rows) and each
forum's sub-forums (``forumbit_subforums``, links after "Sub Forums:"). A forum page's own
"Forums in 'X'" table has the same rows."""

from __future__ import annotations

from typing import Any

from parsel import Selector

from scraper.engines.base import ForumLink
from scraper.engines.mybb import urls
from scraper.engines.views import IndexPageView
from scraper.engines.mybb.page import MyBBPage


def forum_rows(page: MyBBPage, table: Selector, category: str | None,
               parent: int | None) -> list[ForumLink]:
    """Each row's forum (the ``strong > a`` in its second cell) and its sub-forums."""
    found: list[ForumLink] = []
    for row in table.xpath("./tr | ./tbody/tr"):
        main = row.xpath("./td[2]/strong/a | ./td[2]/a[1]")
        ref = urls.classify(page.absolute(main.attrib.get("href", ""))) if main else None
        if ref is None or ref.kind != "forum":
            continue
        found.append(ForumLink(ref.forum_id, page.text(main[0]),
                               urls.page_url(page.url, "forum", ref.forum_id), category, parent))
        for sub in row.xpath("./td[2]/div[contains(@class, 'smalltext')]//a"):
            sub_ref = urls.classify(page.absolute(sub.attrib.get("href", "")))
            if sub_ref and sub_ref.kind == "forum":
                found.append(ForumLink(sub_ref.forum_id, page.text(sub),
                                       urls.page_url(page.url, "forum", sub_ref.forum_id),
                                       category, ref.forum_id))
    return found


def read_index(response: Any) -> IndexPageView:
    page = MyBBPage(response)
    forums: list[ForumLink] = []
    for table in page.selector.css("#content table.tborder"):
        head = table.css("td.thead strong a")
        if not head:
            continue
        forums += forum_rows(page, table, page.text(head[0]), None)
    name = page.selector.css("#logo img::attr(alt)").get() or page.selector.css(
        "title::text").get()
    message, _ = page.error_message()
    return IndexPageView(urls.site_root(page.url), name.strip() if name else None, forums, message)
