"""What every phpwind 9 page has: the breadcrumb (``div.bread_crumb``), the pager
(``div.pages``: ``<strong>`` the current page, numbered links up to three either side, the ends
as "1..." and "...N"; the "返回列表" box is also a ``div.pages``) and the message page
(``J_html_error``, ``src/i18n/zh_cn/bbs/forum.lang``: "该帖子不存在或已被删除", "该帖子已被关闭",
"您所在的用户组 (游客) 没有访问该版块的权限"…; 8.x's ``Showmsg``, to a guest with its reasons
and a login form) that stands in for a missing or closed page."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from parsel import Selector

from scraper.engines.fragments import page_tree

from scraper.engines.base import PageRef, Pagination
from scraper.engines.phpwind import urls
from scraper.engines.site_facts import SiteFacts

# A closed thread (9.x "该帖子已被关闭", 8.x "此帖被管理员关闭"), one not yet approved
# ("没有通过审核，无法查看"), a board or its threads a group may not visit or read
# ("没有访问该版块的权限", "…阅读帖子的权限", 8.x "本版块只有特定会员才能浏览帖子").
_FORBIDDEN = re.compile(r"已被关闭|被管理员关闭|无法查看|没有.{0,12}权限|只有.{0,8}才能浏览")
_NUMBERED = re.compile(r"^\d+\s*、\s*")


class PhpwindPage:
    def __init__(self, response: Any, facts: SiteFacts | None) -> None:
        """``facts``: the crawl's, which the list script of every URL the page classifies
        (its own, its links) goes into."""
        self.url: str = response.url
        self.selector = page_tree(response)
        self.facts = facts or SiteFacts()

    def classify(self, url: str) -> PageRef | None:
        """The page ``url`` names; the list script it shows, learned."""
        urls.learn_list_script(url, self.facts)
        return urls.classify(url)

    def absolute(self, href: str) -> str:
        return urljoin(self.url, href)

    @staticmethod
    def text(node: Selector) -> str:
        return " ".join(" ".join(node.xpath(".//text()").getall()).split())

    def crumbs(self) -> list[tuple[str, str]]:
        """(absolute URL, text) of the breadcrumb links, home first."""
        return [(self.absolute(link.attrib.get("href", "")), self.text(link))
                for link in self.selector.css("div.bread_crumb a, div#breadCrumb a")]  # 9.x, 8.x

    def crumb_ref(self, kind: str) -> tuple[PageRef, str] | None:
        """The last breadcrumb link to a page of ``kind``, with its text."""
        for url, text in reversed(self.crumbs()):
            ref = self.classify(url)
            if ref and ref.kind == kind:
                return ref, text
        return None

    def pagination(self) -> Pagination:
        page_urls: dict[int, str] = {}
        current, next_url = None, None
        for box in self.selector.css("div.pages"):
            if box.css("strong, b"):  # 9.x's current page, 8.x's (numofpage)
                current_text = self.text(box.css("strong, b")[0])
                current = int(current_text) if current_text.isdigit() else current
            for link in box.css("a"):
                label = self.text(link).strip(".")
                if label.isdigit():
                    page_urls[int(label)] = self.absolute(link.attrib["href"])
                elif "pages_next" in link.attrib.get("class", ""):
                    next_url = self.absolute(link.attrib["href"])
        return Pagination(page_count=max([*page_urls, current or 1]), current=current,
                          page_urls=page_urls, next_url=next_url)

    def error_message(self) -> tuple[str | None, str | None]:
        box = self.selector.css("#J_html_error, div.regIgnore p.f14")  # 9.x, 8.x (Showmsg)
        # 8.x's Showmsg to a guest ($showlogin, template/wind/showmsg.htm): "您没有登录或者您
        # 没有权限访问此页面，可能有如下几个原因" over a list whose first item is the message
        # ("1、帖子ID非法"), the second "您还不是站点会员,请先登录站点", then a login form.
        reasons = self.selector.css("div.regIgnore ol li")
        if reasons:
            text = _NUMBERED.sub("", self.text(reasons[0]))
        elif box:
            text = self.text(box[0])
        else:
            return None, None
        kind = "deleted" if "不存在" in text or "删除" in text or "ID非法" in text else (
            "login_required" if "登录" in text else
            "forbidden" if _FORBIDDEN.search(text) else "message")
        return text, kind
