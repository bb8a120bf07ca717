"""Run the ``discuz`` spider in this process and report how it went.

The Twisted reactor cannot be restarted, so ``run_crawl`` may be called once per process;
the CLI is one process per command, and tests run it in a subprocess.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from pipeline.site_names import MODES
from pipeline.storage_stage import HEALTH_STAT
from scraper.spiders.arguments import CrawlArguments
from scraper.spiders.discuz import FATAL_STAT, DiscuzSpider


class CrawlFailed(Exception):
    """The crawl could not do its job; the message is one line for the user."""


@dataclass
class CrawlOutcome:
    pages: int
    items: int
    posts_new: int
    posts_changed: int
    errors: int
    seconds: float
    finish_reason: str
    health_reasons: list[str] = field(default_factory=list)  # why the run is degraded, if it is


def crawl_settings(database_url: str, overrides: dict[str, str] | None = None) -> Any:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scraper.settings")
    settings = get_project_settings()
    settings.set("DATABASE_URL", database_url, priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    mode = settings.get("FORUM_SITE_NAME_MODE")
    if mode not in MODES:  # the cleaning stage would fail inside Scrapy, with a traceback
        raise ValueError(f"FORUM_SITE_NAME_MODE={mode!r}: expected one of {', '.join(MODES)}")
    return settings


def run_crawl(
    url: str,
    database_url: str,
    overrides: dict[str, str] | None = None,
    **spider_arguments: str | None,
) -> CrawlOutcome:
    """Crawl from ``url``; ``spider_arguments`` are the spider's (tz, forums, max_threads)."""
    CrawlArguments.parse(url, **spider_arguments)  # bad arguments fail before Scrapy starts
    process = CrawlerProcess(crawl_settings(database_url, overrides))
    crawler = process.create_crawler(DiscuzSpider)
    started = time.monotonic()
    process.crawl(crawler, url=url, **spider_arguments)
    process.start()
    stats = crawler.stats.get_stats()
    if stats.get(FATAL_STAT):
        raise CrawlFailed(stats[FATAL_STAT])
    if "finish_reason" not in stats:
        raise CrawlFailed(f"crawl of {url} did not run; see the log with -v")
    return CrawlOutcome(
        pages=stats.get("response_received_count", 0),
        items=stats.get("item_scraped_count", 0),
        posts_new=stats.get("storage/posts_new", 0),
        posts_changed=stats.get("storage/posts_changed", 0),
        errors=stats.get("log_count/ERROR", 0),
        seconds=time.monotonic() - started,
        finish_reason=stats.get("finish_reason", "unknown"),
        health_reasons=stats.get(HEALTH_STAT, []),
    )
