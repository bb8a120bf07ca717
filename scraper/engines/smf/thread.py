"""A topic page (``Display.template.php``). 2.1: one ``div#msgK`` per message in
``#forumposts``: the poster in ``.poster h4`` (a link for members, bare text for guests), the
reply number ``#N`` in ``span.page_number`` (none on the topic's first message; floor = N + 1),
the time in ``.postinfo a.smalltext``, the edit line in ``span.modified`` ("Last Edit: … by
X"), the message in ``div.inner#msg_K``, the signature in ``div.signature``. 2.0: one
``div.post_wrapper`` per message (its ``div#msgK`` is an empty ``a#msgK`` before it), the time
in ``.keyinfo div.smalltext`` "« Reply #N on: TIME »" ("« on: TIME »" for the first), the edit
line in ``div.modified`` "« Last Edit: TIME by X »", the topic's subject only in the link
tree (and ``<title>``). 1.1: tables; each message a ``td.windowbg``/``windowbg2`` (its
``a[name=msgK]`` before it) holding the poster's ``td[rowspan=2] > b``, ``div#subject_K`` and
after it the time line "« Reply #N on: TIME »" as 2.0's (a ``div.smalltext``; the classic
theme's a ``span.smalltext``), the message in ``div.post``, then a
cell with the attachments, ``td#modified_K`` and ``div.signature``.

Quotes (``Sources/Subs.php`` ``parse_bbc``) are ``blockquote.bbc_standard_quote`` /
``bbc_alternate_quote`` whose ``<cite>`` says "Quote from: NAME on TIME" (or "Quote"); 2.0
puts that line in a ``div.quoteheader`` before the blockquote and a ``div.quotefooter`` after
it; 1.1 prints no blockquote: the header, then ``div.quote``. They are rewritten to
``<blockquote data-quote-author data-quote-time>`` without the cite. A code block's
``div.codeheader`` ("Code", "Select", "Expand") is chrome and is dropped.
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
from scraper.engines.site_facts import SiteFacts
from scraper.engines.smf.page import SMFPage
from scraper.engines.smf.wording import QUOTE_HEADER


def _quote(block: lxml_html.HtmlElement) -> None:
    cite = block.find("cite")
    before = block.getprevious()
    if cite is None and before is not None and "quoteheader" in before.get("class", ""):
        cite = before  # 2.0, 1.1
    block.tag = "blockquote"  # 1.1's div.quote
    block.attrib.clear()
    if cite is None:
        return
    header = QUOTE_HEADER.match(" ".join(cite.text_content().split()))
    if header:
        block.set("data-quote-author", header["author"])
        if header["time"]:
            block.set("data-quote-time", header["time"])
    if cite is before:
        cite.drop_tree()
        return
    tail = cite.tail
    block.remove(cite)
    if tail:
        block.text = (block.text or "") + tail


def body_html(body: Selector) -> str:
    """The message's inner HTML with quotes rewritten and code headers dropped."""
    return rewritten_message(body, ".//blockquote[contains(@class, '_quote')] | .//div[@class='quote']", _quote,
                             ".//div[contains(@class, 'codeheader') or contains(@class, 'quotefooter')]")


def _inner(node: Selector) -> str:
    return "".join(node.xpath("./node()").getall()).strip()


def _message_nodes(page: SMFPage) -> list[tuple[int, Selector]]:
    """(message id, its node): 2.1's ``div#msgK``, else 2.0's ``div.post_wrapper`` (its id in
    ``div.inner#msg_K``), else 1.1's cell around ``div#subject_K``."""
    found = [(int(node.attrib["id"][3:]), node) for node in page.selector.css("#forumposts div[id^=msg]")
             if re.fullmatch(r"msg\d+", node.attrib["id"])]
    if found:
        return found
    wrappers = page.selector.css("#forumposts div.post_wrapper")
    found = [(int(inner), node) for node in wrappers
             if (inner := node.css("div.inner::attr(id)").re_first(r"^msg_(\d+)$"))]
    if found:
        return found
    return [(int(subject.attrib["id"][8:]), subject.xpath("ancestor::td[starts-with(@class, 'windowbg')][1]")[0])
            for subject in page.selector.css("form#quickModForm div[id^=subject_]")
            if subject.attrib["id"][8:].isdigit()]


def _shown_time(page: SMFPage, when: Selector) -> str:
    """The time a message's line shows: 2.0's "« Reply #3 on: TIME »" less its frame."""
    text = page.text(when)
    return re.sub(r"^«?\s*(?:Reply #\d+\s+)?on:\s*|\s*»$", "", text)


def _post(page: SMFPage, post_id: int, node: Selector, order: int, first_floor: int) -> RawPost:
    author = node.css(".poster h4") or node.xpath(".//td[@rowspan='2']/b")
    when = node.css(".postinfo a.smalltext, .keyinfo div.smalltext") or node.xpath(
        ".//div[starts-with(@id, 'subject_')]/following-sibling::*[@class='smalltext'][1]")
    number = node.css("span.page_number").xpath("string()").re_first(r"#\s*(\d+)") or \
        when.xpath("string()").re_first(r"Reply #(\d+)")
    body = node.css("div.inner") or node.css("div.post")
    signature = node.css("div.signature")
    edit = node.css(".modified, td[id^=modified_]")
    edit_text = " ".join("".join(edit.xpath(".//text()").getall()).split())
    return RawPost(
        post_id=post_id, floor=int(number) + 1 if number else first_floor + order,
        author=page.text(author[0]) if author else None, author_banned=False,
        time_text=_shown_time(page, when[0]) if when else None, time_title=None,
        body_html=body_html(body[0]) if body else "",
        signature_html=_inner(signature[0]) or None if signature else None,
        unreadable=None if author or body else "no poster and no message",
        edit_notice=edit_text.strip("«» ") or None,
        attachments_html="".join(node.css("div.attachments").getall() or node.xpath(
            ".//td[@colspan='2'][.//a[contains(@href, 'action=dlattach')]]").getall()) or None)


def thread_page(response: Any, facts: SiteFacts | None = None) -> ThreadPageView:
    page = SMFPage(response, facts)
    ref = page.canonical_ref()
    pagination = page.pagination()
    nodes = _message_nodes(page)
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
    title = page.selector.css("span#top_subject, h2.display_title span")
    message, kind = page.error_message()
    return ThreadPageView(
        thread_id=ref.thread_id if ref else None, forum_id=forum_id,
        title=" ".join(page.text(title[0]).split()) if title else page.last_crumb("thread"), page=current,
        page_count=pagination.page_count, replies=None,
        posts=[_post(page, post_id, node, order, first_floor) for order, (post_id, node) in enumerate(nodes)],
        message=message, message_kind=kind, ref=ref, page_timezone=page.page_timezone())
