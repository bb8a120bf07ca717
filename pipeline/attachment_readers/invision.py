"""Invision Community attachments, placed in the message by the editor (4.x
``system/Text/Parser.php``, 3.x posts converted by ``system/Text/LegacyParser.php``; see
docs/engines/invision.md):

- a file: ``a[href*="applications/core/interface/file/attachment.php?id=N"]`` (class
  ``ipsAttachLink`` from 4.x's editor) named after the file;
- a picture: ``a.ipsAttachLink.ipsAttachLink_image`` (the full picture in the uploads store)
  around ``img.ipsImage[data-fileid]`` (its thumbnail; the ``alt`` is the file's name), or that
  ``img`` alone.

Invision prints no size, download count or upload time beside them."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from pipeline.attachment_record import Attachment
from pipeline.attachment_readers.widgets import Found, TimeOf, outermost, text

_FILE = re.compile(r"applications/core/interface/file/attachment\.php\?(?:.*&)?id=\d+")


def _is_widget(tag: Tag) -> bool:
    if tag.name == "a":
        return bool(_FILE.search(tag.get("href") or "")) or "ipsAttachLink_image" in (tag.get("class") or ())
    return tag.name == "img" and "ipsImage" in (tag.get("class") or ()) and tag.has_attr("data-fileid")


def _found(tag: Tag) -> Found | None:
    picture = tag if tag.name == "img" else tag.find("img")
    if picture is not None:
        name = (picture.get("alt") or picture.get("title") or "").strip() or None
        return [tag], Attachment(name, tag.get("href") or picture.get("src")), picture
    name = text(tag)
    return ([tag], Attachment(name, tag.get("href")), None) if name else None


def read(soup: BeautifulSoup, time_of: TimeOf) -> list[Found]:
    widgets = outermost([tag for tag in soup.find_all(["a", "img"]) if _is_widget(tag)])
    return [found for found in map(_found, widgets) if found is not None]
