"""A 9.x thread page (``template/bbs/read.htm``, ``read_floor.htm``): one
``div.J_read_floor#read_{pid}`` per post (``read_0`` is the thread's own post, kept in
``pw_bbs_threads_content``, so it has no post id), its floor word in ``span.lou`` (楼主, 沙发,
板凳, 地板, then ``N楼`` for the post N replies in), the poster in ``div.name``, the time in
``.floor_top_tips span.fl`` (``发布于：Y-m-d H:i``), the message in ``div.editor_content``, the
edit line in ``div.edit_log`` after it and the signature in ``div.signature``.

A quote (``PwUbbCode::createQoute``) is ``blockquote.blockquote`` holding ``span.fl`` (a link
to the quoted member, "：", the first 120 characters of the quoted post) and a "回到原帖" link;
it becomes ``<blockquote data-quote-author>`` with the quoted text only.

What stands in for a message a guest may not read (``PwUbbCode``, ``PwThreadDisplay``): a
``[post]`` block's ``div.content_hidden``, a ``[sell]`` message's ``div.content_sell`` boxes
(the price line ``#J_content_sell`` and "此段为出售的内容，购买后显示"), a ``[hide]`` block's
``blockquote``: ``stand_ins``. 8.x thread pages (``div.read_t``): ``thread8``.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from scraper.engines.base import RawPost
from scraper.engines.fragments import (drop, first, inner_html, message_html, number, outer_html, replace_with_quote,
                                       text_of)
from scraper.engines.phpwind import stand_ins, thread8
from scraper.engines.phpwind.page import PhpwindPage
from scraper.engines.phpwind.wording import floor_of
from scraper.engines.site_facts import SiteFacts
from scraper.engines.views import ThreadPageView

def _rewrite_quotes(message: etree._Element) -> None:
    for box in message.xpath(".//blockquote[contains(concat(' ', @class, ' '), ' blockquote ')]"):
        for back in box.xpath(".//a[contains(@class, 'return')]"):
            drop(back)
        header = first(box, ".//span[contains(@class, 'fl')]")
        author_link = first(header, "./a[1]") if header is not None else None
        author = text_of(author_link) or None
        if author_link is not None:
            rest = (author_link.tail or "").lstrip().removeprefix("：").removeprefix(":")
            author_link.tail = None
            header.text = (header.text or "") + rest
            header.remove(author_link)
        replace_with_quote(box, header if header is not None else box, author)


def _post(page: PhpwindPage, node: Any) -> RawPost:
    element = node.root
    pid = int(element.get("id").removeprefix("read_"))
    author = first(element, ".//div[contains(@class, 'floor_info')]//div[@class='name']//a")
    floor_word = text_of(first(element, ".//span[contains(@class, 'lou')]"))
    when = first(element, ".//div[contains(@class, 'floor_top_tips')]/span[contains(@class, 'fl')]")
    message = first(element, ".//div[contains(@class, 'editor_content')]")
    banned, hidden = stand_ins.take(message)
    signature = first(element, ".//div[contains(@class, 'signature')]//td")
    edit = text_of(first(element, ".//div[contains(@class, 'edit_log')]"))
    return RawPost(
        post_id=pid or None, floor=floor_of(floor_word), author=text_of(author) or None,
        author_banned=banned, time_text=text_of(when) or None, time_title=None,
        body_html=message_html(message, _rewrite_quotes), content_hidden=hidden,
        signature_html=inner_html(signature).strip() or None if signature is not None else None,
        unreadable=None if author is not None or message is not None else "no poster and no message",
        edit_notice=edit or None,
        attachments_html=outer_html(element.xpath(".//div[starts-with(@class, 'read_attach_')]")))


def thread_page(response: Any, facts: SiteFacts | None = None) -> ThreadPageView:
    page = PhpwindPage(response, facts)
    selector = page.selector
    own = page.crumb_ref("thread")  # the breadcrumb ends with the thread
    fetched = page.classify(page.url)
    ref = fetched if fetched and fetched.kind == "thread" else own[0] if own else None
    pagination = page.pagination()
    heading = selector.css("h1#J_post_title")  # 8.x: h1#subject_tpc, its own text before "[复制链接]"
    title = page.text(heading[0]) if heading else " ".join(
        " ".join(selector.xpath("//h1[@id='subject_tpc']/text()").getall()).split())
    forum = page.crumb_ref("forum")
    message, kind = page.error_message()
    return ThreadPageView(
        thread_id=ref.thread_id if ref else None, forum_id=forum[0].forum_id if forum else None,
        title=title or (own[1] if own else None),
        page=pagination.current or 1, page_count=pagination.page_count,
        replies=number(selector.css("#topicRepliesNum::text").get()),
        posts=[_post(page, node) for node in selector.css("div.J_read_floor[id^=read_]")] or thread8.posts(page),
        message=message, message_kind=kind, ref=ref, page_timezone=None)
