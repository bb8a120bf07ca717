"""The bytes of the sample forum's pictures and attachments, for crawls with ``--media``.

Deterministic: a file's bytes follow from its path alone, and an attachment is as long as
the size its widget shows (``size_kb``). An attached picture answers the same bytes under
its file path and its download link (``forum.php?mod=attachment&aid=…``, 6.x/7.x
``attachment.php?aid=N``, MyBB's too; served as XenForo ``attachments/N/``, as vBulletin
``attachment.php?attachmentid=N``, as phpBB ``download/file.php?id=N``, as SMF
``index.php?action=dlattach;attach=N``): one file, two URLs; NodeBB serves its uploads under
``assets/uploads/files/`` in front of the path. Any other attached file answers a
guest's download link with what the engine tells a guest who may not download (Discuz's "log
in first" message; the other engines' in their own modules); its file path (which pages never
show) answers the bytes. The smiley-sized logo is a small PNG; every picture
begins with a real one (:func:`file_bytes`).
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
import zlib
from urllib.parse import parse_qs, unquote, urlsplit

from forum_harvest.sample_forum.engine_shows import NODEBB_UPLOADS
from forum_harvest.sample_forum.model import Attachment, SampleForum

LOGO_PATH = "static/image/common/logo.png"
LOGO_BYTES = 2048
CONTENT_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif"}
DOWNLOAD_SCRIPTS = ("/forum.php", "/attachment.php")
INVISION_ATTACHMENT = "/applications/core/interface/file/attachment.php"
XENFORO_ATTACHMENT = re.compile(r"^/attachments/(?:[^/]*\.)?(?P<aid>\d+)/?$")
SMF_ATTACHMENT = re.compile(r"^action=dlattach;attach=(?P<aid>\d+)(?:;image)?$")  # index.php's query


def file_bytes(key: str, size: int) -> bytes:
    """``size`` bytes that follow from ``key``. A picture key's (``.png``, ``.jpg``…) begin
    with a whole small PNG of one colour, so a browser shows it (browsers tell a picture's
    format from its bytes, whatever its name says; what follows the PNG's end is ignored)."""
    seed = hashlib.sha256(key.encode()).digest()
    head = solid_png(seed[:3]) if key.rsplit(".", 1)[-1].lower() in CONTENT_TYPES else b""
    return (head + seed * (size // len(seed) + 1))[:max(size, len(head))]


def solid_png(rgb: bytes, side: int = 16) -> bytes:
    """A ``side``×``side`` PNG of the colour ``rgb``."""
    rows = b"".join(b"\x00" + rgb * side for _ in range(side))  # filter type 0 per row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def attachment_bytes(attachment: Attachment) -> bytes:
    return file_bytes(attachment.path, int(attachment.size_kb * 1024))


def attachment_by_aid(forum: SampleForum, aid: int | None) -> Attachment | None:
    return next((attachment for attachment in forum.attachments() if attachment.aid == aid), None)


def download_aid(path: str, query: str) -> int | None:
    """The aid of a download link: X's token (``aid|…`` in base64), 6.x/7.x's (and MyBB's)
    number, or the number in XenForo's, vBulletin's, phpBB's or SMF's link."""
    params = parse_qs(query.replace("&amp;", "&"))
    if match := XENFORO_ATTACHMENT.match(path):
        return int(match["aid"])
    if path == "/attachment.php" and params.get("attachmentid", [""])[0].isdigit():
        return int(params["attachmentid"][0])
    if path in ("/download/file.php", INVISION_ATTACHMENT) and params.get("id", [""])[0].isdigit():  # phpBB, Invision
        return int(params["id"][0])
    if path == "/index.php" and (match := SMF_ATTACHMENT.match(query)):
        return int(match["aid"])
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
    path = parts.path.lstrip("/").removeprefix(NODEBB_UPLOADS)
    if path == LOGO_PATH:
        return file_bytes(LOGO_PATH, LOGO_BYTES), "image/png", "logo.png"
    aid = download_aid(parts.path, parts.query)
    for attachment in forum.attachments():
        by_link = aid == attachment.aid and attachment.is_image
        if by_link or path == attachment.path:
            return attachment_bytes(attachment), content_type(attachment.filename), attachment.filename
    return None
