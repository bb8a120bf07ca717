"""The bytes of the sample forum's pictures and attachments, for crawls with ``--media``.

Deterministic: a file's bytes follow from its path alone, and an attachment is as long as
the size its widget shows (``size_kb``). An attached picture answers the same bytes under
its file path and its download link (``forum.php?mod=attachment&aid=…``, 6.x/7.x
``attachment.php?aid=N``): one file, two URLs. Any other attached file answers a guest's
download link with Discuz's "log in first" message, as most sites do; its file path (which
pages never show) answers the bytes. The smiley-sized logo is a small PNG.
"""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, unquote, urlsplit

from forum_harvest.sample_forum.model import Attachment, SampleForum

LOGO_PATH = "static/image/common/logo.png"
LOGO_BYTES = 2048
CONTENT_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif"}
DOWNLOAD_SCRIPTS = ("/forum.php", "/attachment.php")


def file_bytes(key: str, size: int) -> bytes:
    """``size`` bytes that follow from ``key`` (a PNG signature first for a picture key)."""
    seed = hashlib.sha256(key.encode()).digest()
    head = b"\x89PNG\r\n\x1a\n" if key.endswith(".png") else b""
    return (head + seed * (size // len(seed) + 1))[:size]


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def attachment_bytes(attachment: Attachment) -> bytes:
    return file_bytes(attachment.path, int(attachment.size_kb * 1024))


def attachments_of(forum: SampleForum) -> list[Attachment]:
    return [attachment for post in forum.posts for attachment in post.attachments]


def download_aid(path: str, query: str) -> int | None:
    """The aid of a download link: X's token (``aid|…`` in base64) or 6.x/7.x's number."""
    params = parse_qs(query.replace("&amp;", "&"))
    if path not in DOWNLOAD_SCRIPTS or (path == "/forum.php" and params.get("mod") != ["attachment"]):
        return None
    value = unquote(params.get("aid", [""])[0])
    if value.isdigit():
        return int(value)
    try:
        first = base64.b64decode(value + "=" * (-len(value) % 4)).decode().split("|", 1)[0]
    except (ValueError, UnicodeDecodeError):
        return None
    return int(first) if first.isdigit() else None


def media_file(forum: SampleForum, target: str) -> tuple[bytes, str, str] | None:
    """(bytes, content type, file name) answering ``target``; None when it names no file, or
    names an attached file a guest may not download (the caller answers the message page)."""
    parts = urlsplit(target)
    path = parts.path.lstrip("/")
    if path == LOGO_PATH:
        return file_bytes(LOGO_PATH, LOGO_BYTES), "image/png", "logo.png"
    aid = download_aid(parts.path, parts.query)
    for attachment in attachments_of(forum):
        by_link = aid == attachment.aid and attachment.is_image
        if by_link or path == attachment.path:
            return attachment_bytes(attachment), content_type(attachment.filename), attachment.filename
    return None
