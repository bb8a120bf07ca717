"""The ``discuz`` spider: decides what to fetch on a Discuz! site and yields items.

Start from the site root, a forum index, a thread list or a thread (any URL form);
it walks index -> forums -> sub-forums -> every thread-list page -> every thread page,
staying on the start URL's host. Reading pages is the page objects' job
(``scraper.pages``); cleaning and storing are item pipelines.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.http import Response
from twisted.python.failure import Failure

from scraper import urls
from scraper.items import ForumItem, PostItem, SiteItem, ThreadItem
from scraper.pages import (
    ArchiverThreadPage,
    DiscuzPage,
    ForumPage,
    IndexPage,
    ThreadPage,
)

FATAL_STAT = "forum_harvest/fatal"


def check_start_url(url: str | None) -> str:
    """Return the URL if a crawl can start from it, else raise ValueError saying why."""
    if not url:
        raise ValueError("missing start URL: pass -a url=http://host/forum.php")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http(s) URL")
    return url


class DiscuzSpider(scrapy.Spider):
    name = "discuz"

    def __init__(self, url: str | None = None, tz: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = check_start_url(url)
        self.allowed_domains = [urlsplit(url).hostname]
        self.timezone_override = tz
        self.threads_seen: set[int] = set()
        self.site: str | None = None

    @property
    def timezone(self) -> str:
        return self.timezone_override or self.settings.get("FORUM_TIMEZONE", "Asia/Shanghai")

    async def start(self) -> Any:
        yield scrapy.Request(self.start_url, callback=self.parse_start, errback=self.start_failed)

    def start_failed(self, failure: Failure) -> None:
        reason = failure.getErrorMessage() or failure.type.__name__
        self.fail(f"cannot fetch {self.start_url}: {reason}")

    def fail(self, message: str) -> None:
        """Stop the crawl with a one-line reason the CLI shows to the user."""
        self.crawler.stats.set_value(FATAL_STAT, message)
        raise CloseSpider("fatal")

    def parse_start(self, response: Response) -> Iterator[Any]:
        if response.status >= 400:
            self.fail(f"cannot fetch {self.start_url}: HTTP {response.status}")
        if not hasattr(response, "text"):
            self.fail(f"{self.start_url} is not an HTML page")
        page = DiscuzPage.from_response(response)
        if not page.is_discuz:
            self.fail(f"{self.start_url} is not a Discuz! forum page")
        if page.message and urls.classify(response.url) is None:
            self.fail(f"{self.start_url}: the forum says: {page.message}")
        self.site = page.site_root
        yield SiteItem(site=self.site, name=page.site_name, timezone=self.timezone)
        ref = urls.classify(response.url)
        kind = ref.kind if ref else "index"
        if kind == "forum":
            yield from self.parse_forum(response)
        elif kind == "thread":
            yield from self.parse_thread(response)
        elif kind == "archiver_thread" and ref.page > 1:
            # Floors follow from the order of posts, so an archiver thread is read from page 1.
            yield scrapy.Request(urls.archiver_thread_url(self.site, ref.thread_id, 1),
                                 callback=self.parse_archiver_thread)
        elif kind == "archiver_thread":
            yield from self.parse_archiver_thread(response)
        elif kind == "post_redirect":
            yield self.thread_request(ref.thread_id, 1)
        else:
            yield from self.parse_index(response)

    def parse_index(self, response: Response) -> Iterator[Any]:
        page = IndexPage.from_response(response)
        if not page.forums:
            self.crawler.stats.inc_value("forum_harvest/pages/index_without_forums")
        for forum in page.forums:
            yield self.forum_item(forum)
            yield self.forum_request(forum.forum_id, 1)

    def parse_forum(self, response: Response) -> Iterator[Any]:
        page = ForumPage.from_response(response)
        if page.message:
            self.crawler.stats.inc_value("forum_harvest/pages/forum_message")
            return
        self.crawler.stats.inc_value("forum_harvest/pages/forum")
        if page.forum_id is not None and page.name:
            yield ForumItem(site=self.site, forum_id=page.forum_id, name=page.name)
        for forum in page.subforums:
            yield self.forum_item(forum)
            yield self.forum_request(forum.forum_id, 1)
        for number in range(2, (page.page_count or 1) + 1):
            yield self.forum_request(page.forum_id, number)
        for row in page.threads:
            if row.thread_id in self.threads_seen:
                continue  # sticky threads repeat on every list page
            self.threads_seen.add(row.thread_id)
            yield ThreadItem(
                site=self.site,
                thread_id=row.thread_id,
                title=row.title,
                forum_id=page.forum_id,
                author=row.author,
                replies=row.replies,
                views=row.views,
            )
            yield self.thread_request(row.thread_id, 1)

    def parse_thread(self, response: Response) -> Iterator[Any]:
        page = ThreadPage.from_response(response)
        if page.message or page.thread_id is None:
            self.crawler.stats.inc_value("forum_harvest/pages/thread_message")
            return
        self.crawler.stats.inc_value("forum_harvest/pages/thread")
        self.threads_seen.add(page.thread_id)
        yield ThreadItem(
            site=self.site,
            thread_id=page.thread_id,
            title=page.title,
            forum_id=page.forum_id,
            page_count=page.page_count,
            url=urls.thread_url(self.site, page.thread_id, 1),
        )
        fetched_at = datetime.now(UTC)
        for post in page.posts:
            yield self.post_item(page.thread_id, post, response.url, fetched_at)
        for number in range(1, (page.page_count or 1) + 1):
            yield self.thread_request(page.thread_id, number)

    def parse_archiver_thread(self, response: Response) -> Iterator[Any]:
        """Archiver pages carry no floors: they follow from the order, page after page."""
        floor_offset = response.meta.get("floor_offset", 0)
        page = ArchiverThreadPage.from_response(response, floor_offset=floor_offset)
        if page.message or page.thread_id is None:
            self.crawler.stats.inc_value("forum_harvest/pages/thread_message")
            return
        self.crawler.stats.inc_value("forum_harvest/pages/archiver_thread")
        yield ThreadItem(site=self.site, thread_id=page.thread_id, title=page.title,
                         page_count=page.page_count)
        fetched_at = datetime.now(UTC)
        for post in page.posts:
            yield self.post_item(page.thread_id, post, response.url, fetched_at, archiver=True)
        if page.page < (page.page_count or 1):
            yield scrapy.Request(
                urls.archiver_thread_url(self.site, page.thread_id, page.page + 1),
                callback=self.parse_archiver_thread,
                meta={"floor_offset": floor_offset + len(page.posts)},
            )

    def forum_item(self, forum: Any) -> ForumItem:
        return ForumItem(
            site=self.site,
            forum_id=forum.forum_id,
            name=forum.name,
            parent_forum_id=forum.parent_forum_id,
            category=forum.category,
            url=urls.forum_url(self.site, forum.forum_id, 1),
        )

    def forum_request(self, forum_id: int, page: int) -> scrapy.Request:
        return scrapy.Request(urls.forum_url(self.site, forum_id, page), callback=self.parse_forum)

    def thread_request(self, thread_id: int, page: int) -> scrapy.Request:
        return scrapy.Request(urls.thread_url(self.site, thread_id, page), callback=self.parse_thread)

    def post_item(
        self, thread_id: int, post: Any, page_url: str, fetched_at: datetime, archiver: bool = False
    ) -> PostItem:
        anchor = f"#pid{post.post_id}" if post.post_id else ""
        return PostItem(
            site=self.site,
            thread_id=thread_id,
            floor=post.floor,
            url=urls.canonicalize(page_url) + anchor,
            fetched_at=fetched_at,
            site_timezone=self.timezone,
            post_id=post.post_id,
            author=post.author,
            author_banned=post.author_banned,
            body_html=post.body_html,
            time_text=post.time_text,
            time_title=post.time_title,
            signature_html=post.signature_html,
            from_archiver=archiver,
        )
