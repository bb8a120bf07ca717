"""NodeBB uploads, in the rendered message: the composer writes an uploaded file as
``[name](/assets/uploads/files/…)`` and an uploaded picture as ``![name](…)``
(``nodebb-plugin-composer-default``, ``static/lib/composer/uploads.js``), rendered as a plain
``a[href]`` with the name and an ``img.img-markdown[alt]``. The upload folder is
``upload_url`` (``/assets/uploads`` unless configured; in a folder install, under its path).
NodeBB prints no size, download count or upload time."""

from __future__ import annotations

from bs4 import BeautifulSoup

from pipeline.attachment_record import Attachment
from pipeline.attachment_readers.widgets import Found, TimeOf, text

UPLOADS = "/assets/uploads/files/"


def read(soup: BeautifulSoup, time_of: TimeOf) -> list[Found]:
    found: list[Found] = []
    for tag in soup.find_all(["a", "img"]):
        url = tag.get("href" if tag.name == "a" else "src") or ""
        if UPLOADS not in url:
            continue
        if tag.name == "a" and not tag.find("img"):
            found.append(([tag], Attachment(text(tag) or None, url), None))
        elif tag.name == "img":
            found.append(([tag], Attachment(tag.get("alt") or None, url), tag))
    return found
