"""Faults of the storage stage a real crawl brings on from a test: an item pipeline spoiling
one post before it is stored, and one stopping the database when the crawl has read its last
page. Put in a crawl with ``-s ITEM_PIPELINES=...`` (:func:`pipelines_with`)."""

from __future__ import annotations

import json
import shlex
import subprocess
from typing import Any

from scrapy.crawler import Crawler

from scraper.items import ThreadPageItem
from scraper.settings import ITEM_PIPELINES


def pipelines_with(name: str, order: int) -> tuple[str, str]:
    """``-s ITEM_PIPELINES=...``: the crawl's own pipelines and this module's ``name``."""
    return "-s", "ITEM_PIPELINES=" + json.dumps({**ITEM_PIPELINES, f"tests.storage_faults.{name}": order})


class SpoilPost:
    """Sets ``TEST_SPOIL_FIELD`` to the JSON value ``TEST_SPOIL_VALUE`` in the post whose id is
    ``TEST_SPOIL_POST``, after cleaning and before storage (order between 300 and 800)."""

    def __init__(self, post_id: int, field: str, value: Any) -> None:
        self.post_id, self.field, self.value = post_id, field, value

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SpoilPost:
        settings = crawler.settings
        return cls(settings.getint("TEST_SPOIL_POST"), settings.get("TEST_SPOIL_FIELD"),
                   json.loads(settings.get("TEST_SPOIL_VALUE")))

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ThreadPageItem):
            for post in item.posts:
                if post.post_id == self.post_id:
                    setattr(post, self.field, self.value)
        return item


class StopDatabaseAtEnd:
    """Runs the command ``TEST_STOP_DATABASE`` when the crawl closes, before the storage stage
    (order above 800: Scrapy closes pipelines last to first) writes its last batch."""

    def __init__(self, command: str) -> None:
        self.command = command

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StopDatabaseAtEnd:
        return cls(crawler.settings.get("TEST_STOP_DATABASE"))

    def process_item(self, item: Any) -> Any:
        return item

    def close_spider(self) -> None:
        subprocess.run(shlex.split(self.command), check=True, capture_output=True, timeout=60)
