"""Scrapy item pipeline that turns a PostItem's raw fields into the clean export fields.

The work itself is done by the pure functions in ``pipeline.clean`` and ``pipeline.times``;
this stage only calls them and counts what they did into the crawl stats.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from pipeline.clean import clean_post_html, clean_signature_html
from pipeline.times import parse_discuz_time
from scraper.items import PostItem


class CleanPostPipeline:
    def __init__(self, stats: Any) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanPostPipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PostItem):
            return item
        cleaned = clean_post_html(
            item.body_html,
            fetched_at=item.fetched_at,
            tz=item.site_timezone,
            archiver=item.from_archiver,
        )
        item.body = cleaned.body
        item.quotes = cleaned.quotes
        item.edited_at = cleaned.edited_at
        item.edited_by = cleaned.edited_by
        item.signature = clean_signature_html(item.signature_html) if item.signature_html else None
        item.posted_at, item.posted_at_precision = parse_discuz_time(
            item.time_text, item.time_title, item.fetched_at, item.site_timezone
        )
        item.body_html = ""
        item.signature_html = None
        self.stats.inc_value("clean/jammer_removed", cleaned.jammer_removed)
        if item.posted_at is None:
            self.stats.inc_value("clean/times_unparsed")
        if item.author_banned:
            self.stats.inc_value("clean/posts_author_banned")
        return item
