"""IP.Board 3.x posts: ``div.post_block#post_id_N`` (3.4.8's compiled ``skin_topic`` ``post``,
``skin_global`` ``userHoverCard``, ``userInfoPane`` and ``signature_separator``; see
docs/engines/invision.md), and two real 3.4.7 topic pages (tests/fixtures/invision-3.4).

- the position is printed: the ``span.post_id`` link "#12" (``post_count``);
- the author is ``userInfoPane``'s hidden ``span[itemprop=name]`` (the display name as it is),
  else the hover card in ``h3`` (a link for a member, plain text for a guest);
- the time is ``p.posted_info > abbr.published``: ``title`` is PHP's ``date('c')`` (ISO 8601
  with the server's offset), the text the long date ("10 August 2013 - 10:47 PM");
- the message is ``div.post.entry-content`` (``itemprop=commentText``); the edit line is its
  last ``p.edit`` ("Edited by X, <long date>.", then ``span.reason``);
- a quote is 3.2+'s ``blockquote.ipsBlockquote[data-author][data-time]`` (the citation is
  drawn by the page's JavaScript), or 3.0–3.1's ``p.citation`` ("X, on <date>, said:") before
  ``div.blockquote > div.quote``;
- the signature is ``div.signature[data-memberid]`` after the message; the group is
  ``li.group_title``.
"""

from __future__ import annotations

import re

from lxml import etree

from scraper.engines.base import RawPost
from scraper.engines.fragments import (drop, first, inner_html, message_html, post_number, replace_with_quote,
                                       text_of)
from scraper.engines.invision.posts import epoch_text, has_class
from scraper.engines.invision.wording import BANNED, QUOTE_CITATIONS

POSTS = "//div[starts-with(@id, 'post_id_')][contains(concat(' ', normalize-space(@class), ' '), ' post_block ')]"
_ID = re.compile(r"post_id_(\d+)$")


def _cited_author(citation: etree._Element) -> str | None:
    text = text_of(citation)
    return next((match["author"] for pattern in QUOTE_CITATIONS if (match := pattern.match(text))), None)


def _rewrite_quotes(message: etree._Element) -> None:
    for box in message.xpath(f".//blockquote[{has_class('ipsBlockquote')}]"):
        replace_with_quote(box, box, box.get("data-author"), epoch_text(box.get("data-time")))
    for box in message.xpath(f".//div[{has_class('blockquote')}]"):
        citation = box.getprevious()
        author = None
        if citation is not None and citation.tag == "p" and "citation" in (citation.get("class") or "").split():
            author = _cited_author(citation)
            drop(citation)
        replace_with_quote(box, first(box, f"./div[{has_class('quote')}]"), author)


def _take_edit_line(message: etree._Element | None) -> str | None:
    """The edit line at the message's end, taken out: its words without the reason below them."""
    line = first(message, f"./p[{has_class('edit')}]") if message is not None else None
    if line is None:
        return None
    for reason in line.xpath(f".//span[{has_class('reason')}]"):
        drop(reason)
    notice = text_of(line)
    drop(line)
    return notice or None


def _author(node: etree._Element) -> str | None:
    named = first(node, f".//div[{has_class('user_details')}]/span[@itemprop='name']")
    if named is not None and text_of(named):
        return text_of(named)
    card = first(node, f".//h3/*[{has_class('author')}] | .//h3//a[{has_class('_hovertrigger')}]")
    if card is not None:
        return text_of(card) or None
    heading = first(node, ".//h3")
    if heading is None:
        return None
    return "".join(heading.xpath("./text()")).strip() or None  # a guest: the name, beside the post link


def read_post(node: etree._Element) -> RawPost:
    message = first(node, f".//div[@itemprop='commentText'] | .//div[{has_class('entry-content')}]")
    edit_notice = _take_edit_line(message)
    stamp = first(node, f".//p[{has_class('posted_info')}]/abbr[{has_class('published')}]")
    signature = first(node, f".//div[{has_class('signature')}][@data-memberid]")
    group = first(node, f".//li[{has_class('group_title')}]")
    return RawPost(
        post_id=int(_ID.search(node.get("id")).group(1)), author=_author(node),
        floor=post_number(text_of(first(node, f".//span[{has_class('post_id')}]//a"))),
        author_banned=bool(BANNED.search(text_of(group))), time_text=text_of(stamp) or None,
        time_title=stamp.get("title") if stamp is not None else None,
        body_html=message_html(message, _rewrite_quotes), edit_notice=edit_notice,
        signature_html=inner_html(signature).strip() or None,
        unreadable=None if message is not None else "no entry-content")


def read_posts(root: etree._Element) -> list[RawPost]:
    return [read_post(node) for node in root.xpath(POSTS)]
