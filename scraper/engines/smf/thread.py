"""A topic page (``Display.template.php``): one ``div#msgK`` per message in ``#forumposts``:
the poster in ``.poster h4`` (a link for members, bare text for guests), the reply number
``#N`` in ``span.page_number`` (none on the topic's first message; floor = N + 1), the time
in ``.postinfo a.smalltext``, the edit line in ``span.modified`` ("Last Edit: … by X"), the
message in ``div.inner#msg_K``, the signature in ``div.signature``.

Quotes (``Sources/Subs.php`` ``parse_bbc``) are ``blockquote.bbc_standard_quote`` /
``bbc_alternate_quote`` whose ``<cite>`` says "Quote from: NAME on TIME" (or "Quote"); they
are rewritten to ``<blockquote data-quote-author data-quote-time>`` without the cite. A code
block's ``div.codeheader`` ("Code", "Select", "Expand") is chrome and is dropped.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import html as lxml_html
from parsel import Selector

from scraper.engines.base import RawPost
from scraper.engines.fragments import rewritten_message
from scraper.engines.smf import urls
from scraper.engines.views import ThreadPageView
from scraper.engines.smf.page import SMFPage
from scraper.engines.smf.wording import QUOTE_HEADER


def _quote(block: lxml_html.HtmlElement) -> None:
    cite = block.find("cite")
    block.attrib.clear()
    if cite is None:
        return
    header = QUOTE_HEADER.match(" ".join(cite.text_content().split()))
    if header:
        block.set("data-quote-author", header["author"])
        if header["time"]:
            block.set("data-quote-time", header["time"])
    tail = cite.tail
    block.remove(cite)
    if tail:
        block.text = (block.text or "") + tail


def body_html(body: Selector) -> str:
    """The message's inner HTML with quotes rewritten and code headers dropped."""
    return rewritten_message(body, ".//blockquote[contains(@class, '_quote')]", _quote,
                             ".//div[contains(@class, 'codeheader')]")


def _inner(node: Selector) -> str:
    return "".join(node.xpath("./node()").getall()).strip()


def _post(page: SMFPage, node: Selector, order: int, first_floor: int) -> RawPost:
    post_id = int(node.attrib["id"].removeprefix("msg"))
    author = node.css(".poster h4")
    number = node.css("span.page_number").xpath("string()").re_first(r"#\s*(\d+)")
    when = node.css(".postinfo a.smalltext, .keyinfo .smalltext")
    body = node.css("div.inner, div.post > div")
    signature = node.css("div.signature")
    edit = node.css("span.modified")
    edit_text = " ".join("".join(edit.xpath(".//text()").getall()).split())
    return RawPost(
        post_id=post_id, floor=int(number) + 1 if number else first_floor + order,
        author=page.text(author[0]) if author else None, author_banned=False,
        time_text=page.text(when[0]) if when else None, time_title=None,
        body_html=body_html(body[0]) if body else "",
        signature_html=_inner(signature[0]) or None if signature else None,
        unreadable=None if author or body else "no poster and no message",
        edit_notice=edit_text.strip("«» ") or None,
        attachments_html="".join(node.css("div.attachments").getall()) or None)


def thread_page(response: Any, **_: Any) -> ThreadPageView:
    page = SMFPage(response)
    ref = page.canonical_ref()
    pagination = page.pagination()
    nodes = [node for node in page.selector.css("#forumposts div[id^=msg]")
             if re.fullmatch(r"msg\d+", node.attrib["id"])]
    current = pagination.current or 1
    per_page = len(nodes) if current < pagination.page_count else None
    start = ref.start if ref and ref.start is not None else None
    first_floor = start + 1 if start is not None else (current - 1) * (per_page or 0) + 1
    forum_id = None
    for crumb in reversed(page.crumbs()):
        crumb_ref = urls.classify(crumb)
        if crumb_ref and crumb_ref.kind == "forum":
            forum_id = crumb_ref.forum_id
            break
    title = page.selector.css("#top_subject, h2.display_title span")
    message, kind = page.error_message()
    return ThreadPageView(
        thread_id=ref.thread_id if ref else None, forum_id=forum_id,
        title=" ".join(page.text(title[0]).split()) if title else None, page=current,
        page_count=pagination.page_count, replies=None,
        posts=[_post(page, node, order, first_floor) for order, node in enumerate(nodes)],
        message=message, message_kind=kind, ref=ref, page_timezone=page.page_timezone())
