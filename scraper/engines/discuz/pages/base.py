"""What every Discuz! page has: site root and name, message pages, pagination."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from parsel import Selector

from scraper.engines import shown_times
from scraper.engines.discuz import urls
from scraper.engines.base import Pagination
from scraper import markup
from scraper.markup import visible_text

# Chrome that links to forums/threads without being content: header, nav, breadcrumb,
# footer, pop-up menus (the forum-jump menu lists every forum).
CHROME = (
    "ancestor::*[@id='hd' or @id='nv' or @id='pt' or @id='ft' or @id='toptb' or @id='scbar'"
    " or @id='fjump_menu' or contains(concat(' ', normalize-space(@class), ' '), ' p_pop ')]"
)
# Most specific first: the message paragraph, then the whole message box.
MESSAGE_XPATHS = (
    "id('messagetext')/p[not(contains(@class, 'alert_btnleft'))]",
    "id('messagetext')",
    "//div[contains(@class, 'alert_error') or contains(@class, 'alert_info')]"
    "[not(ancestor::*[@id='postlist'])]",
    "//div[contains(concat(' ', @class, ' '), ' message ')]/p",
    "//div[contains(@class, 'jump_c')]/p",
    # 6.x/7.x's archiver answers a refusal or a missing thread or board with the text alone
    # ("您没有权限查看这个话题或该话题不存在。": archiver/include/*.inc.php): in 7.2 its
    # #content box, in 6.0 a box of text and line breaks only between #nav and the
    # full-version link.
    "id('content')[self::div][not(*)][following-sibling::div[@id='footer']]",
    "id('nav')/following-sibling::div[not(.//*[not(self::br or self::div)])]"
    "[following-sibling::div[@class='archiver_fullversion']]",
)
# ``id()`` is a hash lookup in lxml's HTML documents; ``//*[@id='pt']`` scans the whole page.
BREADCRUMB_LINKS = "id('pt')//a[@href] | id('nav')//a[@href]"
# (The cheap ``contains`` first spares most divs the exact class-token test: ~2.5x faster.)
PAGER_XPATH = (
    "//div[contains(@class, 'pg') or contains(@class, 'page')]"
    "[contains(concat(' ', normalize-space(@class), ' '), ' pg ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' pages ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' page ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' archiver_pages ')]"
)
# The page total as language packs print it: 共 N 页, / N 页 (頁), Total N pages, / N pages.
_PAGE_TOTAL = re.compile(r"[共总總]\s*(\d+)\s*[页頁]|/\s*(\d+)\s*(?:[页頁]|pages?\b)|total\s*(\d+)\s*pages?\b", re.I)
_NUMBER = re.compile(r"\d+")
LISTING_KINDS = ("forum", "thread", "archiver_forum", "archiver_thread")
# A Discuz page by its structure, for skins that replace the generator and the footer: the ids
# Discuz's JavaScript needs, its scripts' globals, its URLs (X and 6.x/7.x) and static paths.
# Not ``forumdisplay.php?fid=`` alone: MyBB links its forums so too (6.x/7.x pages also link
# ``viewthread.php``/``redirect.php`` or carry the scripts' globals), and ``#postlist`` only
# holding ``pid`` posts: vBulletin 4's post list has that id too.
DISCUZ_MARKERS = (
    "//*[contains(., 'Powered by') and .//a[contains(., 'Discuz')]]"
    " | id('postlist')[.//*[starts-with(@id, 'pid')]] | //tbody[starts-with(@id, 'normalthread_') or starts-with(@id, 'stickthread_')]"
    " | //*[starts-with(@id, 'postmessage_') or starts-with(@id, 'authorposton')]"
    " | //script[contains(., 'discuz_uid') or contains(., 'cookiepre') or contains(., 'STATICURL')]"
    " | //a[contains(@href, 'forum.php?mod=') or contains(@href, 'redirect.php?tid=')"
    " or contains(@href, 'viewthread.php?tid=') or contains(@href, 'archiver/?tid-')]"
    " | //*[contains(@src, 'static/image/common/') or contains(@href, 'data/cache/style_')]"
    " | //div[@id='nav']/following::p[@class='author']"
)
# The footer's first line, "GMT+8, 2024-5-1 10:00" (``template/default/common/footer.htm``): X
# prints it in ``#ft p.xs0``, 6.x/7.x in ``#footlinks p.smalltext``, both before ``span#debuginfo``.
# Found by ``id()``, the first element with that id as Discuz's own ``$('ft')`` finds it: the
# three scans of the whole page by ``@id`` cost ~1.5 ms a page (a tenth of a crawl's CPU).
FOOTER_TIME = ("id('ft')[self::div]//p[contains(@class, 'xs0')]/text()[1]"
               " | id('footlinks')[self::div]//p[contains(@class, 'smalltext')]/text()[1]"
               " | id('debuginfo')[self::span]/../text()[1]")
# The comma is the pack's (``lang_template.php`` ``time_now``): DiscuzX_TW's is fullwidth, "GMT+8， …".
_FOOTER_ZONE = re.compile(r"\s*(GMT\s*(?:[+-]\s*\d{1,2}(?:[.:]\d{1,2})?)?)\s*[,，]")
_SITE_NAME_ARCHIVER = re.compile(r"^(.*?)\s*'s\s+Archiver\s*$", re.I)
# The touch template's title ends "- 站名 - 手机版 - Powered by Discuz!".
_TOUCH_TITLE = re.compile(r"手机版|手機版|mobile(?: version)?", re.I)
_POWERED = re.compile(r"\s*-?\s*Powered by Discuz!.*$", re.I)
# What a message page means for the thread or forum asked for, most specific first. The
# engine's wording (X2.5-X3.5, simplified and traditional); unknown wording is "message".
MESSAGE_KINDS = (
    ("login_required", re.compile(r"登录|登錄|login", re.I)),
    ("forbidden", re.compile(r"没有权限|沒有權限|无权|無權|权限不足|阅读权限|閱讀權限|特定用户组|禁止访问|no permission", re.I)),
    ("deleted", re.compile(r"不存在|已被删除|已被刪除|正在被审核|审核中|does not exist", re.I)),
)


def is_discuz_page(sel: Selector) -> bool:
    """A page Discuz! rendered: its generator meta, else its structure (``DISCUZ_MARKERS``)."""
    generator = sel.xpath("//meta[@name='generator']/@content").get() or ""
    return "discuz" in generator.lower() or bool(sel.xpath(DISCUZ_MARKERS))


class DiscuzPage:
    """Any page of a Discuz! site, parsed once (``markup.parse``): ``sel`` is a parsel
    ``Selector`` over the tree, ``sel.root`` its lxml root for compiled XPaths."""

    def __init__(self, url: str, html: str, tree: Selector | None = None) -> None:
        """``tree``: the page parsed already (``markup.parse``), else it is parsed here."""
        self.url = url
        self.sel = tree if tree is not None else markup.parse(html)
        self.ref = urls.classify(url)

    @classmethod
    def from_response(cls, response: Any, **kwargs: Any) -> DiscuzPage:
        return cls(response.url, response.text, **kwargs)

    @cached_property
    def page_timezone(self) -> str | None:
        """The zone the footer states ("GMT+8, 2024-5-1 10:00": ``UTC+08:00``; "GMT+5.5":
        ``UTC+05:30``): the visitor's setting, which a guest shares with the site, and the zone
        of every time the page shows. None when the page has no such footer (the archiver)."""
        for said in self.sel.xpath(FOOTER_TIME).getall():
            if match := _FOOTER_ZONE.match(said):
                return shown_times.stated_zone(match.group(1))
        return None

    @cached_property
    def base_url(self) -> str:
        """Where relative links resolve from: ``<base href>`` (Discuz always writes one) or the URL."""
        base = self.sel.xpath("/html/head/base/@href").get()
        return urljoin(self.url, base.strip()) if base else self.url

    def absolute(self, href: str) -> str:
        return urljoin(self.base_url, href.strip().replace("&amp;", "&"))

    @cached_property
    def site_root(self) -> str:
        """The folder of ``<base href>`` on the host the page was asked from: Discuz writes
        its base from the request's own host, which a page saved and served elsewhere (or a
        site behind a proxy) does not share."""
        asked, base = urlsplit(self.url), urlsplit(urls.site_root(self.base_url))
        return urlunsplit((asked.scheme or base.scheme, asked.netloc.lower() or base.netloc, base.path, "", ""))

    @cached_property
    def title_text(self) -> str:
        """Text of ``<title>``: looked up in ``head`` first, which spares a scan of the whole page."""
        texts = self.sel.xpath("/html/head/title//text()").getall() or self.sel.xpath("//title//text()").getall()
        return " ".join(texts)

    @cached_property
    def title_parts(self) -> list[str]:
        """``<title>`` split on `` - `` with the ``Powered by Discuz!`` tail removed."""
        title = _POWERED.sub("", self.title_text.strip())
        return [part.strip() for part in title.split(" - ") if part.strip()]

    @cached_property
    def site_name(self) -> str | None:
        """The meta application-name is exactly the board name (a title can carry an SEO
        suffix); then the title's last part, then the archiver or logo header."""
        name = self.sel.xpath("/html/head/meta[@name='application-name']/@content").get()
        if name and name.strip():
            return name.strip()
        parts = [part for part in self.title_parts if not _TOUCH_TITLE.fullmatch(part)]
        if "powered by discuz" in self.title_text.lower() and parts:
            return parts[-1]
        header = visible_text(self.sel.xpath("id('header')//h2"))
        if match := _SITE_NAME_ARCHIVER.match(header):
            return match[1]
        logo = self.sel.xpath("id('hd')//h2/a/@title | id('hd')//h2//img/@alt").get()
        return logo.strip() if logo and logo.strip() else None

    @cached_property
    def breadcrumb_forum(self) -> tuple[int | None, str | None]:
        """Id and name of the last forum linked in the breadcrumb (``#pt``, archiver ``#nav``)."""
        found: tuple[int | None, str | None] = (None, None)
        for link in self.sel.xpath(BREADCRUMB_LINKS):
            ref = urls.classify(self.absolute(link.attrib["href"]))
            if ref and ref.kind in ("forum", "archiver_forum"):
                found = (ref.forum_id, visible_text(link) or None)
        return found

    @cached_property
    def is_discuz(self) -> bool:
        return is_discuz_page(self.sel)

    @cached_property
    def message(self) -> str | None:
        """Text of a Discuz message page (no permission, thread deleted, login needed), else None."""
        for xpath in MESSAGE_XPATHS:
            for node in self.sel.xpath(xpath):
                if text := visible_text(node):
                    return text
        return None

    @cached_property
    def message_kind(self) -> str | None:
        """``login_required``, ``forbidden``, ``deleted`` or ``message`` for a message page."""
        if self.message is None:
            return None
        return next((kind for kind, wording in MESSAGE_KINDS if wording.search(self.message)), "message")

    def _same_listing(self, ref: urls.PageRef) -> bool:
        """A link to another page of this thread or thread list (not to another one)."""
        if ref.kind not in LISTING_KINDS:
            return False
        mine = self.ref
        if mine is None or mine.kind not in LISTING_KINDS:
            return True
        return ref.kind == mine.kind and (ref.thread_id, ref.forum_id) == (mine.thread_id, mine.forum_id)

    def _pager_links(self, pager: Any) -> dict[int, str]:
        links: dict[int, str] = {}
        for link in pager.xpath(".//a[@href]"):
            url = self.absolute(link.attrib["href"])
            ref = urls.classify(url)
            if ref and self._same_listing(ref):
                links.setdefault(ref.page, url)
        return links

    @cached_property
    def pagination(self) -> Pagination:
        """Pages from the pager's structure only: the page numbers in its links' URLs (the last
        page link included), ``共 N 页`` / ``/ N 页`` in its labels, and its ``strong`` current
        page. Numbers in link texts are never read: with unclosed tags the pager can swallow
        user names and the footer's timings."""
        links: dict[int, str] = {}
        totals: list[int] = []
        current = None
        next_url = None
        for pager in self.sel.xpath(PAGER_XPATH):
            links.update({k: v for k, v in self._pager_links(pager).items() if k not in links})
            labels = pager.xpath("./span/@title | ./label//span/@title | ./label//text() | ./span//text() | ./text()")
            totals += [int(next(filter(None, groups))) for label in labels.getall()
                       for groups in _PAGE_TOTAL.findall(label)]
            strong = _NUMBER.search(" ".join(pager.xpath("./strong//text()").getall()))
            current = current or (int(strong[0]) if strong else None)
            nxt = pager.xpath("./a[contains(@class, 'nxt') or contains(@class, 'next')]/@href").get()
            next_url = next_url or (self.absolute(nxt) if nxt else None)
        current = current or (self.ref.page if self.ref else None)
        count = max([1, current or 1, *links.keys(), *totals])
        if next_url is None and current and current + 1 in links:
            next_url = links[current + 1]
        links.pop(current, None)
        return Pagination(count, current, dict(sorted(links.items())), next_url)

    @property
    def page_count(self) -> int:
        return self.pagination.page_count

    @property
    def next_url(self) -> str | None:
        return self.pagination.next_url
