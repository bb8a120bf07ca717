"""vBulletin attachments. 3.x prints ``fieldset.fieldset`` boxes below the message ("Attached
Thumbnails", "Attached Images", "Attached Files": a table row per file), 4.x
``div.attachments > fieldset > ul > li``; a file is ``a[href*="attachment.php?attachmentid="]``
(its name) followed by ``(12.3 KB, 45 views)``; a thumbnail is that link around an
``img.thumbnail`` whose ``alt`` is "Click image for larger version. Name: x.jpg Views: 12
Size: 45.6 KB ID: 77"; a picture shown whole is ``img[src*="attachmentid="]``. 5.x links
``filedata/fetch?id=N``. In the message (``[ATTACH]``) the same link or picture stands alone."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from pipeline.attachment_record import Attachment, shown_count, shown_size
from pipeline.attachment_readers.widgets import Found, TimeOf, attachment_tags, file_link, link_picture

_ATTACHMENT = re.compile(r"attachment\.php\?(?:.*&)?attachmentid=\d+|filedata/fetch\?(?:.*&)?id=\d+", re.I)
_NAME_IN_ALT = re.compile(r"Name:\s*(.+?)\s*(?:Views:|Size:|ID:|$)", re.S)


def _name_in(picture: Tag) -> str | None:
    shown = picture.get("alt") or picture.get("title") or ""
    match = _NAME_IN_ALT.search(shown)
    return match[1] if match else shown.strip() or None


def _picture(nodes: list, picture: Tag, url: str | None) -> Found:
    shown = " ".join(picture.get(attr) or "" for attr in ("alt", "title"))
    return nodes, Attachment(_name_in(picture), url, shown_size(shown), shown_count(shown)), picture


def _link(link: Tag) -> Found | None:
    picture = link_picture(link)
    if picture is not None:
        return _picture([link], picture, link.get("href"))
    return file_link(link)


def read(soup: BeautifulSoup, time_of: TimeOf) -> list[Found]:
    found = [_link(tag) if tag.name == "a" else _picture([tag], tag, tag.get("src"))
             for tag in attachment_tags(soup, _ATTACHMENT)]
    return [widget for widget in found if widget is not None]
