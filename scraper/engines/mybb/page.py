"""What every MyBB page has: the response as a parsel selector, the breadcrumb, the pager,
the footer's clock, and the ``error`` template that stands in for a page a guest may not
see (``inc/functions.php`` ``error()``/``error_no_permission()``)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from parsel import Selector

from scraper.engines.fragments import page_tree

from scraper.engines.base import Pagination
from scraper.engines.mybb.wording import MESSAGE_KINDS
from scraper.engines.shown_times import offset_between, page_clock


class MyBBPage:
    def __init__(self, response: Any) -> None:
        self.url: str = response.url
        self.selector = page_tree(response)
        self.served_at = _served_at(response)

    def absolute(self, href: str) -> str:
        return urljoin(self.url, href)

    def text(self, node: Selector) -> str:
        return " ".join(" ".join(node.xpath(".//text()").getall()).split())

    def breadcrumb(self) -> list[tuple[str, str]]:
        """(name, absolute URL) of the navigation links, home first (the active one,
        ``span.active``, is the page itself and has no link)."""
        return [(self.text(link), self.absolute(link.attrib.get("href", "")))
                for link in self.selector.css("div.navigation > a")]

    def forum_shown(self) -> int | None:
        """The forum a list or thread page is in, by its forms: the search box's
        ``forums[]``, the forum jump's selected ``fid`` (where its URL names none: Google SEO's)."""
        found = self.selector.css("input[name='forums[]']::attr(value), "
                                  "select[name=fid] option[selected]::attr(value)").get()
        return int(found) if found and found.isdigit() else None

    def pagination(self) -> Pagination:
        """The first ``div.pagination`` (the breadcrumb's popup copy is skipped): ``Pages (N):``
        gives the count, ``span.pagination_current`` the page, the links their URLs."""
        boxes = [box for box in self.selector.css("div.pagination")
                 if "pagination_breadcrumb" not in box.attrib.get("class", "")]
        if not boxes:
            return Pagination(page_count=1, current=1)
        box = boxes[0]
        page_urls: dict[int, str] = {}
        for link in box.css("a.pagination_page, a.pagination_first, a.pagination_last"):
            number = self.text(link)
            if number.isdigit():
                page_urls[int(number)] = self.absolute(link.attrib["href"])
        current_text = self.text(box.css(".pagination_current")[0]) if box.css(
            ".pagination_current") else ""
        current = int(current_text) if current_text.isdigit() else None
        count = re.search(r"\((\d+)\)", self.text(box.css("span.pages")[0])) if box.css(
            "span.pages") else None
        page_count = int(count.group(1)) if count else max([*page_urls, current or 1])
        next_link = box.css("a.pagination_next::attr(href)").get()
        return Pagination(page_count=page_count, current=current, page_urls=page_urls,
                          next_url=self.absolute(next_link) if next_link else None)

    def page_timezone(self) -> str | None:
        """The zone the page's times are in, as ``UTC+01:00``: the footer's ``Current time:``
        against the response's ``Date`` header, to the nearest quarter hour. None without
        either."""
        clock = self.selector.css("#current_time").xpath("string()").get()
        if not clock or self.served_at is None:
            return None
        shown = page_clock(clock.split(":", 1)[-1], self.served_at)
        if shown is None:
            return None
        return offset_between(shown, self.served_at)

    def error_message(self) -> tuple[str | None, str | None]:
        """(text, kind) of the ``error`` / ``error_nopermission`` template, else (None, None):
        a table whose head names the error and whose one row says why (its kind by
        ``MESSAGE_KINDS``: a thread that does not exist is deleted); a login form in it means
        the guest must log in."""
        if self.selector.css("div.post[id^=post_], tr.inline_row"):
            return None, None
        for table in self.selector.css("#content table.tborder"):
            rows = table.css("td.trow1")
            if len(rows) != 1 and not table.css("form input[name=action][value=do_login]"):
                continue
            if table.css("form input[name=action][value=do_login]"):
                return self.text(table), "login_required"
            head = self.text(table.css("td.thead")[0]) if table.css("td.thead") else ""
            if head and rows:
                reason = self.text(rows[0])
                return reason, next((kind for kind, said in MESSAGE_KINDS if said.search(reason)), "message")
        return None, None




def full_title(title: str | None, text: str | None) -> str | None:
    """A relative date's ``span[title]``: the whole time (``N hours ago``), or only the date
    (``Today``/``Yesterday``, the clock following in the text), then completed with it."""
    if not title or re.search(r"\d:\d", title) or not text:
        return title
    clock = re.search(r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp][Mm])?", text)
    return f"{title}, {clock.group(0)}" if clock else title


def _served_at(response: Any) -> datetime | None:
    headers = getattr(response, "headers", None)
    date = headers.get("Date") if headers is not None else None
    if isinstance(date, bytes):
        date = date.decode("latin-1")
    try:
        return parsedate_to_datetime(date).astimezone(UTC) if date else None
    except (TypeError, ValueError):
        return None
