"""Archiver pages (``archiver/?tid-T.html``, ``?fid-F.html``): text-light, no post ids, no floors.

Each post is ``p.author`` (``<strong>author</strong> 发表于 time``), an optional ``h3`` subject,
then the message as loose text and ``<br />`` up to the next ``p.author`` or ``div.page``.
Floors follow from the order, starting after ``floor_offset`` (the posts on earlier pages).
A [hide] block or a paid message shows as the engine's notice: removed, ``content_hidden``.
The archiver prints nothing for a banned author's or a hidden post: an empty message is
reported as ``author_banned`` with an empty body.
"""

from __future__ import annotations

import re
from functools import cached_property
from html import escape, unescape
from typing import Any

from parsel import Selector
from scraper.engines.discuz import urls
from scraper.engines.discuz.pages.base import DiscuzPage
from scraper.markup import visible_text
from scraper.engines.discuz.pages.forum import ForumPage, ThreadRow, number
from scraper.engines.discuz.pages.index import ForumLink
from scraper.engines.discuz.wording import BANNED_NOTICE, HIDDEN_NOTICE
from scraper.engines.discuz.pages.thread import RawPost

_TAG = re.compile(r"<[^>]*>")


def nav_last_text(page: DiscuzPage) -> str | None:
    """The unlinked last part of the ``#nav`` breadcrumb (``论坛 › 版块 › 标题``)."""
    crumbs = [text.strip(" \t\r\n\u00a0›»>") for text in page.sel.xpath("//*[@id='nav']/text()").getall()]
    crumbs = [text for text in crumbs if text]
    return crumbs[-1] if crumbs else None


def _is(node: Any, tag: str, css_class: str | None = None) -> bool:
    name = node.xpath("name()").get()
    if name != tag:
        return False
    return css_class is None or css_class in (node.attrib.get("class") or "").split()


def _html(node: Any) -> str:
    """Markup of a child node; text nodes come back unescaped from parsel, so re-escape them."""
    if node.xpath("self::text()"):
        return escape(node.get(), quote=False)
    if node.xpath("self::comment()"):
        return ""
    return node.get()


class ArchiverThreadPage(DiscuzPage):
    def __init__(self, url: str, html: str, floor_offset: int = 0, tree: Selector | None = None) -> None:
        super().__init__(url, html, tree)
        self.floor_offset = floor_offset

    @cached_property
    def thread_id(self) -> int | None:
        if self.ref and self.ref.thread_id:
            return self.ref.thread_id
        hrefs = self.sel.xpath("//*[@id='end']//a/@href | //link[@rel='canonical']/@href").getall()
        for ref in (urls.classify(self.absolute(href)) for href in hrefs):
            if ref and ref.thread_id:
                return ref.thread_id
        return None

    @cached_property
    def title(self) -> str | None:
        """The breadcrumb's last text, else the ``#end`` link, else the ``<title>``."""
        if crumb := nav_last_text(self):
            return crumb
        end = visible_text(self.sel.xpath("//*[@id='end']//a"))
        return end or (self.title_parts[0] if self.title_parts else None)

    @cached_property
    def forum_id(self) -> int | None:
        for href in reversed(self.sel.xpath("//*[@id='nav']//a/@href").getall()):
            ref = urls.classify(self.absolute(href))
            if ref and ref.kind == "archiver_forum":
                return ref.forum_id
        return None

    @property
    def page(self) -> int:
        return self.pagination.current or (self.ref.page if self.ref else 1)

    def _post(self, header: Any, name: str | None, message: str, floor: int) -> RawPost:
        """One post from its header line (author and time) and its message markup."""
        text = visible_text(header)
        time_text = text[len(name):].strip() if name and text.startswith(name) else text
        hidden = bool(HIDDEN_NOTICE.search(message))
        message = HIDDEN_NOTICE.sub("", message)
        visible = unescape(_TAG.sub("", message)).replace("\u00a0", " ").strip()
        banned = (not visible and not hidden) or bool(BANNED_NOTICE.search(visible))
        return RawPost(
            post_id=None,
            floor=floor,
            author=name,
            author_banned=banned,
            time_text=time_text or None,
            time_title=header.xpath(".//span/@title").get(),
            body_html="" if banned else message,
            content_hidden=hidden,
        )

    def _loose_posts(self) -> list[RawPost] | None:
        """X1.5 – X3.5: ``p.author`` lines, each followed by an ``h3`` and the loose message."""
        container = self.sel.xpath("//p[contains(concat(' ', normalize-space(@class), ' '), ' author ')][1]/..")
        if not container:
            return None
        groups: list[tuple[Any, list[str]]] = []
        for node in container[0].xpath("node()"):
            if _is(node, "p", "author"):
                groups.append((node, []))
            elif _is(node, "div", "page") or node.xpath("self::*[@id='end']"):
                break
            elif groups and not _is(node, "h3"):
                groups[-1][1].append(_html(node))
        return [self._post(header, visible_text(header.xpath(".//strong[1] | .//b[1]")) or None, "".join(body),
                           self.floor_offset + i + 1) for i, (header, body) in enumerate(groups)]

    def _boxed_posts(self) -> list[RawPost] | None:
        """6.x / 7.x: ``div.archiver_post`` holding ``p > cite`` (author, then the time) and
        ``div.archiver_postbody`` (the first post's subject in an ``h2``)."""
        boxes = self.sel.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' archiver_post ')]")
        if not boxes:
            return None
        posts = []
        for i, box in enumerate(boxes):
            header = box.xpath("./p[1]")
            body = box.xpath("./div[contains(@class, 'archiver_postbody')]")
            children = body[0].xpath("node()[not(self::h2 and not(preceding-sibling::node()[normalize-space()]))]") if body else []
            message = "".join(_html(node) for node in children)
            posts.append(self._post(header, visible_text(header.xpath(".//cite[1]")) or None, message,
                                    self.floor_offset + i + 1))
        return posts

    @cached_property
    def posts(self) -> list[RawPost]:
        return self._boxed_posts() or self._loose_posts() or []


class ArchiverForumPage(ForumPage):
    """``archiver/?fid-F.html``: a plain list of thread links with ``(N 篇回复)``."""

    @cached_property
    def threads(self) -> list[ThreadRow]:
        found: dict[int, ThreadRow] = {}
        for link in self.sel.xpath("//*[@id='content']//a[@href] | //ul//li/a[@href]"):
            url = self.absolute(link.attrib["href"])
            ref = urls.classify(url)
            title = visible_text(link)
            if not (ref and ref.kind == "archiver_thread" and title):
                continue
            tail = " ".join(link.xpath("following-sibling::text()[1]").getall())
            replies = number(tail) if "回复" in tail or "回覆" in tail else None
            found.setdefault(ref.thread_id, ThreadRow(ref.thread_id, title, replies=replies,
                                                      url=urls.canonicalize(url)))
        return list(found.values())

    @cached_property
    def name(self) -> str | None:
        return nav_last_text(self) or super().name

    @cached_property
    def subforums(self) -> list[ForumLink]:
        """Sub-forums, which the archiver lists above the threads (``<li><a href="?fid-N.html">``)."""
        found: dict[int, ForumLink] = {}
        for link, ref, url in self._forum_links("//a[@href][not(ancestor::*[@id='nav'])]"):
            name = visible_text(link)
            if ref.kind == "archiver_forum" and ref.forum_id != self.forum_id and name:
                found.setdefault(ref.forum_id, ForumLink(ref.forum_id, name, urls.canonicalize(url), None,
                                                         self.forum_id))
        return list(found.values())
