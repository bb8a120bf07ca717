"""A thread page (``viewthread``): title, forum, pages and the raw posts on it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from html import escape
from typing import Any

from lxml import etree
from parsel import SelectorList

from scraper import urls
from scraper.pages.base import DiscuzPage, text_of

# ``div#post_{pid}`` (X2.5–X3.5, 7.x); numeric ids only (``post_new``, ``post_rate_div_1`` are not posts).
POSTS_XPATHS = (
    "id('postlist')/div[starts-with(@id, 'post_')][translate(substring-after(@id, 'post_'), '0123456789', '') = '']"
    "[string-length(@id) > 5]",  # the default template: a hash lookup, no scan of the whole page
    "//div[starts-with(@id, 'post_')][translate(substring-after(@id, 'post_'), '0123456789', '') = '']"
    "[string-length(@id) > 5]",
    "//table[starts-with(@id, 'pid')][translate(substring-after(@id, 'pid'), '0123456789', '') = '']"
    "[string-length(@id) > 3]",
    "//*[starts-with(@id, 'postmessage_')]/ancestor::table[1]",
)
AUTHOR_XPATHS = (
    ".//div[contains(@class, 'authi')]/a[contains(@class, 'xw1')]",
    ".//td[contains(@class, 'pls')]//div[contains(@class, 'authi')]//a[@href]",
    ".//td[contains(@class, 'postauthor')]//cite//a",
    ".//a[contains(@href, 'uid=') and (contains(@href, 'mod=space') or contains(@href, 'space.php'))]"
    "[normalize-space()][not(ancestor::*[contains(@class, 'p_pop') or contains(@class, 'pob')])]",
)
TIME_XPATHS = (
    ".//*[contains(@class, 'authi') or contains(@class, 'authorinfo')]"
    "//em[contains(., '发表于') or contains(., '發表於') or span/@title]",
    ".//em[contains(., '发表于') or contains(., '發表於') or span/@title]"
    "[not(ancestor::*[starts-with(@id, 'postmessage_') or contains(@class, 't_f')])]",
)
BANNED_MARK = re.compile(r"作者被禁止或删除|内容自动屏蔽|作者被禁止或刪除|內容自動屏蔽")
# Notices the engine prints instead of content a guest may not see ([hide], paid threads).
HIDDEN_NOTICE = re.compile(
    r"本帖隐藏的?内容需要回复才可以浏览|游客，如果您要查看本帖隐藏内容请回复|本主题需向作者支付[^<\n]*?才能浏览"
)
FLOOR_NAMES = {"楼主": 1, "沙发": 2, "板凳": 3, "地板": 4, "樓主": 1, "沙發": 2}
_FLOOR_NUMBER = re.compile(r"#\s*(\d+)|(\d+)\s*(?:#|楼|樓|F\b)")
_JS_TID = re.compile(r"\btid\s*=\s*parseInt\('(\d+)'\)")
_JS_FID = re.compile(r"\bfid\s*=\s*parseInt\('(\d+)'\)")


@dataclass(frozen=True)
class RawPost:
    """A post as the page shows it; cleaning happens in ``pipeline.clean``."""

    post_id: int | None
    floor: int | None
    author: str | None
    author_banned: bool
    time_text: str | None
    time_title: str | None
    body_html: str
    signature_html: str | None = None
    content_hidden: bool = False  # a [hide] block or a price hides (part of) the message


def inner_html(nodes: SelectorList) -> str:
    """Markup inside the first node, serialised by lxml: its text stays escaped, where parsel's
    ``node()`` hands text back unescaped (a post's ``&lt;b&gt;`` would come back as a tag)."""
    if not nodes:
        return ""
    element = nodes[0].root
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


class ThreadPage(DiscuzPage):
    def _script_number(self, pattern: re.Pattern) -> int | None:
        match = pattern.search(" ".join(self.sel.xpath("//script[not(@src)]/text()").getall()))
        return int(match[1]) if match else None

    def _refs(self, xpath: str, kinds: tuple[str, ...]) -> list[urls.PageRef]:
        found = [urls.classify(self.absolute(href)) for href in self.sel.xpath(xpath).getall()]
        return [ref for ref in found if ref and ref.kind in kinds]

    @cached_property
    def thread_id(self) -> int | None:
        if self.ref and self.ref.thread_id:
            return self.ref.thread_id
        xpath = "//link[@rel='canonical']/@href | id('pt')//a/@href | //div[contains(@class, 'pg')]//a/@href"
        if refs := self._refs(xpath, ("thread", "archiver_thread")):
            return refs[-1].thread_id
        return self._script_number(_JS_TID)

    @cached_property
    def title(self) -> str | None:
        subject = text_of(self.sel.xpath("id('thread_subject')"))
        if subject:
            return subject
        heading = text_of(self.sel.xpath("//h1"))
        return heading or (self.title_parts[0] if self.title_parts else None)

    @cached_property
    def forum_id(self) -> int | None:
        """The last forum in the breadcrumb (a sub-forum comes after its parent)."""
        if refs := self._refs("id('pt')//a/@href | id('nav')//a/@href", ("forum", "archiver_forum")):
            return refs[-1].forum_id
        return self._script_number(_JS_FID)

    @property
    def page(self) -> int:
        return self.pagination.current or (self.ref.page if self.ref else 1)

    def _author(self, node: Any) -> str | None:
        for xpath in AUTHOR_XPATHS:
            if name := text_of(node.xpath(xpath)[:1]):
                return name
        anonymous = text_of(node.xpath(".//div[contains(@class, 'authi')][1]"))
        return anonymous.split(" ")[0] if anonymous else None

    def _time(self, node: Any, pid: int | None) -> tuple[str | None, str | None]:
        em = node.xpath(f"id('authorposton{pid}')[self::em]") if pid else []
        for xpath in TIME_XPATHS:
            em = em or node.xpath(xpath)
        if not em:
            return None, None
        return text_of(em[:1]) or None, em[0].xpath(".//span/@title").get()

    def _floor(self, node: Any, pid: int | None) -> int | None:
        link = node.xpath(f"id('postnum{pid}')") if pid else []
        link = link or node.xpath(".//*[starts-with(@id, 'postnum')]")
        if not link:
            return None
        number = link.xpath(".//em/text()").get()
        return parse_floor(number) if number and number.strip().isdigit() else parse_floor(text_of(link[:1]))

    def _post(self, node: Any) -> RawPost:
        digits = re.search(r"\d+", node.attrib.get("id", ""))
        pid = int(digits[0]) if digits else None
        message = node.xpath(f"id('postmessage_{pid}')") if pid else []
        message = message or node.xpath(
            ".//*[starts-with(@id, 'postmessage_')] | .//div[contains(@class, 't_msgfont')]"
        )
        locked = text_of(node.xpath(".//div[contains(@class, 'locked')]"))
        banned = bool(BANNED_MARK.search(locked))
        text, title = self._time(node, pid)
        signature = node.xpath(".//div[contains(concat(' ', normalize-space(@class), ' '), ' sign ')]")
        return RawPost(
            post_id=pid,
            floor=self._floor(node, pid),
            author=self._author(node),
            author_banned=banned,
            time_text=text,
            time_title=title,
            body_html="" if banned else inner_html(message),
            signature_html=inner_html(signature) or None,
            content_hidden=bool(locked) and not banned,
        )

    @cached_property
    def posts(self) -> list[RawPost]:
        """Posts in page order. A missing floor follows the previous one (or the order on page 1)."""
        nodes = []
        for xpath in POSTS_XPATHS:
            if nodes := self.sel.xpath(xpath):
                break
        posts = []
        for node in nodes:
            post = self._post(node)
            if post.floor is None:
                previous = posts[-1].floor if posts else (0 if self.page == 1 else None)
                post = replace(post, floor=previous + 1 if previous is not None else None)
            posts.append(post)
        return posts
