"""Invision Community 4.x and 5.x posts: ``article#elComment_N`` (``forums/front/topics/post``
and ``postContainer``; 4.x ``article.cPost.ipsComment``, 5.x ``article.ipsEntry``; see
docs/engines/invision.md).

- the id is the article's ``elComment_N`` (and the content box's ``data-commentid``); its
  ``data-quotedata`` JSON names the author (``username``) and the time (``timestamp``);
- the author is ``h3.cAuthorPane_author`` (a link to the profile, or plain text for a guest);
- the time is ``time[datetime]`` (UTC, ISO 8601) in the "Posted …" line of
  ``div.ipsComment_meta``; the text ("January 8, 2020") and ``title`` ("01/08/20 10:09 PM",
  the reader's zone) are what a person saw;
- the body is ``div[data-role=commentContent]``; the edit line (``commentEditLine``: a
  ``span[data-excludequote]`` holding "Edited <time> by X") is printed at its end;
- a quote is ``blockquote.ipsQuote[data-ipsquote-username][data-ipsquote-timestamp]`` with
  ``div.ipsQuote_citation`` ("X said:") and ``div.ipsQuote_contents``; 3.x posts converted
  by 4.x may keep ``blockquote.ipsBlockquote[data-author][data-time]``;
- the signature is ``div[data-role=memberSignature] > div.ipsType_richText``, below the body.

5.x (the 5.0.0 templates) keeps the content box (``div[data-commentid][data-quotedata]``),
the message box (``div[data-role=commentContent]``), the quotes and the signature's ``data-role``;
it prints the time in ``a.ipsEntry__date`` (no "Posted"), a ``<time>`` holding both a long and a
short text (``span.ipsTime__long`` "January 8, 2020", ``span.ipsTime__short`` "1 yr"), the name in
``h3.ipsEntry__username`` beside the group (``.ipsEntry__group``), the edit line as
``p.ipsEdited[data-excludequote]`` and the signature's text in ``div.ipsRichText``.
Invision prints no post position: the floor is the post's place on the page, counted from
the page's first (``first_floor``).
"""

from __future__ import annotations

import json
import re
from copy import deepcopy
from datetime import datetime, timezone

from lxml import etree

from scraper.engines.base import RawPost
from scraper.engines.fragments import drop, first, inner_html, message_html, replace_with_quote, text_of, take_stand_ins
from scraper.engines.invision.wording import BANNED, HIDDEN

_ID = re.compile(r"elComment_(\d+)$")
POSTS = "//article[starts-with(@id, 'elComment_')]"
# Printed beside the name in the author pane: the reputation badge (``reputationBadge``, in a span
# shown on phones only) and buttons a theme adds.
_BESIDE_THE_NAME = (".//*[contains(@class, 'ipsRepBadge')] | .//*[contains(@class, 'ipsResponsive_showPhone')]"
                    " | .//button | .//*[contains(@class, 'ipsEntry__group')] | .//*[contains(@class, 'ipsOnline')]")
# The name's box: 4.x's author pane, 5.x's ``h3.ipsEntry__username``.
_NAME_BOX = "cAuthorPane_author"
_NAME_BOX_5 = "ipsEntry__username"


def has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def epoch_text(value: str | None) -> str | None:
    """A quote's epoch (``data-ipsquote-timestamp``, 3.x's ``data-time``) as ISO UTC."""
    if not value or not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), timezone.utc).isoformat()


def _rewrite_quotes(message: etree._Element) -> None:
    for box in message.xpath(f".//blockquote[{has_class('ipsQuote')}]"):
        content = first(box, f"./div[{has_class('ipsQuote_contents')}]")
        if content is None:
            citation = first(box, f"./div[{has_class('ipsQuote_citation')}]")
            if citation is not None:
                drop(citation)
            content = box
        replace_with_quote(box, content, box.get("data-ipsquote-username") or box.get("data-cite"),
                           epoch_text(box.get("data-ipsquote-timestamp")))
    for box in message.xpath(f".//blockquote[{has_class('ipsBlockquote')}]"):
        replace_with_quote(box, box, box.get("data-author"), epoch_text(box.get("data-time")))


