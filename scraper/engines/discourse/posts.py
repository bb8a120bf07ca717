"""Discourse posts (PostSerializer, in ``post_stream.posts`` of ``/t/ID.json`` and
``/t/ID/posts.json``) as ``RawPost``.

- ``post_number`` is the floor: Discourse numbers a topic's posts in order and never reuses
  a number, so a deleted or moved post leaves a gap (topic 2144 has no post 7);
- ``created_at`` is ISO 8601 with an offset: the machine-readable time, given as
  ``time_title``;
- ``cooked`` is the message as HTML; a quote is ``<aside class="quote" data-username
  data-post data-topic>`` holding a ``div.title`` (avatar, "name:") and the quoted
  ``<blockquote>``: it becomes base.py's ``<blockquote data-quote-author>``, the title bar left behind;
- an emoji is ``<img class="emoji" alt=":tada:">``: text its author typed, kept as that text;
- ``version`` above 1 means edited, at ``updated_at`` (the edit notice);
- ``hidden`` (flagged), ``deleted_at`` and ``user_deleted`` (withdrawn by its author): what
  is served in place of the message is not the author's text (``content_hidden``).
"""

from __future__ import annotations

from typing import Any

from lxml import etree, html as lxml_html

from scraper.engines.base import RawPost
from scraper.engines.discourse.wording import EDIT_NOTICE
from scraper.engines.fragments import drop, first, message_html, replace_with_quote
from scraper.engines.json_answers import number

_QUOTE = ".//aside[contains(concat(' ', normalize-space(@class), ' '), ' quote ')][@data-username or @data-post]"


def as_base_markup(message: etree._Element) -> None:
    """A cooked message (in the JSON and in the crawler view alike) in base.py's shapes: quote
    boxes become blockquotes; an emoji picture becomes the ``:code:`` its author typed."""
    for emoji in message.xpath(".//img[contains(concat(' ', normalize-space(@class), ' '), ' emoji ')][@alt]"):
        emoji.tail = emoji.get("alt") + (emoji.tail or "")
        drop(emoji)
    for box in reversed(message.xpath(_QUOTE)):  # inner quotes first: the outer takes them along
        replace_with_quote(box, first(box, "./blockquote"), box.get("data-username"))


def _body(cooked: str) -> str:
    return message_html(lxml_html.fragment_fromstring(cooked or "<p></p>", create_parent="div"), as_base_markup)


def _edit_notice(post: dict[str, Any]) -> str | None:
    edited = (number(post.get("version")) or 1) > 1 and post.get("updated_at")
    return EDIT_NOTICE.format(time=post["updated_at"]) if edited else None


def read_post(post: dict[str, Any]) -> RawPost:
    withheld = bool(post.get("hidden") or post.get("deleted_at") or post.get("user_deleted"))
    return RawPost(
        post_id=number(post.get("id")), floor=number(post.get("post_number")),
        author=post.get("username") or None, author_banned=False,
        time_text=None, time_title=post.get("created_at") or None,
        body_html=_body(post.get("cooked") or ""),
        content_hidden=withheld, edit_notice=_edit_notice(post),
        unreadable=None if post.get("username") or post.get("cooked") else "neither author nor message")


def read_posts(stream: dict[str, Any]) -> list[RawPost]:
    """A post stream's posts in floor order (``posts.json?post_number=N`` answers newest first)."""
    posts = [read_post(post) for post in stream.get("posts") or [] if isinstance(post, dict)]
    return sorted(posts, key=lambda post: post.floor or 0)
