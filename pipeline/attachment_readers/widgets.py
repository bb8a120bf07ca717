"""What every engine's attachment reader hands back, and the small readings of a widget's
markup they share."""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import BeautifulSoup, NavigableString, Tag

from pipeline.attachment_record import Attachment, shown_count, shown_size

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


def attachment_tags(soup: BeautifulSoup, address: re.Pattern[str]) -> list[Tag]:
    """Links to an attachment (``href`` matching ``address``) and pictures of one (``src``)
    not inside such a link, in document order."""
    return [tag for tag in soup.find_all(["a", "img"])
            if (tag.name == "a" and address.search(tag.get("href") or "")) or (
                tag.name == "img" and address.search(tag.get("src") or "") and not tag.find_parent("a", href=address))]


def link_picture(link: Tag) -> Tag | None:
    return link.find("img") if link.name == "a" else None


def file_link(link: Tag, uploaded_at: str | None = None) -> Found | None:
    """A link named after its file, with the ``(12.3 KB, 45 views)`` printed after it; None
    for a link naming nothing."""
    name = text(link) or None
    if name is None:
        return None
    after = bracket_after(link)
    details = text(after)
    return [link] + ([after] if after else []), Attachment(name, link.get("href"), shown_size(details),
                                                          shown_count(details), uploaded_at), None
