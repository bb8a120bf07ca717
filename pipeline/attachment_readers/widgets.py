"""What every engine's attachment reader hands back, and the small readings of a widget's
markup they share."""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import BeautifulSoup, NavigableString, Tag

from pipeline.attachment_record import Attachment

# A widget's nodes (the first where it stands), its record, and its picture (None: a file).
Found = tuple[list, Attachment, Tag | None]
TimeOf = Callable[[str | None], str | None]  # a time as shown -> ISO 8601 UTC, None if unread
Reader = Callable[[BeautifulSoup, TimeOf], list[Found]]

_BRACKETED = re.compile(r"^\s*\(.*?\)\.?", re.S)


def text(node: Tag | NavigableString | None) -> str:
    """The node's text, its spaces (NBSP too) made one."""
    if node is None:
        return ""
    raw = str(node) if isinstance(node, NavigableString) else node.get_text(" ")
    return " ".join(raw.replace("\u00a0", " ").split())


def bracket_after(tag: Tag) -> NavigableString | None:
    """The ``(12.3 KB, 45 views)`` printed right after a link, when it is there."""
    after = tag.next_sibling
    return after if isinstance(after, NavigableString) and _BRACKETED.match(after) else None


def outermost(tags: list[Tag]) -> list[Tag]:
    """``tags`` without those inside another of them, in document order."""
    chosen = {id(tag) for tag in tags}
    return [tag for tag in tags if not any(id(parent) in chosen for parent in tag.parents)]


def link_picture(link: Tag) -> Tag | None:
    return link.find("img") if link.name == "a" else None
