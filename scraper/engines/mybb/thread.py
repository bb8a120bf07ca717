"""A thread page (``showthread.php``, linear mode): one ``div.post#post_N`` per post
(``postbit`` and ``postbit_classic`` share the classes): the author in ``.author_information
.largetext``, the time in ``span.post_date`` (its ``span.post_edit`` holds the edit line
``postbit_editedby``), the number ``#N`` in ``.post_head``, the message in
``div.post_body``, the signature in ``div.signature``.

Quotes (``inc/class_parser.php`` ``mycode_parse_quotes``) are ``blockquote.mycode_quote``
whose ``<cite>`` holds ``<span> (time)</span>NAME Wrote: <a class="quick_jump">``; they are
rewritten to ``<blockquote data-quote-author data-quote-time>`` without the cite. A code
block's ``div.title`` ("Code:", "PHP Code:") is chrome and is dropped.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import html as lxml_html
from parsel import Selector

from scraper.engines.base import PageRef, RawPost
from scraper.engines.fragments import rewritten_message
from scraper.engines.mybb import urls
from scraper.engines.views import ThreadPageView
from scraper.engines.mybb.page import MyBBPage, full_title
from scraper.engines.mybb.wording import QUOTE_WROTE


def _quote(block: lxml_html.HtmlElement) -> None:
    """``blockquote.mycode_quote`` → ``blockquote[data-quote-author][data-quote-time]``."""
    cite = block.find("cite")
    block.attrib.clear()
    if cite is None:
        return
    when = cite.xpath(".//span[@title]")
    stamp = cite.xpath("./span")
    time_text = (when[0].get("title") if when else
                 " ".join(stamp[0].text_content().split()).strip("() ") if stamp else "")
    own = "".join([cite.text or ""] + [child.tail or "" for child in cite])
    author = QUOTE_WROTE.sub("", own).strip()
    if author and author != own.strip():
        block.set("data-quote-author", author)
        if time_text:
            block.set("data-quote-time", time_text)
    tail = cite.tail
    block.remove(cite)
    if tail:
        block.text = (block.text or "") + tail


def body_html(body: Selector) -> str:
    """The message's inner HTML with quotes rewritten and code block titles dropped."""
    return rewritten_message(body, ".//blockquote[contains(@class, 'mycode_quote')]", _quote,
                             ".//div[contains(@class, 'codeblock')]/div[@class='title']")


def _time(page: MyBBPage, post: Selector) -> tuple[str | None, str | None]:
    """(text, machine-readable) of ``span.post_date`` without its edit line."""
    date = post.css("span.post_date")
    if not date:
        return None, None
    own = date.xpath("./text() | ./span[not(contains(@class, 'post_edit'))]//text()").getall()
    text = " ".join("".join(own).split()) or None
    return text, full_title(date.xpath("./span[@title]/@title").get(), text)


def _inner(node: Selector) -> str:
    return "".join(node.xpath("./node()").getall()).strip()


def _edit_notice(post: Selector) -> str | None:
    """The edit line (``postbit_editedby``), its ``span[title]`` absolute time put in place
    of a relative one (``Less than 1 minute ago``), brackets dropped."""
    notice = post.css("span.post_edit")
    if not notice or not notice.xpath("string()").get().strip():
        return None
    tree = lxml_html.fragment_fromstring(notice.get())
    for stamp in tree.xpath(".//span[@title]"):
        stamp.text, stamp[:] = stamp.get("title"), []
    return " ".join(tree.text_content().split()).strip("() ") or None


def _post(page: MyBBPage, post: Selector, order: int, first_floor: int) -> RawPost:
    post_id = int(post.attrib["id"].removeprefix("post_"))
    author = post.css(".author_information .largetext")
    number = post.css(".post_head a[href]").xpath("string()").re_first(r"#\s*(\d+)")
    body = post.css("div.post_body")
    signature = post.css("div.signature")
    text, title = _time(page, post)
    return RawPost(
        post_id=post_id, floor=int(number) if number else first_floor + order,
        author=page.text(author[0]) if author else None, author_banned=False,
        time_text=text, time_title=title,
        body_html=body_html(body[0]) if body else "",
        signature_html=_inner(signature[0]) or None if signature else None,
        unreadable=None if author or body else "no author and no message",
        edit_notice=_edit_notice(post),
        attachments_html="".join(post.xpath(".//div[contains(@class, 'post_content')]/fieldset").getall()) or None)


def _thread_id(page: MyBBPage, ref: PageRef | None) -> int | None:
    if ref and ref.thread_id:
        return ref.thread_id
    for href in page.selector.css("a[href*='tid=']::attr(href), .post_head a::attr(href), "
                                  "div.pagination a::attr(href)").getall():
        found = urls.classify(page.absolute(href))
        if found and found.thread_id:
            return found.thread_id
        tid = re.search(r"[?&]tid=(\d+)", href)
        if tid:
            return int(tid.group(1))
    return None


def thread_page(response: Any, **_: Any) -> ThreadPageView:
    page = MyBBPage(response)
    ref = urls.classify(page.url)
    pagination = page.pagination()
    current = pagination.current or (ref.page if ref and ref.kind == "thread" else 1)
    forum_id = None
    for _name, url in reversed(page.breadcrumb()):
        crumb = urls.classify(url)
        if crumb and crumb.kind == "forum":
            forum_id = crumb.forum_id or page.forum_shown()
            break
    title = page.selector.css("#posts_container").xpath(
        "ancestor::table[1]//td[@class='thead']//strong/text()").get()
    nodes = page.selector.css("div.post[id^=post_]")
    # Without a printed #N, a post's place is its order after the page's start; the page
    # size is the count of a full page, known only when this page is not the last.
    per_page = len(nodes) if current < pagination.page_count else None
    first_floor = (current - 1) * per_page + 1 if per_page else 1
    posts = [_post(page, node, order, first_floor) for order, node in enumerate(nodes)]
    message, kind = page.error_message()
    return ThreadPageView(
        thread_id=_thread_id(page, ref), forum_id=forum_id,
        title=title.strip() if title else page.selector.css("title::text").get(),
        page=current, page_count=pagination.page_count, replies=None, posts=posts,
        message=message, message_kind=kind, ref=ref, page_timezone=page.page_timezone())
