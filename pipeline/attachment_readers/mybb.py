"""MyBB 1.8 attachments (``postbit_attachments*`` templates), in a ``fieldset`` "Attached
Files" below the message, or in the message where ``[attachment=N]`` stands:

- a file: ``a[href="attachment.php?aid=N"][title=<upload time>]`` (the name), then
  ``(Size: 1.2 KB / Downloads: 3)``;
- a thumbnail: that link around ``img[src="attachment.php?thumbnail=N"]``, a picture shown
  whole ``img[src="attachment.php?aid=N"]``; their ``title`` "Filename: x.png⏎Size: 12 KB⏎<upload
  time>" (lines split by carriage returns)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from pipeline.attachment_record import Attachment, shown_size
from pipeline.attachment_readers.widgets import Found, TimeOf, attachment_tags, file_link, link_picture

_ATTACHMENT = re.compile(r"attachment\.php\?(?:.*&)?(?:aid|thumbnail)=\d+", re.I)
_FILENAME = re.compile(r"^Filename:\s*(.+)$", re.I)


def _picture(nodes: list, picture: Tag, url: str | None, time_of: TimeOf) -> Found:
    lines = [line.strip() for line in re.split(r"[\r\n]+", picture.get("title") or "") if line.strip()]
    name = next((match[1] for line in lines if (match := _FILENAME.match(line))), None)
    uploaded = lines[2] if len(lines) > 2 else None
    joined = " ".join(lines[1:2])
    return nodes, Attachment(name, url, shown_size(joined), None, time_of(uploaded)), picture


def _link(link: Tag, time_of: TimeOf) -> Found | None:
    picture = link_picture(link)
    if picture is not None:
        return _picture([link], picture, link.get("href"), time_of)
    return file_link(link, time_of(link.get("title") or None))


def read(soup: BeautifulSoup, time_of: TimeOf) -> list[Found]:
    found = [_link(tag, time_of) if tag.name == "a" else _picture([tag], tag, tag.get("src"), time_of)
             for tag in attachment_tags(soup, _ATTACHMENT)]
    return [widget for widget in found if widget is not None]