def shown_text(node: etree._Element | None) -> str:
    """The text a person reads in ``node``: a 5.x ``<time>`` prints a long and a short form
    (``span.ipsTime__long`` "January 8, 2020", ``span.ipsTime__short`` "1 yr", one of them hidden
    by the style sheet); the long one is kept."""
    if node is None:
        return ""
    copy = deepcopy(node)
    for short in copy.xpath(f".//span[{has_class('ipsTime__short')}]"):
        drop(short)
    return text_of(copy)


def _take_edit_line(message: etree._Element | None) -> dict[str, str | None]:
    """The edit line at the message's end, taken out: its words ("Edited January 9, 2020 by
    fabiobassa"; the reason and the edit-history link that may follow are dropped with it)
    and its ``<time datetime>``. 4.x prints it in a ``span``, 5.x in ``p.ipsEdited``; both
    ``[data-excludequote]``."""
    line = first(message, "./*[@data-excludequote][strong]") if message is not None else None
    if line is None:
        return {"edit_notice": None, "edit_time": None}
    stamp = first(line, "./strong//time[@datetime]")
    notice = shown_text(line.find("strong"))
    drop(line)
    return {"edit_notice": notice or None, "edit_time": stamp.get("datetime") if stamp is not None else None}


def _author(node: etree._Element, quoted: dict) -> str | None:
    """The member's name as ``data-quotedata`` gives it; else the author pane's text without what
    is printed beside the name (``_BESIDE_THE_NAME``). The pane's text is not the name on every
    site: neowin.net prints "+Raze" for Raze (its subscribers' group prefix) and an "OP" button."""
    if quoted.get("username"):
        return str(quoted["username"])
    pane = first(node, f"(.//aside//*[{has_class(_NAME_BOX)}] | .//*[{has_class(_NAME_BOX)}])[last()]")
    if pane is None:
        pane = first(node, f".//*[{has_class(_NAME_BOX_5)}]")
    if pane is None:
        return None
    pane = deepcopy(pane)
    for beside in pane.xpath(_BESIDE_THE_NAME):
        drop(beside)
    return text_of(pane) or None


def _quote_data(node: etree._Element) -> dict:
    raw = first(node, ".//*[@data-quotedata]")
    try:
        data = json.loads(raw.get("data-quotedata")) if raw is not None else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _time(node: etree._Element) -> tuple[str | None, str | None]:
    """(text shown, ``datetime``) of the post's own time in its meta line, not a quote's or edit's:
    4.x's ``div.ipsComment_meta``, 5.x's ``a.ipsEntry__date`` (or the header's
    ``p.ipsPhotoPanel__secondary``)."""
    stamp = first(node, f".//div[{has_class('ipsComment_meta')}]//time"
                        f" | .//div[{has_class('cAuthorPane_mobile')}]//time"
                        f" | .//*[{has_class('ipsEntry__date')}]//time"
                        f" | .//*[{has_class('ipsPhotoPanel__secondary')}]//time")
    if stamp is None:
        return None, None
    return shown_text(stamp) or None, stamp.get("datetime") or stamp.get("title")


def _banned(node: etree._Element) -> bool:
    """The group the author pane prints: 4.x ``li[data-role=group]``, 5.x ``.ipsEntry__group``."""
    groups = node.xpath(f".//li[@data-role='group'] | .//*[{has_class('ipsEntry__group')}]")
    return any(BANNED.search(text_of(group)) for group in groups)


def read_post(node: etree._Element, floor: int | None) -> RawPost:
    quoted = _quote_data(node)
    message = first(node, ".//div[@data-role='commentContent']")
    edit = _take_edit_line(message)
    hidden = take_stand_ins(message, HIDDEN)
    signature = first(node, f".//div[@data-role='memberSignature']/div[{has_class('ipsType_richText')}"
                            f" or {has_class('ipsRichText')}]")
    text, attr = _time(node)
    return RawPost(
        post_id=int(_ID.search(node.get("id")).group(1)), floor=floor, author=_author(node, quoted),
        author_banned=_banned(node), time_text=text, time_title=attr,
        body_html=message_html(message, _rewrite_quotes), content_hidden=hidden,
        signature_html=inner_html(signature).strip() or None,
        unreadable=None if message is not None else "no commentContent", **edit)


def read_posts(root: etree._Element, first_floor: int | None) -> list[RawPost]:
    """The page's posts; ``first_floor``: the first one's position in the topic (None when the
    page does not say which page it is)."""
    nodes = root.xpath(POSTS)
    return [read_post(node, first_floor + at if first_floor is not None else None) for at, node in enumerate(nodes)]
