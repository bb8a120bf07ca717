"""The post a link names in its URL's fragment: thread lists link a thread's last post by its
id so (SMF ``#msg13``, vBulletin ``#post4521``), whatever the rest of the URL looks like."""

from __future__ import annotations

import re
from urllib.parse import urlsplit


def fragment_post(url: str, prefix: str) -> int | None:
    """N of a ``#{prefix}N`` fragment, else None."""
    found = re.fullmatch(rf"{re.escape(prefix)}(\d+)", urlsplit(url).fragment)
    return int(found[1]) if found else None
