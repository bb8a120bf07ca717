"""One attachment as a page shows it, whatever engine printed it, and what every engine's
reader shares: the record (``Attachment``), the shapes sizes and counts are printed in, and
how a widget is taken out of a message (one placeholder where a file stood; a picture's
widget leaves its picture, which ``pipeline.clean`` makes the picture placeholder)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from bs4 import NavigableString, Tag

ATTACHMENT_PLACEHOLDER = "[附件]"
# "28.02 KB", "1.2 KiB", "312 Bytes": the number and its unit (phpBB prints KiB/MiB).
SIZE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(Bytes|KiB|MiB|GiB|KB|MB|GB|TB|K|M|G|B)\b", re.I)
# "下载次数: 3", "Downloads: 3", "Views: 3", "Downloaded 3 times", "3 views", "Not downloaded yet".
_COUNTS = (
    re.compile(r"(?:下载次数|下載次數|downloads?|views?|hits?)\s*[:：]\s*(\d[\d,]*)", re.I),
    re.compile(r"\b(?:downloaded|viewed)\s+(\d[\d,]*)\s+times?\b", re.I),
    re.compile(r"(?<![\w.])(\d[\d,]*)\s+(?:views?|downloads?)\b", re.I),
)
_BLOCKS = frozenset({"div", "dl", "fieldset", "li", "p", "section", "table", "ul"})  # a line of their own
_NEVER_COUNTED = re.compile(r"\bnot (?:downloaded|viewed) yet\b", re.I)


@dataclass(frozen=True)
class Attachment:
    """One attachment as the page shows it. ``size`` is the text shown (``28.02 KB``);
    ``uploaded_at`` ISO 8601 UTC; ``needs_login``: a read permission or a login link guards
    it; ``needs_credits``: a price or download credits."""

    name: str | None
    url: str | None
    size: str | None = None
    downloads: int | None = None
    uploaded_at: str | None = None
    needs_login: bool = False
    needs_credits: bool = False

    def record(self) -> dict:
        return asdict(self)


def shown_size(text: str) -> str | None:
    """The first size in ``text``, as ``number unit``."""
    size = SIZE.search(text)
    return f"{size[1]} {size[2]}" if size else None


def shown_count(text: str) -> int | None:
    """The download (or view) count in ``text``; 0 for "Not downloaded yet"."""
    for pattern in _COUNTS:
        if count := pattern.search(text):
            return int(count[1].replace(",", ""))
    return 0 if _NEVER_COUNTED.search(text) else None


def take_widget(nodes: list, picture: Tag | None, placeholder: str, keep_block: bool = False) -> None:
    """Take one widget (its nodes, the first where it stands) out of its message: a file's
    becomes ``placeholder``, a picture's leaves only the picture. ``keep_block``: a widget
    printed as a block (phpBB's ``div.inline-attachment``) leaves a ``div`` around what stays,
    so it keeps a line of its own."""
    stays = NavigableString(placeholder) if picture is None else picture.extract() if picture is not nodes[0] else None
    if stays is not None and keep_block and isinstance(nodes[0], Tag) and nodes[0].name in _BLOCKS:
        block = Tag(name="div")
        block.append(stays)
        stays = block
    if stays is not None:
        nodes[0].replace_with(stays)
    for node in nodes[1:]:
        if node is not picture:
            node.extract()
