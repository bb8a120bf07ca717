"""A set of WARC files read as an archive of pages: which URL was captured where, and when.

Works on any WARC (ours, ``wget --warc-file``, browsertrix, Heritrix): the index keeps the
newest ``response`` record per canonical URL (the site's engine's ``canonicalize``), so the URL a
spider asks for finds the page whatever order or noise parameters the archiving tool used. The
engine is the one that rendered the start page (``engine_at``), as a crawl finds it.
Reading a record undoes chunking and content encoding; the bytes stay as the server sent them.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.timeutils import iso_date_to_datetime

from scraper import markup
from scraper.engines import Engine, detect

logger = logging.getLogger(__name__)
# Replayed bodies are already decoded; the headers must not announce an encoding.
DECODED_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class WarcReadError(ValueError):
    """A file that is not a readable WARC; the message names it."""


@dataclass(frozen=True)
class Capture:
    path: str
    offset: int
    captured_at: datetime
    url: str


@dataclass(frozen=True)
class ArchivedResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


class WarcArchive:
    def __init__(self, captures: dict[str, Capture], canonicalize: Callable[[str], str]) -> None:
        self.captures = captures
        self.canonicalize = canonicalize

    @classmethod
    def scan(cls, paths: Iterable[str | Path], canonicalize: Callable[[str], str]) -> WarcArchive:
        """``canonicalize``: the site's engine's (``Engine.canonicalize``)."""
        captures: dict[str, Capture] = {}
        for path in paths:
            for offset, record, _ in _records(path):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = _target_uri(record)
                key = canonicalize(url)
                capture = Capture(str(path), offset, _record_date(record), url)
                if key not in captures or captures[key].captured_at <= capture.captured_at:
                    captures[key] = capture
        return cls(captures, canonicalize)

    def find(self, url: str) -> Capture | None:
        return self.captures.get(self.canonicalize(url))

    @staticmethod
    def read(capture: Capture) -> ArchivedResponse:
        with open(capture.path, "rb") as handle:
            handle.seek(capture.offset)
            record = next(iter(ArchiveIterator(handle)))
            body = record.content_stream().read()
            http = record.http_headers
            headers = [(name, value) for name, value in http.headers if name.lower() not in DECODED_HEADERS]
            return ArchivedResponse(int(http.get_statuscode()), headers, body)


def start_url(paths: Iterable[str | Path]) -> str | None:
    """Where a replay starts: the start URL of the newest whole-site crawl of ours among the
    files (their ``warcinfo``; a crawl of one forum or thread only if there is no such
    crawl), else the first HTML page captured with status 200."""
    paths = list(paths)
    ours = [(_whole_site(url, [path, *paths]), date, url) for path in paths if (info := _our_warcinfo(path))
            for date, url in [info]]
    if ours:
        return max(ours)[2]
    for path in paths:
        for _, record, _ in _records(path):
            http = record.http_headers
            if (record.rec_type == "response" and http is not None and http.get_statuscode() == "200"
                    and "html" in (http.get_header("Content-Type") or "")):
                return _target_uri(record)
    return None


def _whole_site(start: str, paths: list[str | Path]) -> bool:
    """Whether a crawl's start URL is the whole site, by the rules of the engine of its page
    (looked for in ``paths`` in order: the crawl's own file first, where it comes early)."""
    engine = engine_at(paths, start)
    ref = engine.classify(start) if engine else None
    return ref is None or ref.kind in ("index", "archiver_index")


def engine_at(paths: Iterable[str | Path], url: str) -> Engine | None:
    """The engine that rendered the page captured at ``url`` (its first HTML capture, status
    200: a crawl's start page comes first in its files), None when none is captured or no
    engine recognizes it."""
    for path in paths:
        for offset, record, _ in _records(path):
            http = record.http_headers
            if (record.rec_type == "response" and http is not None and http.get_statuscode() == "200"
                    and _target_uri(record) == url):
                archived = WarcArchive.read(Capture(str(path), offset, _record_date(record), url))
                return detect(markup.parse(archived.body.decode("utf-8", "replace")))
    return None


def _our_warcinfo(path: str | Path) -> tuple[datetime, str] | None:
    for _, record, payload in _records(path):
        if record.rec_type != "warcinfo":
            return None
        fields = dict(_info_fields(payload))
        if "forum-harvest-start-url" in fields:
            return _record_date(record), fields["forum-harvest-start-url"]
        return None
    return None


def _info_fields(payload: bytes) -> Iterator[tuple[str, str]]:
    for line in payload.decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            yield name.strip(), value.strip()


def check_readable(path: str | Path) -> None:
    """Raise WarcReadError unless ``path`` opens with a WARC record."""
    next(_records(path), None)


def _records(path: str | Path) -> Iterator[tuple[int, Any, bytes]]:
    """(offset, record, its raw block after the HTTP headers) of every whole record. A file
    that is cut short or damaged after its first record ends at its last whole record
    (logged); one that does not open with a record is a WarcReadError."""
    read = 0
    try:
        with open(path, "rb") as handle:
            iterator = ArchiveIterator(handle)
            for record in iterator:
                payload = record.raw_stream.read()
                if getattr(record.raw_stream, "limit", 0):  # fewer bytes than its Content-Length
                    raise EOFError(f"record at offset {iterator.get_record_offset()} is cut short")
                yield iterator.get_record_offset(), record, payload
                read += 1
    except OSError as error:
        raise WarcReadError(f"{path}: {error.strerror or error}") from None
    except (ArchiveLoadFailed, EOFError, zlib.error) as error:
        if not read:
            raise WarcReadError(f"{path}: not a WARC file ({str(error).splitlines()[0]})") from None
        logger.warning("%s: unreadable after record %d (%s); the rest is skipped", path, read, error)


def _record_date(record: Any) -> datetime:
    date = record.rec_headers.get_header("WARC-Date")
    return iso_date_to_datetime(date).replace(tzinfo=UTC) if date else datetime.min.replace(tzinfo=UTC)


def _target_uri(record: Any) -> str:
    # wget (1.14 to 1.21 at least) writes the URI in angle brackets, as WARC 1.0's grammar did.
    return record.rec_headers.get_header("WARC-Target-URI").strip().strip("<>")
