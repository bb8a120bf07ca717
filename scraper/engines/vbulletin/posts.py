"""vBulletin's posts, in the three postbit layouts: 3.x tables (``table#postN``), 4.x list items
(``li.postcontainer#post_N``) and 5.x nodes (``li.b-post[data-node-id]``).

Facts from the stock templates (vBulletin 3.8 ``postbit``/``postbit_legacy``, 4.2
``postbit_legacy``, 5.x ``display_Topics``/``conversation_content``; see docs/engines/vbulletin.md):
- the counter ``#N`` is the post's position in the thread (3.x ``a#postcountN``, 4.x
  ``a.postcounter``, 5.x ``a.b-post__count``);
- a quote is ``div.bbcode_container`` (4.x, 5.x) or, in 3.x, a ``div`` whose first child is
  ``div.smallfont`` "Quote:" and whose table cell holds "Originally Posted by <strong>X</strong>"
  (the Spanish pack: "Cita:", "Originalmente Escrito por <b>X</b>") and the quoted text;
- the signature follows ``<!-- sig -->`` after "__________________" (3.x),
  ``blockquote.signature`` (4.x), ``div.post-signature`` (5.x);
- the edit note follows ``<!-- edit note -->`` (3.x), ``blockquote.lastedited`` (4.x; some
  styles make it a ``span``),
  ``div.b-post__edit`` (5.x); all print "Last edited by X; <time>".
"""

from __future__ import annotations

import re

from lxml import etree

from scraper.engines.base import RawPost
from scraper.engines.fragments import (Layout, drop, first, inner_html, message_html, number, outer_html,
                                       post_number, read_layouts, replace_with_quote, take_stand_ins, text_of)
from scraper.engines.vbulletin.wording import HIDDEN, QUOTE_HEADERS

_POST_ID = re.compile(r"(\d+)$")
_SIG_RULE = re.compile(r"^\s*_{5,}\s*$")


def _rewrite_quotes(message: etree._Element) -> None:
    """Each quote box of a message becomes base.py's ``<blockquote data-quote-author>`` (a
    ``bbcode_container`` holding a code or PHP box stays as it is)."""
    for box in message.xpath(".//div[contains(concat(' ', @class, ' '), ' bbcode_container ')]"
                             "[.//div[contains(concat(' ', @class, ' '), ' bbcode_quote ')]]"):
        posted_by = first(box, ".//div[contains(@class, 'bbcode_postedby')]")
        content = first(box, ".//div[contains(@class, 'message')]")
        if content is None:
            content = first(box, ".//div[contains(@class, 'quote_container')]")
            if content is None:  # a style printing the quoted text straight in it (forum.worldofplayers.de)
                content = first(box, ".//div[contains(concat(' ', @class, ' '), ' bbcode_quote ')]")
            for icon in content.xpath("./div[contains(@class, 'bbcode_quote_container')]"):
                drop(icon)
        author = text_of(first(posted_by, ".//strong")) if posted_by is not None else None
        replace_with_quote(box, content, author or None)
    for box in message.xpath(".//div[div[@class='smallfont'][1] and table//td[contains(@class, 'alt2')]]"):
        cell = first(box, ".//td[contains(@class, 'alt2')]")
        header = next((div for div in cell.xpath("./div[strong or b]") if QUOTE_HEADERS.search(text_of(div))), None)
        author = text_of(first(header, "./strong | ./b")) if header is not None else None
        content = first(cell, "./div[contains(@style, 'italic')]") if header is not None else cell
        replace_with_quote(box, content, author or None)



def _after_comment(scope: etree._Element, comment: str) -> etree._Element | None:
    """The first element after ``<!-- comment -->`` inside ``scope`` (3.x marks its blocks so)."""
    found = scope.xpath(f".//comment()[normalize-space(.) = '{comment}']/following-sibling::*[1]")
    return found[0] if found else None


def _signature_v3(cell: etree._Element) -> str | None:
    block = _after_comment(cell, "sig")
    if block is not None and block.tag == "hr":  # a style ruling the signature off (forocoches.com)
        block = block.getnext()
    if block is None:
        return None
    if block.text and _SIG_RULE.match(block.text):
        block.text = ""
        for br in block.xpath("./br[1]"):
            drop(br)
    return inner_html(block).strip() or None


def _edit_notice(block: etree._Element | None) -> str | None:
    text = text_of(block)
    return text or None


