"""phpBB 3.x attachments (prosilver ``attachment.html``): ``dl.attachbox`` below the message
and ``div.inline-attachment`` in it hold one ``dl`` each:

- a file: ``dl.file > dt > a.postlink`` (the name) and ``dd`` ``(12.3 KiB) Downloaded 3 times``;
- a picture shown whole: ``dl.file > dt.attach-image > img.postimage`` and ``dd``
  ``name (12.3 KiB) Viewed 3 times`` (the ``alt`` is the comment when there is one);
- a thumbnail: ``dl.thumbnail > dt > a[href] > img[title="name (12.3 KiB) Viewed 3 times"]``.

subsilver2 (3.0) lists them in a ``table.tablebg`` after the message (a ``td.row3``
"Attachments:" then one cell each): a file ``a[href*=download/file.php]`` (the name) "[1.2 MiB]"
and "Downloaded 3 times"; a thumbnail that link around ``img[alt=name]``, a picture shown whole
``img[src*=download/file.php][alt=name]``, both then "name [ 245.3 KiB | Viewed 12 times ]".

A denied download (``[You do not have the required permissions…]``) names no file: no record.
phpBB 2.x has no attachments."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from pipeline.attachment_record import Attachment, shown_count, shown_size
from pipeline.attachment_readers.widgets import Found, TimeOf, text

_DOWNLOAD = re.compile(r"download/file\.php\?(?:.*&)?id=\d+")
_NAME_BEFORE_SIZE = re.compile(r"^(.*?)\s*\(\s*\d+(?:\.\d+)?\s*[A-Za-z]+\s*\)")


def _classes(tag: Tag) -> set[str]:
    return set(tag.get("class") or ())


def _name_before_size(shown: str) -> str | None:
    match = _NAME_BEFORE_SIZE.match(shown)
    return match[1] or None if match else None


def _record(box: Tag) -> tuple[Attachment, Tag | None] | None:
    link = box.select_one("dt a.postlink, dt a[href]")
    picture = box.select_one("dt img.postimage")
    if "thumbnail" in _classes(box) and link is not None and picture is not None:
        shown = picture.get("title") or ""
        return Attachment(_name_before_size(shown), link.get("href"), shown_size(shown), shown_count(shown)), picture
    details = " ".join(text(dd) for dd in box.find_all("dd", recursive=False))
    if picture is not None:
        return Attachment(_name_before_size(details) or picture.get("alt"), picture.get("src"),
                          shown_size(details), shown_count(details)), picture
    if link is None:
        return None
    return Attachment(text(link) or None, link.get("href"), shown_size(details), shown_count(details)), None


def _subsilver2(cell: Tag) -> Found | None:
    """One cell of subsilver2's attachment table."""
    link = cell.find("a", href=_DOWNLOAD)
    picture = cell.find("img", src=_DOWNLOAD)
    if link is None and picture is None:
        return None
    name = (picture.get("alt") if picture is not None else text(link)) or None
    details = text(cell).replace(name or "\x00", " ")
    url = link.get("href") if link is not None else picture.get("src")
    return [cell], Attachment(name, url, shown_size(details), shown_count(details)), picture


def read(soup: BeautifulSoup, time_of: TimeOf) -> list[Found]:
    found: list[Found] = [widget for cell in soup.select("table.tablebg td:not(.row3)")
                          if (widget := _subsilver2(cell)) is not None]
    for box in soup.find_all("dl", class_=["file", "thumbnail"]):
        read_box = _record(box)
        if read_box is None:
            continue
        attachment, picture = read_box
        holder = box.parent if box.parent is not None and "inline-attachment" in _classes(box.parent) else box
        found.append(([holder], attachment, picture))
    return found
