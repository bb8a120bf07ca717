"""JOBDIR's ``requests.seen``, in the format Scrapy's ``RFPDupeFilter`` reads and writes.

Scrapy 2.19 (``scrapy/dupefilters.py``, its docstring and ``_read_fingerprints``): every
fingerprint first seen is appended as its length (2 bytes, big-endian) then its bytes; a crawl
killed mid-write leaves the last record cut short, and reading stops there. Scrapy calls the
format an implementation detail: ``CompactDupeFilter`` keeps it here, in one place, so a job
folder stays resumable by either filter. Unlike Scrapy, a cut record is cut off the file
before anything is appended after it, so the records that follow stay readable.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

NAME = "requests.seen"
_SIZE_BYTES = 2
_CHUNK = 1 << 16


def open_for_resume(folder: str) -> BinaryIO:
    """The folder's file, created when missing, open for reading and appending."""
    return Path(folder, NAME).open("a+b")


def read(file: BinaryIO) -> Iterator[bytes]:
    """Every whole fingerprint from the file's start; once all are read, the file is cut back
    to the end of the last whole one."""
    file.seek(0)
    pending, whole_end = b"", 0
    while chunk := file.read(_CHUNK):
        pending += chunk
        start = 0
        while start + _SIZE_BYTES <= len(pending):
            end = start + _SIZE_BYTES + int.from_bytes(pending[start:start + _SIZE_BYTES], "big")
            if end > len(pending):
                break
            yield pending[start + _SIZE_BYTES:end]
            start = end
        whole_end += start
        pending = pending[start:]
    if pending:
        file.truncate(whole_end)


def append(file: BinaryIO, fingerprint: bytes) -> None:
    file.write(len(fingerprint).to_bytes(_SIZE_BYTES, "big") + fingerprint)
