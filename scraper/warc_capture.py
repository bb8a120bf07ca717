"""Downloader middleware: every response the crawl fetches, and its request, into WARC.

Sits next to the downloader (before decompression and charset handling), so the response
body is kept as the server sent it; only ``Transfer-Encoding`` is dropped, since Scrapy has
already undone the chunking. Files go to ``<WARC_DIR>/<site>/`` (see ``warc_directory``),
rotate at ``WARC_MAX_FILE_SIZE`` bytes and open with a ``warcinfo`` record naming the crawl
run (start URL, site, host, process, start time). ``request.meta["warc_record"]`` gets the
(file, offset) of the response record, which the spider middleware
``scraper.warc_source.WarcSourceMiddleware`` stores with each post.

Records are gzipped and written by one writer thread, in the order responses came in, while
the spider reads the page (zlib and hashlib let go of the GIL: ~8 % of a crawl's time moves
to the other core). The meta then holds a ``Future`` of the location, which
``record_location`` waits for: a page's posts never point at a record not yet written, and a
write that failed (a full disk) makes the page a gap, as it did when written in line.

Secrets stay out of the archive: the values of ``Cookie``, ``Authorization`` and
``Proxy-Authorization`` in request records, and of ``Set-Cookie`` in response records, are
replaced by :data:`REDACTED` (the header itself is kept, so a reader sees one was sent).
``WARC_KEEP_SECRETS = True`` keeps them as sent: such files hold the site profile's login
cookies and are unsafe to share.

Settings read: ``WARC_ENABLED`` (default True; ``--no-warc`` or a site profile's
``warc = false`` turn it off: the middleware raises ``NotConfigured``), ``WARC_DIR``,
``WARC_MAX_FILE_SIZE``, ``WARC_FSYNC_EVERY`` (records between two ``fsync``s),
``WARC_KEEP_SECRETS`` (default False).
"""

from __future__ import annotations

import os
import socket
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import db
from db.engine import sqlite_file
from scraper.engines.discuz import urls
from scraper.warc_files import SOFTWARE, RotatingWarcFile, site_directory_name

RECORD_META = "warc_record"
_DROPPED_HEADERS = {b"transfer-encoding"}
# Headers whose values are credentials: kept with this value instead (WARC_KEEP_SECRETS off).
SECRET_HEADERS = {b"cookie", b"authorization", b"proxy-authorization", b"set-cookie"}
REDACTED = "[redacted by forum-harvest]"


def record_location(meta: dict) -> tuple[str | None, int | None]:
    """(file, offset) of the page's response record, once written; (None, None) without one."""
    record = meta.get(RECORD_META, (None, None))
    return record.result() if isinstance(record, Future) else record


def warc_root(settings: BaseSettings) -> Path:
    """``WARC_DIR``, else a ``warc`` folder beside a SQLite database file, else ``data/warc``."""
    if settings.get("WARC_DIR"):
        return Path(settings.get("WARC_DIR"))
    database = sqlite_file(db.resolve_database_url(settings.get("DATABASE_URL")))
    return database.parent / "warc" if database is not None else Path("data/warc")


def warc_directory(settings: BaseSettings, site_root: str) -> Path:
    return warc_root(settings) / site_directory_name(site_root)


class WarcCaptureMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("WARC_ENABLED", True):
            raise NotConfigured("WARC_ENABLED is off")
        self.crawler = crawler
        self.settings = settings
        self.started = datetime.now(UTC)
        self.builder = WARCWriter(BytesIO(), gzip=True)
        self.hidden = set() if settings.getbool("WARC_KEEP_SECRETS") else SECRET_HEADERS
        self.file: RotatingWarcFile | None = None
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warc-writer")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureMiddleware:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        return middleware

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        response_record = self.builder.create_warc_record(
            response.url, "response", payload=BytesIO(response.body), length=len(response.body),
            http_headers=_response_headers(response, self.hidden),
        )
        record_id = response_record.rec_headers.get_header("WARC-Record-ID")
        request_record = self.builder.create_warc_record(
            request.url, "request", payload=BytesIO(request.body or b""), length=len(request.body or b""),
            http_headers=_request_headers(request, self.hidden),
            warc_headers_dict={"WARC-Concurrent-To": record_id,
                               "WARC-Date": response_record.rec_headers.get_header("WARC-Date")},
        )
        request.meta[RECORD_META] = self.writer.submit(self._write, self._file(), [response_record, request_record])
        self.crawler.stats.inc_value("warc/records", 2)
        return response

    @staticmethod
    def _write(file: RotatingWarcFile, records: list[Any]) -> tuple[str, int]:
        path, offsets = file.write(records)
        return str(path), offsets[0]

    def close(self) -> None:
        self.writer.shutdown(wait=True)  # every record queued is written before the file closes
        if self.file is not None:
            self.file.close()
            self.crawler.stats.set_value("warc/files", len(self.file.written_paths))

    def _file(self) -> RotatingWarcFile:
        if self.file is None:
            start_url = self.crawler.spider.start_url
            site = urls.site_root(start_url)
            info = {
                "software": SOFTWARE,
                "format": "WARC File Format 1.0",
                "isPartOf": f"forum-harvest crawl of {site}",
                "forum-harvest-site": site,
                "forum-harvest-start-url": start_url,
                "forum-harvest-run": f"host={socket.gethostname()} pid={os.getpid()} "
                                     f"started={self.started.isoformat()}",
                "robots": "obey" if self.settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            }
            self.file = RotatingWarcFile(
                warc_directory(self.settings, site), "forum-harvest", info,
                self.settings.getint("WARC_MAX_FILE_SIZE"), self.settings.getint("WARC_FSYNC_EVERY"),
            )
        return self.file


def _response_headers(response: Response, hidden: set[bytes]) -> StatusAndHeaders:
    try:
        reason = HTTPStatus(response.status).phrase
    except ValueError:
        reason = "Unknown"
    return StatusAndHeaders(f"{response.status} {reason}", _header_list(response.headers, hidden),
                            protocol=response.protocol or "HTTP/1.1")


def _request_headers(request: Request, hidden: set[bytes]) -> StatusAndHeaders:
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = [("Host", parts.netloc), *_header_list(request.headers, hidden)]
    return StatusAndHeaders(f"{request.method} {target}", headers, protocol="HTTP/1.1",
                            is_http_request=True)


def _header_list(headers: Any, hidden: set[bytes]) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), REDACTED if name.lower() in hidden else value.decode("latin-1"))
        for name, values in headers.items() if name.lower() not in _DROPPED_HEADERS
        for value in values
    ]
