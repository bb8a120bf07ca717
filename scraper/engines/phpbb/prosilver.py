"""prosilver's posts and topic-list rows (phpBB 3.0 to 3.3); ``pages`` says what they look like."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scraper.engines.base import RawPost, ThreadRow
from scraper.engines.phpbb import urls
from scraper.engines.fragments import outer_html
from scraper.engines.phpbb.markup import message_html
from scraper.engines.phpbb.pages import Page, has_class, number, text_of

_USERNAME = f"{has_class('username')} or {has_class('username-coloured')}"
_PROFILE = "contains(@href, 'mode=viewprofile')"  # 3.0: a member's name is a plain profile link
_AUTHOR_LINKS = (f".//p[{has_class('author')}]//*[self::a or self::span][{_USERNAME}]",
                 f".//dl[{has_class('postprofile')}]/dt//*[self::a or self::span][{_USERNAME}]",
                 f".//p[{has_class('author')}]//strong",
                 f".//dl[{has_class('postprofile')}]/dt")
# 3.1's row (no div.topic-poster yet) names the last poster first, in the narrow-screen
# "Last post by X «" block, then the topic's author in div.responsive-hide
_NOT_LAST_POST = f"[not(ancestor::div[{has_class('responsive-show')}])]"
_BY = re.compile(r"^.*?»\s*", re.S)  # what comes before the time: "Post by X » "


def post_nodes(page: Page) -> list:
    return page.xpath(f"//div[{has_class('post')}][starts-with(@id, 'p')]")


def read_post(page: Page, node: Any, floor: int | None) -> RawPost:
    post_id = urls.int_param(node.get("id", "")[1:])
    author = text_of(page.first_of(_AUTHOR_LINKS, node)) or None
    byline = page.first(f".//p[{has_class('author')}]", node)
    time = page.first(".//time", byline) if byline is not None else None
    if time is not None:
        time_text, time_title = text_of(time), time.get("datetime")
    else:  # 3.0/3.1: "by X » Sun Dec 06, 2026 8:45 pm" as text
        time_text, time_title = (_BY.sub("", text_of(byline)) or None) if byline is not None else None, None
    content = page.first(f".//div[{has_class('content')}]", node)
    notice = page.first(f".//div[{has_class('notice')}]", node)
    signature = page.first(f".//div[{has_class('signature')}]", node)
    unreadable = None
    if author is None and content is None:
        unreadable = "no author and no div.content in div.post"
    return RawPost(
        post_id=post_id, floor=floor, author=author, author_banned=False,
        time_text=time_text, time_title=time_title,
        body_html=message_html(content) if content is not None else "",
        attachments_html=outer_html(page.xpath(f".//dl[{has_class('attachbox')}]", node)),
        signature_html=message_html(signature) if signature is not None else None,
        unreadable=unreadable,
        edit_notice=text_of(notice) or None if notice is not None else None)


def _topics(page: Page) -> Iterator[tuple[Any, Any, int]]:
    """(row, title link, topic id) of each row of the topic list."""
    for row in page.xpath(f"//ul[{has_class('topics')}]/li[{has_class('row')}]"):
        link = page.first(f".//a[{has_class('topictitle')}]", row)
        thread_id = page.param(link.get("href"), "t") if link is not None else None
        if thread_id is not None:
            yield row, link, thread_id


def topic_pages(page: Page) -> Iterator[tuple[int, int, str]]:
    """(topic id, offset, link) of each page a row's own small pager links (3.1+: a
    ``div.pagination`` in the row, "1 2 3" for a topic of several pages)."""
    for row, _, thread_id in _topics(page):
        for link in page.xpath(f".//div[{has_class('pagination')}]//a[@href]", row):
            yield thread_id, page.param(link.get("href"), "start") or 0, link.get("href")


def topic_rows(page: Page) -> list[ThreadRow]:
    rows = []
    for row, link, thread_id in _topics(page):
        classes = set((row.get("class") or "").split())
        poster = page.first_of((f".//div[{has_class('topic-poster')}]//*[{_USERNAME}]",
                                f".//dt//*[{_USERNAME}]{_NOT_LAST_POST}", f".//dt//a[{_PROFILE}]{_NOT_LAST_POST}"), row)
        last = page.first(f".//dd[{has_class('lastpost')}]", row)
        last_poster = page.first_of((f".//*[{_USERNAME}]", f".//a[{_PROFILE}]"), last) if last is not None else None
        last_time = page.first(".//time", last) if last is not None else None
        if last_time is not None:
            last_text, last_attr = text_of(last_time), last_time.get("datetime")
        else:  # 3.0: the text after the last <br>
            last_text = " ".join("".join(last.xpath(".//br[last()]/following-sibling::text()")).split()) \
                if last is not None else None
            last_attr = None
        rows.append(ThreadRow(
            thread_id=thread_id, title=text_of(link),
            author=text_of(poster) or None if poster is not None else None,
            replies=number(text_of(page.first(f".//dd[{has_class('posts')}]", row))),
            views=number(text_of(page.first(f".//dd[{has_class('views')}]", row))),
            sticky=bool(classes & {"sticky", "announce", "global-announce"}),
            url=page.absolute(link.get("href")),
            last_post_text=last_text or None, last_poster=text_of(last_poster) or None if last_poster is not None else None,
            last_post_attr=last_attr, last_post_id=page.linked_post(last)))
    return rows
