"""SMF attachments (``Display.template.php``), in ``div.attachments`` below the message:

- 2.1 and later: one ``div.attached`` each, the picture in ``div.attachments_top``, then
  ``div.attachments_bot``: ``a[href*=action=dlattach]`` (clip icon, the name), ``<br>12.3 KB,
  600x400<br>Viewed 45 times`` (a file: ``Downloaded 45 times``);
- 2.0: the link to each file (the theme's clip icon ``icons/clip.gif``, then the name),
  ``(0.98 kB - downloaded 0 times.)`` after it, pictures as a thumbnail link (``…;image``)
  before it.

In the message (``[attach]``), a picture is ``a[href*=dlattach] > img`` and a file its link."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from pipeline.attachment_record import Attachment, shown_count, shown_size
from pipeline.attachment_readers.widgets import Found, TimeOf, file_link, link_picture, text

_DOWNLOAD = "action=dlattach"
_CLIP = re.compile(r"/icons/clip\.(?:gif|png)$")  # the icon before a file's name, not a picture of it


def _attached(box: Tag) -> Found | None:
    link = box.select_one(f"div.attachments_bot a[href*='{_DOWNLOAD}']")
    if link is None:
        return None
    details = text(link.parent)
    name = text(link) or None
    picture = box.select_one("div.attachments_top img")
    return [box], Attachment(name, link.get("href"), shown_size(details.replace(name or "\x00", " ")),
                             shown_count(details)), picture


def _link(link: Tag) -> Found | None:
    picture = link_picture(link)
    if picture is not None and not _CLIP.search(picture.get("src") or ""):
        return [link], Attachment(text(link) or picture.get("title") or None, link.get("href")), picture
    return file_link(link)


def read(soup: BeautifulSoup, time_of: TimeOf) -> list[Found]:
    found: list[Found] = []
    boxes = soup.find_all("div", class_="attached")
    for box in boxes:
        found += filter(None, [_attached(box)])
    inside = {id(link) for box in boxes for link in box.find_all("a")}
    listed = [link for link in soup.find_all("a", href=True) if _DOWNLOAD in link["href"] and id(link) not in inside]
    names = {text(link) for link in listed if text(link)}
    for link in listed:
        # 2.0's list shows a picture twice: its thumbnail link (``;image``), then its named link.
        if link["href"].endswith(";image") and link.find_parent("div", class_="attachments") and names:
            continue
        found += filter(None, [_link(link)])
    return found