def _post_v3(node: etree._Element) -> RawPost:
    pid = int(_POST_ID.search(node.get("id")).group(1))
    head = first(node, ".//td[contains(@class, 'thead')][1]")
    counter = first(node, f".//a[@id='postcount{pid}']")
    author = first(node, f".//*[@id='postmenu_{pid}']//a[contains(@class, 'bigusername')]")
    if author is None:
        author = first(node, f".//*[@id='postmenu_{pid}']")  # a guest's name, no profile link
    cell = first(node, f".//td[@id='td_post_{pid}']")
    attachments = _after_comment(cell, "attachments") if cell is not None else None
    # The signature and edit note follow the message in its cell, or in a row of their own (a
    # style that opens a ``<tr>`` in the cell, forocoches.com): read anywhere in the post's table.
    title = first(node, f".//*[@id='postmenu_{pid}']/following-sibling::div[@class='smallfont'][1]")
    return RawPost(
        post_id=pid, floor=number(text_of(counter)),
        author=text_of(author) or None, author_banned=text_of(title).lower() == "banned",
        time_text=text_of(head) or None, time_title=None,
        body_html=message_html(first(node, f".//div[@id='post_message_{pid}']"), _rewrite_quotes),
        signature_html=_signature_v3(node),
        attachments_html=outer_html([attachments] if attachments is not None else []),
        edit_notice=_edit_notice(_after_comment(node, "edit note")))


def _message(message: etree._Element | None) -> tuple[str, bool]:
    """The message's HTML (quotes rewritten, hidden-content stand-ins dropped) and whether it had one."""
    hidden = take_stand_ins(message, HIDDEN)
    return message_html(message, _rewrite_quotes), hidden


def _post_date(node: etree._Element) -> etree._Element | None:
    """4.x's ``span.postdate``, narrowed to its ``span.date`` where a style prints more there
    (forum.worldofplayers.de adds the post's title)."""
    stamp = first(node, ".//span[contains(@class, 'postdate')]")
    date = first(stamp, ".//span[contains(concat(' ', @class, ' '), ' date ')]") if stamp is not None else None
    return stamp if date is None else date


def _post_v4(node: etree._Element) -> RawPost:
    pid = int(_POST_ID.search(node.get("id")).group(1))
    body, hidden = _message(first(node, f".//div[@id='post_message_{pid}']/blockquote"))
    author = first(node, ".//div[contains(@class, 'username_container')]//*[contains(@class, 'username')]")
    signature = first(node, ".//blockquote[contains(@class, 'signature')]/div[contains(@class, 'signaturecontainer')]")
    counter = first(node, ".//a[contains(@class, 'postcounter')]")
    if counter is None:
        counter = first(node, ".//span[contains(@class, 'nodecontrols')]")  # a style printing "#2" without the link
    return RawPost(
        post_id=pid, floor=post_number(text_of(counter)),
        author=text_of(author) or None,
        author_banned=text_of(first(node, ".//span[contains(@class, 'usertitle')]")).lower() == "banned",
        time_text=text_of(_post_date(node)) or None, time_title=None,
        body_html=body, content_hidden=hidden, signature_html=inner_html(signature).strip() or None,
        edit_notice=_edit_notice(first(node, ".//*[contains(concat(' ', @class, ' '), ' lastedited ')]")),
        attachments_html=outer_html(node.xpath(".//div[contains(concat(' ', @class, ' '), ' attachments ')]")))


def _post_v5(node: etree._Element) -> RawPost:
    author = first(node, ".//div[contains(@class, 'b-userinfo')]//div[contains(@class, 'author')]//a")
    signature = first(node, ".//div[contains(@class, 'post-signature')]")
    return RawPost(
        post_id=int(node.get("data-node-id")),
        floor=post_number(text_of(first(node, ".//a[contains(@class, 'b-post__count')]"))),
        author=text_of(author) or None,
        author_banned=text_of(first(node, ".//div[contains(@class, 'usertitle')]")).lower() == "banned",
        time_text=text_of(first(node, ".//div[contains(@class, 'b-post__timestamp')]")) or None,
        time_title=node.get("data-node-publishdate"),
        body_html=message_html(first(node, ".//div[contains(@class, 'js-post__content-text')]"), _rewrite_quotes),
        signature_html=inner_html(signature).strip() or None,
        edit_notice=_edit_notice(first(node, ".//div[contains(@class, 'b-post__edit')]")))


LAYOUTS: tuple[Layout, ...] = (
    ("//li[contains(concat(' ', @class, ' '), ' b-post ')][@data-node-id]", _post_v5),
    ("//li[contains(concat(' ', @class, ' '), ' postcontainer ')][starts-with(@id, 'post_')]"
     "[number(substring(@id, 6)) = substring(@id, 6)]", _post_v4),
    ("//div[@id='posts']//table[starts-with(@id, 'post')][number(substring(@id, 5)) = substring(@id, 5)]", _post_v3),
)



def read_posts(root: etree._Element) -> list[RawPost]:
    """The page's posts. Sites insert advertisements in the postbit's markup: one without a
    post id (drwindows.de's ``li#post_``) is no post, and neither is one repeating the id of the
    post above it (forums.futura-sciences.com's "Publicité"): the first post of an id is kept."""
    posts, seen = [], set()
    for post in read_layouts(root, LAYOUTS):
        if post.post_id not in seen:
            seen.add(post.post_id)
            posts.append(post)
    return posts
