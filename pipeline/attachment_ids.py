"""An attachment's number in its download URL, in every engine's form (``attachment_id``).

It names one attachment of a site whatever URL a page printed for it: Discuz! X packs it in a
token that changes with every page view (``aid=base64(N|…)``), and the media stage asks for
each number once (``pipeline.media_stage``)."""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import parse_qs, urlsplit

# Engines whose download URL shows the number plainly (Discuz's and MyBB's ``aid=N`` are read
# from the query, as X's token is).
_NUMBERED = (
    re.compile(r"[?&;]attachmentid=(\d+)", re.I),  # vBulletin: attachment.php?attachmentid=N
    re.compile(r"download/file\.php\?(?:[^#]*&)?id=(\d+)", re.I),  # phpBB: download/file.php?id=N
    re.compile(r"[?&;]action=dlattach[;&](?:[^#]*[;&])?attach=(\d+)", re.I),  # SMF: action=dlattach;attach=N
    re.compile(r"/attachments/(?:[^/?#]*\.)?(\d+)/?(?:[?#]|$)", re.I),  # XenForo: attachments/name.N/
    re.compile(r"/interface/file/attachment\.php\?(?:[^#]*&)?id=(\d+)", re.I),  # Invision
)


def attachment_id(url: str | None) -> int | None:
    """The attachment's number in its URL: ``aid=N`` (Discuz, MyBB), the first field of X's
    packed ``aid=base64(N|…)``, vBulletin's ``attachmentid=N``, phpBB's
    ``download/file.php?id=N``, SMF's ``action=dlattach;…attach=N``, XenForo's
    ``attachments/name.N/``, Invision's ``applications/core/interface/file/attachment.php?id=N``;
    None when it shows none."""
    for pattern in _NUMBERED:
        if match := pattern.search(url or ""):
            return int(match[1])
    values = parse_qs(urlsplit(url or "").query).get("aid") or []
    if not values:
        return None
    value = values[0]
    if value.isdigit():
        return int(value)
    try:
        first = base64.b64decode(value + "=" * (-len(value) % 4), validate=False).decode("ascii").split("|")[0]
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return int(first) if first.isdigit() else None
