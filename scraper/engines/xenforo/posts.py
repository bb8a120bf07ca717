"""XenForo's posts, 1.x (``li.message#post-N``) and 2.x (``article.message--post#js-post-N``).

Facts from the stock templates (1.x ``message``/``post``, 2.x ``post_macros``; see
docs/engines/xenforo.md):
- the time is ``abbr.DateTime[data-time]`` (1.x, recent), ``span.DateTime[title]`` (1.x,
  older than a week: the title is "Oct 30, 2014 at 10:48 PM") or ``time.u-dt[data-time]``
  (2.x, epoch seconds and an ISO ``datetime``);
- the position is printed as ``#N`` (1.x ``a.postNumber``, 2.x in ``message-attribution-opposite``);
- a quote is ``div.bbCodeQuote[data-author]`` holding ``div.attribution`` ("X said:") and
  ``blockquote.quoteContainer > div.quote`` (1.x), or ``blockquote.bbCodeBlock--quote
  [data-quote]`` with ``div.bbCodeBlock-title`` and ``div.bbCodeBlock-expandContent`` (2.x; a
  box without ``data-quote`` names its author in the title only: ``wording.QUOTE_TITLES``);
  "Click to expand..." is the engine's control, not text;
- the signature is ``div.signature`` (1.x) or ``aside.message-signature`` (2.x); the edit note
  ``div.editDate`` (1.x) or ``div.message-lastEdit`` (2.x): "Last edited: Dec 4, 2014".
"""

from __future__ import annotations

import re

from lxml import etree

from scraper.engines.base import RawPost
from scraper.engines.xenforo.wording import HIDDEN, QUOTE_TITLES
from scraper.engines.fragments import (Layout, drop, first, inner_html, message_html, outer_html, post_number,
                                       read_layouts, replace_with_quote, take_stand_ins, text_of)

_ID = re.compile(r"(\d+)$")
# The engine's controls inside a message, and a double-post add-on's "-- Dieser Beitrag wurde
# automatisch mit dem folgenden Beitrag zusammengeführt --" line (android-hilfe.de).
_CONTROLS = ("quoteExpand", "bbCodeBlock-expandLink", "messageTextEndMarker", "js-selectToQuoteEnd", "doublePost")


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _rewrite_quotes(message: etree._Element) -> None:
    for control in message.xpath(" | ".join(f".//*[{_has_class(name)}]" for name in _CONTROLS)):
        drop(control)
    for box in message.xpath(f".//div[{_has_class('bbCodeQuote')}]"):
        content = first(box, ".//blockquote[contains(@class, 'quoteContainer')]/div[contains(@class, 'quote')]")
        replace_with_quote(box, content, box.get("data-author"))
    for box in message.xpath(f".//blockquote[{_has_class('bbCodeBlock--quote')}]"):
        content = first(box, ".//div[contains(@class, 'bbCodeBlock-expandContent')]")
        replace_with_quote(box, content, box.get("data-quote") or _titled(box))


def _titled(box: etree._Element) -> str | None:
    """The author a quote box's title names ("X said:", "Zitat von X:"), None when it names none."""
    title = text_of(first(box, f".//div[{_has_class('bbCodeBlock-title')}]"))  # its own: a nested one comes later
    match = next((found for pattern in QUOTE_TITLES if (found := pattern.match(title))), None)
    return match.group("author") if match else None



def _message(node: etree._Element, path: str) -> tuple[str, bool]:
    """The message's HTML (quotes rewritten, hidden-content stand-ins dropped) and whether it had one."""
    message = first(node, path)
    hidden = take_stand_ins(message, HIDDEN)
    return message_html(message, _rewrite_quotes), hidden


def _time(node: etree._Element, scope: str) -> tuple[str | None, str | None]:
    """(text shown, machine-readable form) of the post's own date, not a quote's or edit's."""
    stamp = first(node, f"{scope}//*[self::abbr or self::span or self::time]"
                        f"[{_has_class('DateTime')} or {_has_class('u-dt')}]")
    if stamp is None:
        return None, None
    return text_of(stamp) or None, stamp.get("data-time") or stamp.get("datetime") or stamp.get("title")


def _edit(notice: etree._Element | None) -> dict[str, str | None]:
    """``edit_notice`` and ``edit_time`` of the edit note: its text ("Last edited: Feb 9, 2021")
    and its time's ``data-time`` epoch (1.x's recent ``abbr.DateTime`` too), exact to the second."""
    stamp = first(notice, ".//*[@data-time]") if notice is not None else None
    return {"edit_notice": text_of(notice) or None, "edit_time": stamp.get("data-time") if stamp is not None else None}


def _banned(node: etree._Element) -> bool:
    banners = node.xpath(f".//*[{_has_class('userBanner')}] | .//*[{_has_class('userTitle')}]")
    return any(text_of(banner).lower() == "banned" for banner in banners)


def _post_v1(node: etree._Element) -> RawPost:
    text, attr = _time(node, f".//div[{_has_class('messageMeta')}]//a[{_has_class('datePermalink')}]")
    if text is None and attr is None:  # a style printing it above the message ("Erstellt: …", musiker-board.de)
        text, attr = _time(node, f".//a[{_has_class('datePermalink')}][not(ancestor::blockquote)]")
    signature = first(node, f".//div[{_has_class('signature')}]/aside")
    body, hidden = _message(node, f".//blockquote[{_has_class('messageText')}]")
    return RawPost(
        post_id=int(_ID.search(node.get("id")).group(1)),
        floor=post_number(text_of(first(node, f".//a[{_has_class('postNumber')}]"))),
        author=node.get("data-author"), author_banned=_banned(node), time_text=text, time_title=attr,
        body_html=body, content_hidden=hidden,
        signature_html=inner_html(signature).strip() or None,
        attachments_html=outer_html(node.xpath(f".//div[{_has_class('attachedFiles')}]")),
        **_edit(first(node, f".//div[{_has_class('editDate')}]")))


def _post_v2(node: etree._Element) -> RawPost:
    text, attr = _time(node, f".//div[{_has_class('message-attribution-main')}]")
    counter = node.xpath(f".//ul[{_has_class('message-attribution-opposite')}]//a[starts-with(normalize-space(), '#')]")
    signature = first(node, f".//aside[{_has_class('message-signature')}]//div[{_has_class('bbWrapper')}]")
    body, hidden = _message(node, f".//article[{_has_class('message-body')}]//div[{_has_class('bbWrapper')}]")
    return RawPost(
        post_id=int(_ID.search(node.get("data-content") or node.get("id")).group(1)),
        floor=post_number(text_of(counter[0])) if counter else None,
        author=node.get("data-author"), author_banned=_banned(node), time_text=text, time_title=attr,
        body_html=body, content_hidden=hidden,
        signature_html=inner_html(signature).strip() or None,
        attachments_html=outer_html(node.xpath(f".//section[{_has_class('message-attachments')}]")),
        **_edit(first(node, f".//div[{_has_class('message-lastEdit')}]")))


LAYOUTS: tuple[Layout, ...] = (
    (f"//article[{_has_class('message--post')}][@data-content or starts-with(@id, 'js-post-')]", _post_v2),
    (f"//li[{_has_class('message')}][starts-with(@id, 'post-')]", _post_v1),
)



def read_posts(root: etree._Element) -> list[RawPost]:
    return read_layouts(root, LAYOUTS)
