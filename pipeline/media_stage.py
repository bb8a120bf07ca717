"""Item pipeline: the crawl downloads its posts' pictures and attachments (``FORUM_MEDIA``).

Off by default (``FORUM_MEDIA = "none"``: it raises ``NotConfigured``, so a crawl without
media pays nothing per post). Otherwise every picture (``images``) and/or attachment URL a
cleaned post shows is asked for once per site through the crawl's own engine: the same
downloader slots per host, robots.txt, cookie jar, retries and WARC capture as pages, so
``reparse`` and ``warc import`` find the files in the archive. Pictures on other hosts are
fetched (``allow_offsite``); nothing is ever read from their answers but the bytes.

Each answer becomes a ``media`` row (``db.media``) once its file, if kept, is whole under
its final name (``pipeline.media_files``): ``stored``, ``too_large``, ``login_required``,
``not_allowed`` are final, never asked for again; ``failed`` is also a gap of kind
``media``, asked for again by the next crawl. On the site's first item the stage also asks
for what the site's stored posts show and no final row covers (a crawl killed before its
files came, a gap), and removes the ``.part`` files a killed crawl left.

Settings read: ``FORUM_MEDIA``, ``FORUM_MEDIA_DIR``, ``FORUM_MEDIA_MAX_BYTES``,
``FORUM_MEDIA_TYPES``, ``DATABASE_URL``, ``ROBOTSTXT_OBEY`` (a file robots.txt forbade is
recorded ``not_allowed``, and asked for again by a crawl that does not obey robots.txt).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest, NotConfigured
from scrapy.http import Response
from sqlalchemy.engine import Engine
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure

import db
from db.media import ROBOTS_REASON, MediaOutcome, MediaWanted, record_media, settled_media, shown_media, site_id_of
from pipeline.media_answer import HTML_TYPES, MediaAnswer, bare_type, media_answer
from pipeline.media_files import extension_of, media_root, remove_partial_files, store_file
from scraper.gaps import failure_reason
from scraper.items import SiteItem, ThreadPageItem
from scraper.page_checks import MEDIA_META, CrawlStopping
from scraper.warc_replay import NotInArchive

MEDIA_MODES = ("none", "images", "attachments", "all")
# Above pages (0), below earlier gaps (100): a file waits in the scheduler only until a slot
# of its host is free, so the queue does not grow with the pictures of the whole site.
MEDIA_PRIORITY = 10
# Crawl stats of the stage; under forum_harvest/ they are kept in the run's crawl_runs.stats.
STAT_PREFIX = "forum_harvest/media/"


def media_mode(value: str | None) -> str:
    """``FORUM_MEDIA`` checked: one of ``MEDIA_MODES`` (ValueError in one line otherwise)."""
    mode = (value or "none").strip().lower()
    if mode not in MEDIA_MODES:
        raise ValueError(f"FORUM_MEDIA={value!r}: choose one of {', '.join(MEDIA_MODES)}")
    return mode


class MediaStage:
    def __init__(self, crawler: Crawler, mode: str) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.images = mode in ("images", "all")
        self.attachments = mode in ("attachments", "all")
        self.database_url = db.resolve_database_url(settings.get("DATABASE_URL"))
        self.root: Path = media_root(settings.get("FORUM_MEDIA_DIR"), self.database_url)
        self.max_bytes = settings.getint("FORUM_MEDIA_MAX_BYTES")
        self.allowed_types = settings.getlist("FORUM_MEDIA_TYPES")
        self.robots_obeyed = settings.getbool("ROBOTSTXT_OBEY")
        self.engine: Engine | None = None
        self.site: str | None = None
        self.site_id: int | None = None
        self.asked: set[str] = set()  # URLs of this crawl, asked for or settled before
        self.settled_aids: set[int] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MediaStage:
        mode = media_mode(crawler.settings.get("FORUM_MEDIA"))
        if mode == "none":
            raise NotConfigured("FORUM_MEDIA is none")
        return cls(crawler, mode)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, SiteItem):
            self.begin(item.site)
        elif isinstance(item, ThreadPageItem) and self.site_id is not None:
            for post in item.posts:
                self.ask_for(self.shown_by(post))
        return item

    def shown_by(self, post: Any) -> Iterable[MediaWanted]:
        if self.images:
            yield from (MediaWanted(url) for url in post.images or ())
        if self.attachments:
            yield from (MediaWanted(a["url"], a.get("attachment_id")) for a in post.attachments or () if a.get("url"))

    def begin(self, site: str) -> None:
        """The site's first item: its id (the storage stage has stored the site), the files
        its stored posts still want, and the open media gaps."""
        if self.engine is not None:
            return
        self.site = site
        self.engine = db.make_engine(self.database_url)
        with self.engine.connect() as conn:
            self.site_id = site_id_of(conn, site)
            if self.site_id is None:
                return  # the database took nothing: the storage stage stops the crawl
            self.asked, self.settled_aids = settled_media(conn, self.site_id, self.robots_obeyed)
            backlog = list(shown_media(conn, self.site_id, self.images, self.attachments))
        removed = remove_partial_files(self.root, site)
        if removed:
            self.crawler.stats.set_value(STAT_PREFIX + "partial_files_removed", removed)
        gaps = [MediaWanted(gap.url) for gap in self.crawler.spider.gaps.open.values() if gap.kind == "media"]
        self.ask_for([*gaps, *backlog])

    def ask_for(self, wanted: Iterable[MediaWanted]) -> None:
        for media in wanted:
            if media.url in self.asked or media.attachment_id in self.settled_aids:
                continue
            self.asked.add(media.url)
            self.crawler.stats.inc_value(STAT_PREFIX + "requested")
            self.crawler.engine.crawl(scrapy.Request(
                media.url, callback=self.answered, errback=self.not_answered, priority=MEDIA_PRIORITY,
                dont_filter=True,  # asked once by ``asked``; and a picture host is not offsite here
                meta={MEDIA_META: media.attachment_id, "download_maxsize": self.max_bytes,
                      "download_warnsize": 0, "handle_httpstatus_all": True, "allow_offsite": True}))

    def answered(self, response: Response) -> list[Any]:
        content_type = self.content_type(response)
        message = self.forum_message(response) if bare_type(content_type) in HTML_TYPES else None
        answer = media_answer(response.status, response.url, content_type, response.body,
                              self.allowed_types, self.max_bytes, message)
        self.record(response.request, answer, response, content_type)
        return []

    def not_answered(self, failure: Failure) -> None:
        request = failure.request
        if failure.check(CrawlStopping, NotInArchive) or not self.crawler.crawling:
            return  # stopping, or a replay without it: nothing is known (no row, asked again later)
        if failure.check(DownloadCancelledError, CancelledError):
            answer = MediaAnswer("too_large", f"over FORUM_MEDIA_MAX_BYTES={self.max_bytes}")
        elif failure.check(IgnoreRequest) and "forbidden by robots.txt" in str(failure.value).lower():
            answer = MediaAnswer("not_allowed", ROBOTS_REASON)
        else:
            answer = MediaAnswer("failed", failure_reason(failure))
        self.record(request, answer)

    def record(self, request: scrapy.Request, answer: MediaAnswer, response: Response | None = None,
               content_type: str | None = None) -> None:
        """``content_type``: the response's, when there is one."""
        url = request.meta.get("redirect_urls", [request.url])[0]
        outcome = MediaOutcome(url, answer.status, datetime.now(UTC), request.meta.get(MEDIA_META),
                               reason=answer.reason)
        if answer.status == "stored" and response is not None:
            disposition = response.headers.get(b"Content-Disposition", b"").decode("latin-1")
            stored = store_file(self.root, self.site, response.body, extension_of(url, content_type, disposition))
            outcome = MediaOutcome(url, "stored", outcome.fetched_at, outcome.attachment_id, stored.sha256,
                                   stored.bytes, bare_type(content_type) or None, stored.path)
            self.crawler.stats.inc_value(STAT_PREFIX + "bytes", stored.bytes)
        with self.engine.begin() as conn:
            record_media(conn, self.site_id, outcome)
        if answer.status != "failed" and outcome.attachment_id is not None:
            self.settled_aids.add(outcome.attachment_id)
        self.crawler.stats.inc_value(STAT_PREFIX + answer.status)
        if answer.status == "failed":
            self.crawler.spider.record_gap(url, "media", answer.reason or "failed")

    @staticmethod
    def content_type(response: Response) -> str | None:
        value = response.headers.get(b"Content-Type")
        return value.decode("latin-1") if value else None

    def forum_message(self, response: Response) -> str | None:
        """What the forum's message box says on an HTML answer: its engine's index page reader's,
        else its thread page reader's (vBulletin's and XenForo's read the box shown in place of
        posts)."""
        engine = getattr(self.crawler.spider, "engine", None)
        if engine is None or not hasattr(response, "text"):
            return None
        for read in (engine.index_page, engine.thread_page):
            try:
                message = read(response).message
            except Exception:  # noqa: BLE001 (any page the reader cannot read simply has no message)
                continue
            if message:
                return message
        return None

    def close_spider(self) -> None:
        if self.engine is not None:
            self.engine.dispose()
