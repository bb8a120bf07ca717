"""NodeBB posts (``posts`` of a topic answer: ``src/posts/data.js``, ``src/topics/posts.js``)
as ``RawPost``.

- ``index`` is the post's place in its topic from 0 (the main post): the floor is index + 1,
  which the page prints as ``#N``;
- ``timestampISO`` (UTC, milliseconds) is the machine-readable time, given as ``time_title``;
- ``content`` is the message as HTML (markdown rendered). The composer's Quote button writes a
  header line naming the quoted member and linking the post: 4.x ``> @slug [said](/post/PID):``
  inside the quote (its first paragraph), 3.x ``@slug said in [title](/post/PID):`` just above
  it. The paragraph with the mention (``a.plugin-mentions-user``: ``@<bdi>slug</bdi>``, 3.x
  ``@slug``) and the post link makes the ``<blockquote>`` base.py's ``<blockquote
  data-quote-author>``, and is left behind;
- ``user.banned``: a banned member's posts stay, message and all (``author_banned``);
- ``user.signature``: the author's signature as HTML (markdown rendered), '' when none; the
  page shows it below the message (``div[component="post/signature"]``);
- ``edited`` (epoch ms, 0 when never) with ``editor`` and ``editedISO``: the edit notice;
- ``deleted``: a guest is served ``[[topic:post-is-deleted]]`` in place of the message
  (``Posts.modifyPostByPrivilege``): no text of its author's (``content_hidden``).
"""

from __future__ import annotations

from typing import Any

from lxml import etree, html as lxml_html

from scraper.engines.base import RawPost
from scraper.engines.fragments import drop, first, message_html, text_of
from scraper.engines.json_answers import number
from scraper.engines.nodebb.payload import fields
from scraper.engines.nodebb.wording import EDIT_NOTICE

_MENTION = "a[contains(concat(' ', normalize-space(@class), ' '), ' plugin-mentions-user ')]"
_HEADER = f"[self::p][{_MENTION}][a[contains(@href, '/post/')]]"
_QUOTE_HEADERS = (f"./*[1]{_HEADER}", f"./preceding-sibling::*[1]{_HEADER}")  # 4.x, 3.x


def as_base_markup(message: etree._Element) -> None:
    """Quotes with the composer's header line become blockquotes naming the quoted member."""
    for quote in reversed(message.xpath(".//blockquote")):  # inner quotes first
        header = next((found for where in _QUOTE_HEADERS if (found := first(quote, where)) is not None), None)
        if header is None:
            continue
        quote.set("data-quote-author", text_of(first(header, f"./{_MENTION}")).lstrip("@"))
        drop(header)


def _body(content: str) -> str:
    return message_html(lxml_html.fragment_fromstring(content or "<p></p>", create_parent="div"), as_base_markup)


def _edit_notice(post: dict[str, Any]) -> str | None:
    if not number(post.get("edited")) or not post.get("editedISO"):
        return None
    editor = fields(post.get("editor")).get("username")
    by = f" by {editor}" if editor else ""
    return EDIT_NOTICE.format(by=by, time=post["editedISO"])


def read_post(post: dict[str, Any]) -> RawPost:
    user = fields(post.get("user"))
    deleted = bool(post.get("deleted"))
    index = number(post.get("index"))
    author = user.get("username") or None
    return RawPost(
        post_id=number(post.get("pid")), floor=index + 1 if index is not None else None,
        author=author, author_banned=bool(user.get("banned")),
        time_text=None, time_title=post.get("timestampISO") or None,
        body_html="" if deleted else _body(post.get("content") or ""),
        signature_html=(user.get("signature") or "").strip() or None,
        content_hidden=deleted, edit_notice=_edit_notice(post),
        unreadable=None if author or post.get("content") else "neither author nor message")


def read_posts(topic: dict[str, Any]) -> list[RawPost]:
    return [read_post(fields(post)) for post in topic.get("posts") or []]
