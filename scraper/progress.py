"""Scrapy extension: how far a crawl has got, while it runs, read from the crawl stats.

Settings read:
- ``FORUM_PROGRESS``: ``live`` (one line redrawn in place on the terminal, with rich),
  ``log`` (a line on stderr every ``FORUM_PROGRESS_INTERVAL`` seconds, for logs and pipes) or
  ``off`` (the default; the extension is not loaded). ``forum-harvest crawl`` picks ``live`` on a
  terminal, ``log`` otherwise and ``off`` with ``--quiet``.
- ``FORUM_PROGRESS_INTERVAL``: seconds between log lines (default 10).

A line shows pages fetched, thread pages still to read of those the lists and pagers made
the spider queue, posts read and of those stored so far how many were new or changed, errors, pages/s and elapsed time.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import Any, TextIO

from rich.console import Console
from rich.live import Live
from rich.text import Text
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

MODES = ("live", "log", "off")
LIVE_REFRESH_SECONDS = 0.5
THREAD_PAGES_QUEUED = "forum_harvest/thread_pages_queued"
THREAD_PAGES_READ = "forum_harvest/thread_pages_read"
POSTS_READ = "forum_harvest/posts_read"
ERROR_STATS = ("log_count/ERROR", "downloader/exception_count", "spider_exceptions/count")


@dataclass(frozen=True)
class Progress:
    pages: int
    thread_pages_left: int
    posts_read: int
    posts_new: int
    posts_changed: int
    errors: int
    elapsed: float

    @classmethod
    def from_stats(cls, stats: dict[str, Any], elapsed: float) -> Progress:
        left = stats.get(THREAD_PAGES_QUEUED, 0) - stats.get(THREAD_PAGES_READ, 0)
        return cls(stats.get("response_received_count", 0), max(left, 0), stats.get(POSTS_READ, 0),
                   stats.get("storage/posts_new", 0),
                   stats.get("storage/posts_changed", 0), sum(stats.get(name, 0) for name in ERROR_STATS), elapsed)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.elapsed if self.elapsed > 0 else 0.0

    def line(self) -> str:
        return (f"{self.pages} pages fetched, {self.thread_pages_left} thread pages left, "
                f"{self.posts_read} posts read ({self.posts_new} new / {self.posts_changed} changed stored), "
                f"{self.errors} errors, "
                f"{self.pages_per_second:.1f} pages/s, {self.elapsed:.0f} s")


class CrawlProgress:
    def __init__(self, crawler: Crawler, mode: str, interval: float, stream: TextIO | None = None) -> None:
        self.crawler = crawler
        self.mode = mode
        self.interval = LIVE_REFRESH_SECONDS if mode == "live" else interval
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.live: Live | None = None
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        mode = crawler.settings.get("FORUM_PROGRESS", "off")
        if mode not in MODES:
            raise ValueError(f"FORUM_PROGRESS={mode!r}: expected one of {', '.join(MODES)}")
        if mode == "off":
            raise NotConfigured
        extension = cls(crawler, mode, crawler.settings.getfloat("FORUM_PROGRESS_INTERVAL", 10.0))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def current(self) -> Progress:
        return Progress.from_stats(self.crawler.stats.get_stats(), time.monotonic() - self.started)

    def spider_opened(self, spider: Any) -> None:
        self.started = time.monotonic()
        if self.mode == "live":
            console = Console(file=self.stream)
            self.live = Live(Text(self.current().line()), console=console, transient=True, auto_refresh=False)
            self.live.start()
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)

    def show(self) -> None:
        line = self.current().line()
        if self.live is not None:
            self.live.update(Text(line), refresh=True)
        else:
            self.stream.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} progress: {line}\n")
            self.stream.flush()

    def spider_closed(self, spider: Any) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.live is not None:
            self.live.stop()  # transient: the line goes; the CLI prints the summary
