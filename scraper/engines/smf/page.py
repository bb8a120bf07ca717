"""What every SMF page has: the response as a parsel selector, the link tree (2.x
``navigate_section``, 1.1 ``a.nav`` in ``div.nav``, in its classic and babylon themes in
``span.nav``), the page links (2.x ``div.pagelinks``, 1.1 a ``td.middletext`` "Pages:
[<b>1</b>] 2"), the header's clock (2.1 only), and the fatal
error page (``Sources/Errors.php``, ``template_fatal_error``: 2.x ``#fatal_error``, 1.1 a table
above a "Back" link) or login form (``form#frmLogin``) that stands in for a page a guest may
not see."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from parsel import Selector

from scraper.engines.fragments import page_tree

from scraper.engines.base import Pagination
from scraper.engines.smf import urls
from scraper.engines.smf.wording import TOPIC_GONE, parse_time
from scraper.engines.shown_times import offset_between, page_clock
from scraper.engines.site_facts import SiteFacts


class SMFPage:
    def __init__(self, response: Any, facts: SiteFacts | None) -> None:
        """``facts``: the crawl's, which its pager adds the site's page size to."""
        self.url: str = response.url
        self.selector = page_tree(response)
        self.facts = facts or SiteFacts()

    def absolute(self, href: str) -> str:
        return urljoin(self.url, href)

    def text(self, node: Selector) -> str:
        return " ".join(" ".join(node.xpath(".//text()").getall()).split())

    def linked_message(self, cell: Selector) -> int | None:
        """The message the first link of a last-post cell naming one names
        (``urls.linked_message``): the poster's profile link names none."""
        for href in cell.xpath(".//a/@href").getall():
            if (message := urls.linked_message(self.absolute(href))) is not None:
                return message
        return None

    def canonical_ref(self):
        """The page named by ``<link rel="canonical">`` (2.x prints it), else by the URL."""
        href = self.selector.css("link[rel=canonical]::attr(href)").get()
        return urls.classify(self.absolute(href) if href else self.url, self.facts)

    def crumbs(self) -> list[str]:
        """Absolute URLs of the link tree, home first."""
        return [self.absolute(href) for href in self.selector.css(
            ".navigate_section li a::attr(href), .nav a.nav::attr(href)").getall()]

    def last_crumb(self, kind: str) -> str | None:
        """The name of the link tree's last page of ``kind`` ("thread", "forum"): 2.0 prints a
        topic's subject and a board's name nowhere else."""
        for link in reversed(self.selector.css(".navigate_section li a, .nav a.nav")):
            ref = urls.classify(self.absolute(link.attrib.get("href", "")))
            if ref and ref.kind == kind:
                return self.text(link)
        return None

    def pagination(self) -> Pagination:
        """The first ``div.pagelinks`` (1.1: the ``td.middletext`` of the pages line; classic
        and babylon: the ``td`` without a class that holds its ``a.navPages``): the
        current page (2.1 ``span.current_page``, 2.0 ``[<strong>N</strong>]``, 1.1
        ``[<b>N</b>]``), numbered links (2.1 ``a.nav_page``, 2.0 and 1.1 ``a.navPages``; the
        arrows have no number); the count is the highest number shown."""
        box = self.selector.css("div.pagelinks") or self.selector.xpath(
            "//td[contains(@class, 'middletext')][a[contains(@class, 'navPages')] or b]"
            " | //td[a[contains(@class, 'navPages')]]")
        if not box:
            return Pagination(page_count=1, current=1)
        box = box[0]
        page_urls: dict[int, str] = {}
        next_url = None
        for link in box.css("a.nav_page, a.navPages"):
            number = self.text(link)
            if number.isdigit():
                page_urls[int(number)] = self.absolute(link.attrib["href"])
                if number == "2":
                    urls.learn_page_size(page_urls[2], self.facts)
            elif link.css(".next_page"):
                next_url = self.absolute(link.attrib["href"])
        shown = [self.text(node) for node in box.css(".current_page, strong") or box.xpath("./b")]
        current = next((int(text) for text in shown if text.isdigit()), None)  # classic: <b>Pages:</b> first
        expand = box.css(".expand_pages::attr(data-lastpage)").get()
        page_count = max([*page_urls, current or 1])
        if expand and expand.isdigit():
            page_count = max(page_count, int(expand))
        return Pagination(page_count=page_count, current=current, page_urls=page_urls,
                          next_url=next_url)

    def page_timezone(self) -> str | None:
        """The offset of the header's ``<time datetime="…Z">`` text against its attribute."""
        clock = self.selector.css("time[datetime]")
        if not clock:
            return None
        served, _ = parse_time(None, clock.attrib["datetime"], datetime.now(UTC), "UTC")
        shown = page_clock(self.text(clock[0]), served) if served else None
        return offset_between(shown, served) if shown else None

    def error_message(self) -> tuple[str | None, str | None]:
        """The fatal error's text, or the login form's warning. ``topic_gone``'s words
        (``wording.TOPIC_GONE``) make either ``missing_or_closed`` (removed, never there, or
        closed to whoever asks: SMF says the same for all three); else a fatal error is a
        ``message``, the login form ``login_required``."""
        # 2.x ``div#fatal_error``; 1.1 ``template_fatal_error``: a table (title row, then the
        # message in ``tr.windowbg``) in the div before the "Back" link's.
        box = self.selector.css("#fatal_error") or self.selector.xpath(
            "//div[a[@href='javascript:history.go(-1)']]/preceding-sibling::div[1]"
            "//tr[contains(@class, 'windowbg')]/td")
        if box:
            said = self.text(box[0])
            return said, "missing_or_closed" if TOPIC_GONE.search(said) else "message"
        form = self.selector.css("form#frmLogin, form#guest_form")
        if not form or self.selector.css("#forumposts, #messageindex, #boardindex_table"):
            return None, None
        # 2.x: ``p.information``; 1.1: the first ``td.windowbg`` of the form's table.
        warning = form.css(".information") or form.xpath(".//td[contains(@class, 'windowbg')]")
        said = self.text(warning[0]) if warning else "login required"
        return said, "missing_or_closed" if TOPIC_GONE.search(said) else "login_required"
