"""Scrapy item pipeline that turns the raw fields of each post of a ThreadPageItem
into the clean export fields.

The work itself is done by ``pipeline.post_cleaning.clean_post`` (the same function HTML
mode and the CLI use); this stage only calls it and counts what it did into the crawl
stats (``clean/jammer_removed``, ``clean/site_names_removed``, ``clean/times_unparsed``,
``clean/times_missing``).

Settings read: ``FORUM_SITE_NAMES`` (list of names the site injects, from configuration)
and ``FORUM_SITE_NAME_MODE`` (``injected`` | ``all`` | ``off``). The name the spider detects
on the site (``SiteItem.name``) is added to the configured ones.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from scrapy.crawler import Crawler

from pipeline.control_chars import plain_names
from pipeline.post_cleaning import (
    CleaningContext,
    CleaningCounts,
    clean_post,
    storable_attachments,
    storable_images,
)
from pipeline.site_names import MODES
from scraper.items import PostItem, SiteItem, ThreadPageItem

STAT_PREFIX = "clean/"
# Posts whose author or time was not read (counted for pipeline.run_health).
POST_GAPS = ("posts_without_author", "posts_without_time")


class CleanPostPipeline:
    def __init__(self, stats: Any, site_names: list[str], site_name_mode: str) -> None:
        if site_name_mode not in MODES:
            raise ValueError(f"FORUM_SITE_NAME_MODE={site_name_mode!r}: expected one of {', '.join(MODES)}")
        self.stats = stats
        self.site_names = tuple(site_names)
        self.site_name_mode = site_name_mode

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanPostPipeline:
        settings = crawler.settings
        return cls(crawler.stats, settings.getlist("FORUM_SITE_NAMES"),
                   settings.get("FORUM_SITE_NAME_MODE", "injected"))

    def process_item(self, item: Any) -> Any:
        plain_names(item)  # a forum's name, a list row's title and author
        if isinstance(item, SiteItem) and item.name and item.name not in self.site_names:
            self.site_names = (*self.site_names, item.name)
        if isinstance(item, ThreadPageItem):
            plain_names(item.thread)
            for post in item.posts:
                plain_names(post)
                self.clean(post)
        return item

    def clean(self, item: PostItem) -> None:
        context = CleaningContext(item.fetched_at, item.site_timezone, self.site_names, self.site_name_mode,
                                  engine=item.engine, date_order=item.date_order)
        cleaned = clean_post(item.body_html, time_text=item.time_text, time_title=item.time_title,
                             signature_html=item.signature_html, archiver=item.from_archiver, context=context,
                             edit_notice=item.edit_notice, edit_time=item.edit_time,
                             attachments_html=item.attachments_html)
        item.body, item.quotes, item.signature = cleaned.body, cleaned.quotes, cleaned.signature
        item.posted_at, item.posted_at_precision = cleaned.posted_at, cleaned.posted_at_precision
        item.edited_at, item.edited_by = cleaned.edited_at, cleaned.edited_by
        item.content_hidden = item.content_hidden or cleaned.content_hidden
        # Discuz pages set <base href> to the site root, which relative picture paths resolve to.
        item.images = storable_images(item.site, cleaned.images)
        item.attachments = storable_attachments(item.site, cleaned.attachments)
        item.body_html = ""
        item.signature_html = item.edit_notice = None
        item.attachments_html = None
        self.count(cleaned.counts)
        if item.author_banned:
            self.stats.inc_value("clean/posts_author_banned")
        if item.author is None:
            self.stats.inc_value(STAT_PREFIX + "posts_without_author")
        if item.posted_at is None:
            self.stats.inc_value(STAT_PREFIX + "posts_without_time")

    def count(self, counts: CleaningCounts) -> None:
        for counter in fields(counts):
            self.stats.inc_value(STAT_PREFIX + counter.name, getattr(counts, counter.name))
