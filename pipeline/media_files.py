"""The content-addressed store of downloaded pictures and attachments.

A file lives at ``<root>/<site>/<2 hex>/<sha256>.<ext>``: identical bytes are one file,
whatever URLs and names they came under (the first extension seen stays). It is written to
``<name>.part``, flushed to disk, then renamed: a crawl killed at any moment leaves no partial
file under a final name, and the ``.part`` files it left are removed by the next crawl of
the site (:func:`remove_partial_files`). The root is ``FORUM_MEDIA_DIR``, else a ``media``
folder beside a SQLite database file, else ``data/media`` (like the WARC folder).
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from db.engine import sqlite_file
from scraper.warc_files import site_directory_name

PART_SUFFIX = ".part"
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,8})$")
_DISPOSITION_NAME = re.compile(r"""filename\*?=(?:UTF-8''|")?([^";]+)""", re.I)


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    bytes: int
    path: str  # relative to the media root: <site>/<2 hex>/<sha256>.<ext>


def media_root(media_dir: str | None, database_url: str) -> Path:
    if media_dir:
        return Path(media_dir)
    database = sqlite_file(database_url)
    return database.parent / "media" if database is not None else Path("data/media")


def extension_of(url: str, content_type: str | None, disposition: str | None) -> str:
    """The file's extension: from the name the server gives, else the URL's path, else the
    content type; ``bin`` when none tells."""
    for name in (_disposition_name(disposition), urlsplit(url).path):
        if name and (match := _EXTENSION.search(name)):
            return match.group(1).lower()
    guessed = mimetypes.guess_extension((content_type or "").split(";")[0].strip()) if content_type else None
    return guessed.lstrip(".") if guessed else "bin"


def _disposition_name(disposition: str | None) -> str | None:
    match = _DISPOSITION_NAME.search(disposition or "")
    return match.group(1).strip() if match else None


def store_file(root: Path, site: str, body: bytes, extension: str) -> StoredFile:
    """Put ``body`` into the store (once: bytes already there are not written again)."""
    sha256 = hashlib.sha256(body).hexdigest()
    folder = root / site_directory_name(site) / sha256[:2]
    existing = next(iter(sorted(folder.glob(f"{sha256}.*"))), None) if folder.is_dir() else None
    if existing is not None and existing.suffix != PART_SUFFIX:
        return StoredFile(sha256, len(body), existing.relative_to(root).as_posix())
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{sha256}.{extension}"
    part = final.with_name(final.name + PART_SUFFIX)
    with open(part, "wb") as handle:
        handle.write(body)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(part, final)
    return StoredFile(sha256, len(body), final.relative_to(root).as_posix())


def remove_partial_files(root: Path, site: str) -> int:
    """Delete the ``.part`` files a killed crawl left in the site's store; how many."""
    folder = root / site_directory_name(site)
    removed = 0
    for part in folder.glob(f"*/*{PART_SUFFIX}") if folder.is_dir() else ():
        part.unlink(missing_ok=True)
        removed += 1
    return removed


def file_digest(path: Path) -> str | None:
    """The sha256 of the file at ``path`` (read in chunks), None when it is missing."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except FileNotFoundError:
        return None
    return digest.hexdigest()


def store_problems(root: Path, files: list[dict]) -> list[str]:
    """Each stored file (``path``, ``sha256``, ``bytes`` of its ``media`` rows) hashed again:
    one line per file missing or whose bytes are not the recorded ones."""
    problems = []
    for entry in files:
        path = root / entry["path"]
        digest = file_digest(path)
        if digest is None:
            problems.append(f"{path}: missing")
        elif digest != entry["sha256"]:
            problems.append(f"{path}: sha256 {digest}, recorded {entry['sha256']}")
    return problems
