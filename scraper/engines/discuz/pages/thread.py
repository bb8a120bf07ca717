"""A thread page (``viewthread``): title, forum, pages and the raw posts on it."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property
from html import escape
from typing import Any

from lxml import etree
from parsel import Selector

from scraper.engines.discuz.wording import BANNED_NOTICE
from scraper.engines.discuz.times import contains_time
from scraper.engines.discuz import urls
from scraper.engines.base import RawPost
from scraper import markup
from scraper.engines.discuz.pages import positions
from scraper.engines.discuz.pages.base import DiscuzPage
from scraper.engines.discuz.pages.layouts import FAMILIES, PostLayout
from scraper.markup import visible_text, xpath

FLOOR_NAMES = {"楼主": 1, "沙发": 2, "板凳": 3, "地板": 4, "樓主": 1, "沙發": 2}
_FLOOR_NUMBER = re.compile(r"#\s*(\d+)|(\d+)\s*(?:#|楼|樓|F\b)")
_JS_TID = re.compile(r"\btid\s*=\s*parseInt\('(\d+)'\)")
_JS_FID = re.compile(r"\bfid\s*=\s*parseInt\('(\d+)'\)")
_DIGITS = re.compile(r"\d+")
# A label a skin shows (not hides) inside the author link: 作者：admin.
_AUTHOR_LABEL = re.compile(r"^(?:作者|發表者|发表者|楼主|樓主|Author)\s*[:：]\s*", re.I)
# Where a time is never looked for by shape: the author card (registration and last-visit
# dates), the message, quotes and the signature.
_NOT_TIME_CLASSES = frozenset({"pls", "postauthor", "p_pop", "t_f", "t_msgfont", "message", "sign",
                               "signatures", "quote", "pob", "favatar"})
_NOT_TIME_IDS = ("userinfo", "favatar", "postmessage_")
# The default for FORUM_MAX_POSTS_PER_PAGE: Discuz's own per-page maximum is far lower.
MAX_POSTS_PER_PAGE = 1000


def inner_html(nodes: list[etree._Element]) -> str:
    """Markup inside the first node, serialised by lxml: its text stays escaped, where parsel's
    ``node()`` hands text back unescaped (a post's ``&lt;b&gt;`` would come back as a tag)."""
    if not nodes:
        return ""
    element = nodes[0]
    children = "".join(etree.tostring(child, encoding="unicode", method="html") for child in element)
    return escape(element.text or "", quote=False) + children


def parse_floor(text: str) -> int | None:
    """``<em>11</em>#``, ``11楼``, ``#11`` or the names 楼主/沙发/板凳/地板."""
    text = text.strip()
    for name, floor in FLOOR_NAMES.items():
        if name in text:
            return floor
    if text.isdigit():
        return int(text)
    match = _FLOOR_NUMBER.search(text)
    return int(match[1] or match[2]) if match else None


def _outside_message(text: Any, post: etree._Element) -> bool:
    node = text.getparent()
    while node is not None and node is not post:
        classes = set((node.get("class") or "").split())
        if classes & _NOT_TIME_CLASSES or (node.get("id") or "").startswith(_NOT_TIME_IDS):
            return False
        node = node.getparent()
    return True


_SPAN_TITLE = xpath("(self::span/@title | .//span/@title)[1]")
_TEXT_NODES = etree.XPath(".//text()[normalize-space()][not(ancestor::script or ancestor::style)]")
_EM_TEXT = xpath(".//em/text()")
_ANY_MESSAGE_ID = xpath(".//*[starts-with(@id, 'postmessage_')]/@id")
# The author line without a member link (匿名, 游客 1.2.3.*, a deleted member): the post's
# first ``.authi``. Read only when it looks like one: a name first, no time, not the time line.
_ANONYMOUS = xpath("(.//*[contains(@class, 'authi')])[1]")
_NAME_START = re.compile(r"^\w")
_FIRST_BODY_ELEMENT = "(//body/*)[1]"
# A touch reply's subject: an ``h2`` opening the message, before any of its text.
_MESSAGE_HEADING = xpath("./h2[1][not(preceding-sibling::text()[normalize-space()])]")


def _found(element: etree._Element, expression: str, pid: int | None) -> list:
    """What ``expression`` finds in ``element``; nothing when it needs the post id and there is none."""
    if pid is None and "$pid" in expression:
        return []
    return xpath(expression)(element, pid=str(pid))


class ThreadPage(DiscuzPage):
    """A thread page of any layout family (``scraper.engines.discuz.pages.layouts``). ``max_posts`` bounds the
    posts read from one page (``posts_over_limit`` tells how many more it held);
    ``posts_per_page`` is what the crawl learnt of the site's page size elsewhere, for a page
    that prints no floors (``scraper.engines.discuz.pages.positions``)."""

    def __init__(self, url: str, html: str, max_posts: int = MAX_POSTS_PER_PAGE,
                 posts_per_page: int | None = None, tree: Selector | None = None) -> None:
        super().__init__(url, html, tree)
        self.html = html
        self.max_posts = max_posts
        self.posts_per_page = posts_per_page
        self.posts_over_limit = 0

    @cached_property
    def layout(self) -> PostLayout:
        return next(family for family in FAMILIES if xpath(family.detect)(self.sel.root))

    def _script_number(self, pattern: re.Pattern) -> int | None:
        match = pattern.search(" ".join(self.sel.xpath("//script[not(@src)]/text()").getall()))
        return int(match[1]) if match else None

    def _refs(self, expression: str, kinds: tuple[str, ...]) -> list[urls.PageRef]:
        found = [urls.classify(self.absolute(href)) for href in xpath(expression)(self.sel.root)]
        return [ref for ref in found if ref and ref.kind in kinds]

    @cached_property
    def thread_id(self) -> int | None:
        if self.ref and self.ref.thread_id:
            return self.ref.thread_id
        xpath = ("//link[@rel='canonical']/@href | id('pt')//a/@href | id('nav')//a/@href"
                 " | //div[contains(@class, 'pg') or contains(@class, 'pages')]//a/@href")
        if refs := self._refs(xpath, ("thread", "archiver_thread")):
            return refs[-1].thread_id
        return self._script_number(_JS_TID)

    @cached_property
    def title(self) -> str | None:
        for xpath in ("id('thread_subject')", "id('threadtitle')//h1", "//div[contains(@class, 'view_tit')]",
                      "//div[contains(@class, 'postlist')]/h2/text()[normalize-space()][1]", "//h1"):
            if subject := visible_text(self.sel.xpath(xpath)):
                return subject
        return self.title_parts[0] if self.title_parts else None

    @cached_property
    def forum_id(self) -> int | None:
        """The last forum in the breadcrumb (a sub-forum comes after its parent)."""
        if refs := self._refs("id('pt')//a/@href | id('nav')//a/@href", ("forum", "archiver_forum")):
            return refs[-1].forum_id
        return self._script_number(_JS_FID)

    @property
    def page(self) -> int:
        return self.pagination.current or (self.ref.page if self.ref else 1)

    @cached_property
    def replies(self) -> int | None:
        """The reply count in the X header (``查看: <span class="xi1">V</span> | 回复: <span
        class="xi1">R</span>``, labels translated by packs; X3.5 prints it in the header row's
        ``td.pls``, older X skins in ``td.vwthd``): the second number; None elsewhere. The post
        list is ``id('postlist')``, as the posts are read from (a scan by ``@id``: ~1.5 ms a page)."""
        numbers = (self.sel.xpath("(id('postlist')/table)[1]//span[contains(@class, 'xi1')]/text()").getall()
                   or self.sel.xpath("//td[contains(@class, 'vwthd')]//span[contains(@class, 'xi1')]/text()").getall())
        return int(numbers[1]) if len(numbers) == 2 and numbers[1].strip().isdigit() else None

    def _first(self, node: etree._Element, expressions: tuple[str, ...], pid: int | None) -> list:
        for expression in expressions:
            if found := _found(node, expression, pid):
                return found
        return []

    def _author(self, node: etree._Element, scope: etree._Element | None) -> str | None:
        for expression in self.layout.author:
            if name := _AUTHOR_LABEL.sub("", visible_text(xpath(expression)(node)[:1], scope)):
                return name
        line = visible_text(_ANONYMOUS(node), scope)
        name = line.split(" ")[0]
        return name if _NAME_START.match(name) and not contains_time(line) else None

    def _time(self, node: etree._Element, pid: int | None, scope: etree._Element | None) -> tuple[str | None, str | None]:
        """The layout's time element whose text has a time's shape (or a ``span[title]``), else
        the first text of that shape outside the author card and the message."""
        first_text = None
        for expression in self.layout.time:
            for element in _found(node, expression, pid):
                text = visible_text(element, scope) or None
                title = next(iter(_SPAN_TITLE(element)), None)
                if title or contains_time(text):
                    return text, title
                first_text = first_text or text
        for text in _TEXT_NODES(node):
            if contains_time(text) and _outside_message(text, node):
                holder = text.getparent()
                return visible_text(holder, scope) or None, next(iter(_SPAN_TITLE(holder)), None)
        return first_text, None

    def _floor(self, node: etree._Element, pid: int | None, scope: etree._Element | None) -> int | None:
        link = self._first(node, self.layout.floor, pid)
        if not link:
            return None
        number = next(iter(_EM_TEXT(link[0])), None)
        return parse_floor(number) if number and number.strip().isdigit() else parse_floor(visible_text(link[:1], scope))

    def _post_id(self, node: etree._Element) -> int | None:
        for expression in self.layout.post_id:
            if digits := _DIGITS.search(next(iter(xpath(expression)(node)), "")):
                return int(digits[0])
        message = next(iter(_ANY_MESSAGE_ID(node)), None)
        digits = _DIGITS.search(message or "")
        return int(digits[0]) if digits else None

    def _body(self, message: list[etree._Element]) -> str:
        if self.layout.message_heading and message:
            for heading in _MESSAGE_HEADING(message[0]):
                markup.drop_keeping_tail(heading)  # the message text after it stays
        return inner_html(message)

    def _post(self, node: etree._Element) -> RawPost:
        pid = self._post_id(node)
        scope = markup.scope(node)  # what is shown is checked up to the post
        message = self._first(node, self.layout.message, pid)
        notice = visible_text(xpath(self.layout.banned_notice)(node), scope) if self.layout.banned_notice else ""
        banned = bool(BANNED_NOTICE.search(notice))
        text, title = self._time(node, pid, scope)
        signature = self._first(node, self.layout.signature, pid)
        listed = self._first(node, self.layout.attachment_list, pid)
        author = self._author(node, scope)
        unreadable = None if (message or notice or author) else "post has neither author nor message"
        return RawPost(
            post_id=pid,
            floor=self._floor(node, pid, scope),
            author=author,
            author_banned=banned,
            time_text=text,
            time_title=title,
            body_html="" if banned else self._body(message),
            signature_html=inner_html(signature) or None,
            attachments_html=None if banned else inner_html(listed) or None,
            content_hidden=bool(notice) and not banned,
            unreadable=unreadable,
        )

    @cached_property
    def post_nodes(self) -> list[etree._Element]:
        """Post containers from the page's tree, or, when the tree holds fewer than the raw
        HTML opens (hostile markup swallowed some), each post parsed on its own."""
        for expression, start in self.layout.posts:
            nodes = xpath(expression)(self.sel.root)
            if not nodes:
                continue
            starts = markup.post_starts(self.html, start)
            if len(starts) > len(nodes):
                return [first for fragment in markup.fragments(self.html, starts)
                        for first in fragment.root.xpath(_FIRST_BODY_ELEMENT)[:1]]
            return nodes
        return []

    @cached_property
    def message(self) -> str | None:
        """A page showing posts is no message page (and is spared the message page's lookups)."""
        return None if self.post_nodes else super().message

    @cached_property
    def placement(self) -> positions.Placement:
        """Where the page starts, for posts that print no floor (robot templates)."""
        return positions.place(self.page, self.page_count, min(len(self.post_nodes), self.max_posts),
                               self.posts_per_page)

    @property
    def full_page_size(self) -> int | None:
        """How many posts a page of this site holds, when this page tells (it is not the last)."""
        return positions.full_page_size(self.page, self.page_count, len(self.posts))

    @property
    def unplaced(self) -> str | None:
        """Why some posts have no floor (None when every post has one)."""
        return self.placement.reason if any(post.floor is None for post in self.posts) else None

    @cached_property
    def posts(self) -> list[RawPost]:
        """Posts in page order. A missing floor follows the previous one; the first post's
        follows the posts on earlier pages (``placement``), or stays None when that is unknown."""
        nodes = self.post_nodes
        self.posts_over_limit = max(0, len(nodes) - self.max_posts)
        posts: list[RawPost] = []
        for node in nodes[: self.max_posts]:
            post = self._post(node)
            if post.floor is None:
                previous = posts[-1].floor if posts else self.placement.before
                post = replace(post, floor=previous + 1 if previous is not None else None)
            posts.append(post)
        return posts
