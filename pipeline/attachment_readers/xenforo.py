"""XenForo attachments. Listed below the message: 2.x ``section.message-attachments >
ul.attachmentList > li.file`` (``span.file-name``, ``a.file-preview[href]``, its thumbnail
``img``, ``div.file-meta`` "12.3 KB · Views: 45"); 1.x ``div.attachedFiles >
ul.attachmentList > li.attachment`` (``h6.filename a``, ``div.thumbnail img``, ``dl`` "File
size: 12.3 KB", "Views: 45"). Placed in the message: a picture is ``a[href*=attachments/] > img``
(2.1+: ``div.bbImageWrapper[data-src*=attachments/] > img``), its name the ``alt``/``title``;
a file is a link "View attachment 123", which names no file. XenForo prints no upload time."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from pipeline.attachment_record import Attachment, shown_count, shown_size
from pipeline.attachment_readers.widgets import Found, TimeOf, link_picture, text

_ATTACHMENT = re.compile(r"(?:^|/|\?)attachments/[^/?#]*?\.?\d+/?(?:$|[?#])")
_NO_NAME = re.compile(r"^View attachment \S+$", re.I)


def _listed(item: Tag) -> Found | None:
    link = item.select_one("a.file-preview[href], h6.filename a[href], a[href]")
    name = item.select_one("span.file-name, h6.filename")
    if link is None:
        return None
    details = " ".join(text(meta) for meta in item.select("div.file-meta, dl"))
    named = (name.get("title") or text(name)) if name is not None else None
    return [item], Attachment(named or item.get("title") or None, link.get("href"), shown_size(details),
                              shown_count(details)), item.find("img")


def _placed(tag: Tag) -> Found | None:
    picture = link_picture(tag) if tag.name == "a" else tag.find("img")
    if picture is not None:
        name = picture.get("alt") or picture.get("title") or tag.get("title") or ""
        return [tag], Attachment(name.strip() or None, tag.get("href") or tag.get("data-src")), picture
    shown = text(tag)
    if not shown:
        return None
    return [tag], Attachment(None if _NO_NAME.match(shown) else shown, tag.get("href")), None


def _widget(tag: Tag, listed: set[int]) -> Found | None:
    if id(tag) in listed:
        return _listed(tag)
    if (tag.name == "a" and _ATTACHMENT.search(tag.get("href") or "")) or (
            "bbImageWrapper" in (tag.get("class") or ()) and _ATTACHMENT.search(tag.get("data-src") or "")):
        return _placed(tag)
    return None


def read(soup: BeautifulSoup, time_of: TimeOf) -> list[Found]:
    found: list[Found] = []
    listed = {id(item) for item in soup.select("ul.attachmentList > li")}
    taken: set[int] = set()
    for tag in soup.find_all(True):
        if id(tag) in taken or (widget := _widget(tag, listed)) is None:
            continue
        found.append(widget)
        taken.update(id(inner) for inner in tag.find_all(True))
    return found
