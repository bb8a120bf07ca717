"""The posts of an 8.x thread page (8.7's ``template/wind/read.htm``, ``read.php``; see
``docs/engines/phpwind.md``): one ``div.read_t#readfloor_{pid}`` per post (``tpc`` for the
thread's own post, which has no pid), the poster's link in ``div.readName``, in ``div.tipTop``
the floor word (``a.s2``: 楼主, 沙发, 板凳, 地板, then ``N楼``) and ``<span title="Y-m-d H:i:s">``
"发表于: …" (the title is exact to the second and wins over the relative text), the message in
``div.tpc_content div#read_{pid}`` with the edit line ``div#alert_{pid}`` "[ 此帖被X在Y-m-d
H:i重新编辑 ]" at its end, the signature in ``div.signature td``, the attachments below the
message in ``div#read_Att_{pid}`` (``pipeline/attachment_readers/phpwind.py``).

A quote (``require/postreply.php``, ``bbscode.php``) is ``blockquote.blockquote3 > div.text``:
the quoted member's ``u.php?username=`` link, ":", a line break, the quoted text and a
``job.php?action=topost`` link with a picture; it becomes ``<blockquote data-quote-author>``
holding the quoted text only. Older 8.x quotes start "引用第N楼X于Y-m-d H:i发表的 :"
(``wording.QUOTE_HEADER_8``)."""

from __future__ import annotations

from lxml import etree

from scraper.engines.base import RawPost
from scraper.engines.fragments import (drop, first, inner_html, message_html, outer_html, replace_with_quote,
                                       text_of)
from scraper.engines.phpwind import stand_ins
from scraper.engines.phpwind.page import PhpwindPage
from scraper.engines.phpwind.wording import floor_of

def _rewrite_quotes(message: etree._Element) -> None:
    for box in message.xpath(".//blockquote[contains(concat(' ', @class, ' '), ' blockquote3 ')]"):
        content = first(box, "./div[contains(@class, 'text')]")
        if content is None:
            continue
        author = first(content, "./a[contains(@href, 'u.php?username=')]")
        name = text_of(author) or None
        for back in content.xpath(".//a[contains(@href, 'action=topost')]"):
            drop(back)
        if author is not None:
            # the link, ":" ([color=gray]: a font, or 8.7's span), the line break
            for gone in [author, *author.itersiblings()][:3]:
                if gone.tag in ("a", "font", "span", "br"):
                    gone.tail = (gone.tail or "").lstrip(":")
                    drop(gone)
        replace_with_quote(box, content, name)

def _post(page: PhpwindPage, element: etree._Element) -> RawPost:
    pid = element.get("id").removeprefix("readfloor_")
    author = first(element, ".//div[contains(@class, 'readName')]/a[last()]")
    tip = first(element, ".//div[contains(@class, 'tipTop')]")
    floor_word = text_of(first(tip, "./a[contains(@class, 's2')]")) if tip is not None else ""
    when = first(tip, "./span[@title]") if tip is not None else None
    message = first(element, ".//div[contains(@class, 'tpc_content')]/div[starts-with(@id, 'read_')]")
    edit = first(message, "./div[starts-with(@id, 'alert_')]") if message is not None else None
    edit_notice = text_of(edit) or None
    if edit is not None:
        drop(edit)
    banned, hidden = stand_ins.take(message)
    signature = first(element, ".//div[contains(@class, 'signature')]//td")
    return RawPost(
        post_id=int(pid) if pid.isdigit() else None, floor=floor_of(floor_word), author=text_of(author) or None,
        author_banned=banned, time_text=text_of(when) or None,
        time_title=when.get("title") if when is not None else None,
        body_html=message_html(message, _rewrite_quotes), content_hidden=hidden,
        signature_html=inner_html(signature).strip() or None if signature is not None else None,
        attachments_html=outer_html(element.xpath(".//div[starts-with(@id, 'read_Att_')]")),
        unreadable=None if author is not None or message is not None else "no poster and no message",
        edit_notice=edit_notice)

def posts(page: PhpwindPage) -> list[RawPost]:
    return [_post(page, node.root) for node in page.selector.css("div.read_t[id^=readfloor_]")]
