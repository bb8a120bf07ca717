"""Discourse uploads, in the cooked message: a file is ``a.attachment[href]`` (the name; its
URL ``/uploads/short-url/…`` or ``/uploads/default/original/…``) followed by ``(123 KB)``; an
uploaded picture is ``div.lightbox-wrapper > a.lightbox[href]`` around its ``img`` and
``div.meta`` (``span.filename``, ``span.informations`` "800×600 45.6 KB"). Discourse prints no
download count or upload time in a message."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from pipeline.attachment_record import Attachment, shown_size
from pipeline.attachment_readers.widgets import Found, TimeOf, bracket_after, text


def _file(link: Tag) -> Found:
    after = bracket_after(link)
    return [link] + ([after] if after else []), Attachment(text(link) or None, link.get("href"),
                                                          shown_size(text(after))), None


def _lightbox(wrapper: Tag) -> Found | None:
    link = wrapper.find("a", class_="lightbox")
    picture = wrapper.find("img")
    if link is None or picture is None:
        return None
    name = text(wrapper.select_one("span.filename")) or link.get("title") or picture.get("alt") or None
    return [wrapper], Attachment(name, link.get("href"), shown_size(text(wrapper.select_one("span.informations")))), \
        picture


def read(soup: BeautifulSoup, time_of: TimeOf) -> list[Found]:
    found: list[Found | None] = []
    for tag in soup.find_all(["a", "div"]):
        if tag.name == "a" and "attachment" in (tag.get("class") or ()):
            found.append(_file(tag))
        elif tag.name == "div" and "lightbox-wrapper" in (tag.get("class") or ()):
            found.append(_lightbox(tag))
    return [widget for widget in found if widget is not None]
