"""Rotating gzip WARC files in which every record is whole, even if the process is killed.

Each record is built in memory (warcio, one gzip member) and reaches the file in a single
``write`` on a descriptor opened ``O_APPEND``: a crawl killed at any moment leaves whole
records behind (SIGKILL cannot split a write that already returned, and one that never ran
left nothing). Data written is in the kernel's hands at once; ``fsync`` every
``fsync_every`` records (and on close) also protects it from a machine crash.

Files are named ``<prefix>-<UTC time>-<pid>-<serial>.warc.gz`` and each opens with a
``warcinfo`` record carrying ``info`` (software, the crawl run). A file that grew past
``max_bytes`` is closed and the next record starts a new one.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from warcio.warcwriter import WARCWriter

SOFTWARE = "forum-harvest/0.1 (warcio)"


def site_directory_name(site_root: str) -> str:
    """``http://bbs.example.com:8080/forum/`` -> ``bbs.example.com_8080_forum``."""
    bare = re.sub(r"^[a-z]+://", "", site_root.lower()).strip("/")
    return re.sub(r"[^a-z0-9.-]+", "_", bare) or "site"


class RotatingWarcFile:
    def __init__(self, directory: Path, prefix: str, info: dict[str, str], max_bytes: int,
                 fsync_every: int) -> None:
        self.directory = directory
        self.prefix = prefix
        self.info = info
        self.max_bytes = max_bytes
        self.fsync_every = max(fsync_every, 1)
        self.path: Path | None = None
        self.written_paths: list[Path] = []
        self._fd: int | None = None
        self._size = 0
        self._unsynced = 0
        self._serial = 0

    def write(self, records: list[Any]) -> tuple[Path, list[int]]:
        """Append ``records`` (warcio records) to the current file; the file and the offset
        at which each record starts."""
        if self._fd is None or self._size >= self.max_bytes:
            self._open_next()
        offsets = []
        for record in records:
            data = _gzip_record(record)
            offsets.append(self._size)
            written = os.write(self._fd, data)
            if written != len(data):  # a full disk: the record must not be left half-written
                os.ftruncate(self._fd, self._size)
                raise OSError(f"{self.path}: short write ({written} of {len(data)} bytes)")
            self._size += written
            self._unsynced += 1
        if self._unsynced >= self.fsync_every:
            self._sync()
        assert self.path is not None
        return self.path, offsets

    def close(self) -> None:
        if self._fd is not None:
            self._sync()
            os.close(self._fd)
            self._fd = None

    def _open_next(self) -> None:
        self.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        self._serial += 1
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.path = self.directory / f"{self.prefix}-{stamp}-{os.getpid()}-{self._serial:05d}.warc.gz"
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self._size = os.fstat(self._fd).st_size
        self.written_paths.append(self.path)
        builder = WARCWriter(BytesIO(), gzip=True)
        self.write([builder.create_warcinfo_record(self.path.name, self.info)])

    def _sync(self) -> None:
        if self._fd is not None and self._unsynced:
            os.fsync(self._fd)
            self._unsynced = 0


def _gzip_record(record: Any) -> bytes:
    buffer = BytesIO()
    WARCWriter(buffer, gzip=True).write_record(record)
    return buffer.getvalue()
