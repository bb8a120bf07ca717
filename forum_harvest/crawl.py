"""Run the ``discuz`` spider in this process and report how it went.

The Twisted reactor cannot be restarted, so ``run_crawl`` may be called once per process;
the CLI is one process per command, and tests run it in a subprocess.

Exit codes of ``forum-harvest crawl`` (``forum_harvest.crawl_outcome.EXIT_CODES``): 0 every page read, 1 failed, 3
incomplete (pages failed, or the page cap stopped it), 4 degraded (every page read, but the
run is unlike the site's earlier ones: pipeline.run_health; or posts that could not be
stored: incomplete), 128 + signal number when SIGINT
(130) or SIGTERM (143) stopped it. A signal stops the crawl cleanly; if that takes longer
than ``FORUM_SHUTDOWN_TIMEOUT`` (a download still hanging), the run is recorded
``interrupted`` and the process exits anyway. A crawl whose writes the database stopped
taking (disk full, server down) fails (1) in one line naming the cause; its counts are
what was committed.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from typing import Any

from scrapy.crawler import CrawlerProcess
from twisted.python.failure import Failure
from scrapy.utils.project import get_project_settings

import db
from forum_harvest.crawl_outcome import CrawlFailed, CrawlOutcome
from pipeline.run_verdict import run_errors
from pipeline.site_names import MODES
from pipeline.run_verdict import STORAGE_FAILED_STAT
from pipeline.storage_stage import HEALTH_STAT, JOURNAL_STAT, RUN_MESSAGE_STAT, RUN_STATUS_STAT
from scraper.cookies import suffix_list_urls
from scraper.page_checks import CrawlStopping
from scraper.spiders.arguments import CrawlArguments
from scraper.engines import by_name, date_order
from scraper.spiders.forum import FATAL_STAT, ForumSpider


INTERRUPTED_MESSAGE = "stopped by a signal before the crawl could finish cleanly"


class InterruptibleCrawlerProcess(CrawlerProcess):
    """Scrapy's process, remembering the signal that stopped it and making sure it stops:
    ``shutdown_timeout`` seconds after the first SIGINT/SIGTERM the process records its run
    ``interrupted`` and exits, whatever is still in flight."""

    def __init__(self, settings: Any, database_url: str) -> None:
        super().__init__(settings)
        self.database_url = database_url
        self.shutdown_timeout = settings.getfloat("FORUM_SHUTDOWN_TIMEOUT", 10.0)
        self.signal_number: int | None = None

    def _signal_shutdown(self, signum: int, frame: Any) -> None:
        if self.signal_number is None:
            self.signal_number = signum
            watchdog = threading.Timer(self.shutdown_timeout, self._exit_now)
            watchdog.daemon = True
            watchdog.start()
            from twisted.internet import reactor  # the one Scrapy installed (importing it earlier would install another)

            reactor.callFromThread(self._drop_queued_downloads)
        super()._signal_shutdown(signum, frame)

    def _drop_queued_downloads(self) -> None:
        """Requests waiting in the downloader for their slot's DOWNLOAD_DELAY would each be
        sent before Scrapy's graceful stop ends: a stopping crawl finishes only those in
        flight (the dropped ones reach their errback as CrawlStopping, never as gaps)."""
        for crawler in self.crawlers:
            downloader = getattr(crawler.engine, "downloader", None)
            for slot in getattr(downloader, "slots", {}).values():
                while slot.queue:
                    _, waiting = slot.queue.popleft()
                    waiting.errback(Failure(CrawlStopping("the crawl is stopping")))

    def _exit_now(self) -> None:
        try:
            engine = db.make_engine(self.database_url)
            with engine.begin() as conn:
                db.interrupt_own_runs(conn, socket.gethostname(), os.getpid(), INTERRUPTED_MESSAGE)
            engine.dispose()
        finally:
            print(f"interrupted: the crawl did not stop within {self.shutdown_timeout:g} s "
                  "(FORUM_SHUTDOWN_TIMEOUT); stopped without waiting", file=sys.stderr, flush=True)
            os._exit(128 + (self.signal_number or 2))


def storage_failure(stats: dict[str, Any]) -> str:
    """The one line of a crawl the database stopped: the cause, and where the run's end waits
    when the database could not take it either (db.run_journal)."""
    line = stats[STORAGE_FAILED_STAT]
    if JOURNAL_STAT not in stats:
        return line
    journal = stats[JOURNAL_STAT]
    if journal is None:
        return f"{line}; the run's end could not be kept anywhere (the run stays 'running')"
    return f"{line}; the run's end waits in {journal} for the next command that opens the database"


def crawl_settings(database_url: str, overrides: dict[str, str] | None = None) -> Any:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scraper.settings")
    settings = get_project_settings()
    settings.set("DATABASE_URL", database_url, priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    if settings.get("FORUM_ENGINE"):
        by_name(settings.get("FORUM_ENGINE"))  # an unknown name fails here, in one line
    mode = settings.get("FORUM_SITE_NAME_MODE")
    if mode not in MODES:  # the cleaning stage would fail inside Scrapy, with a traceback
        raise ValueError(f"FORUM_SITE_NAME_MODE={mode!r}: expected one of {', '.join(MODES)}")
    date_order.setting_order(settings.get("FORUM_DATE_ORDER"))  # so does a FORUM_DATE_ORDER that is none
    suffix_list_urls(settings.getlist("FORUM_PUBLIC_SUFFIX_LIST_URLS"))  # so does a URL that is none
    return settings


def run_crawl(
    url: str,
    database_url: str,
    overrides: dict[str, str] | None = None,
    **spider_arguments: str | None,
) -> CrawlOutcome:
    """Crawl from ``url``; ``spider_arguments`` are the spider's (tz, forums, max_threads, engine)."""
    CrawlArguments.parse(url, **spider_arguments)  # bad arguments fail before Scrapy starts
    process = InterruptibleCrawlerProcess(crawl_settings(database_url, overrides), database_url)
    crawler = process.create_crawler(ForumSpider)
    started = time.monotonic()
    process.crawl(crawler, url=url, **spider_arguments)
    process.start()
    stats = crawler.stats.get_stats()
    if stats.get(STORAGE_FAILED_STAT):
        raise CrawlFailed(storage_failure(stats))
    if stats.get(FATAL_STAT):
        raise CrawlFailed(stats[FATAL_STAT])
    if "finish_reason" not in stats:
        raise CrawlFailed(f"crawl of {url} did not run; see the log with -v")
    return CrawlOutcome(
        pages=stats.get("response_received_count", 0),
        items=stats.get("item_scraped_count", 0),
        posts_new=stats.get("storage/posts_new", 0),
        posts_changed=stats.get("storage/posts_changed", 0),
        errors=run_errors(stats, {name: value for name, value in stats.items()
                                  if name.startswith("forum_harvest/gaps/")}),
        seconds=time.monotonic() - started,
        finish_reason=stats.get("finish_reason", "unknown"),
        status=stats.get(RUN_STATUS_STAT) or "failed",
        message=stats.get(RUN_MESSAGE_STAT),
        signal_number=process.signal_number,
        health_reasons=stats.get(HEALTH_STAT, []),
        posts_deleted=stats.get("storage/posts_deleted", 0),
    )
