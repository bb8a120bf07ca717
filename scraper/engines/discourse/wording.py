"""What Discourse prints. Its JSON gives every time as ISO 8601 with an offset
(``created_at``, ``updated_at``), which ``shown_times`` reads; the edit notice is the one the
reader writes from ``updated_at`` when a post's ``version`` is above 1 (Discourse shows an
edit-history pencil, no sentence)."""

from __future__ import annotations

import re
from datetime import datetime

from scraper.engines import shown_times
from scraper.engines.base import Wording

EDIT_NOTICE = "Last edited: {time}"
EDIT_NOTICES = (re.compile(r"Last edited(?: by (?P<author>[^:]+?))?\s*:\s*(?P<time>\S+)\s*$"),)
# The stand-ins Discourse serves for a post a guest may not read or that was deleted.
HIDDEN = re.compile(r"\(post (?:deleted|withdrawn) by author|This post was flagged by the community and is "
                    r"temporarily hidden", re.I)



def parse_time(text: str | None, attr: str | None, fetched_at: datetime, tz: str) -> tuple[datetime | None, str | None]:
    """An ISO time given as text (the edit notice's) is read as the machine-readable form it is."""
    return shown_times.parse_time(text, attr or text, fetched_at, tz)


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=HIDDEN, banned=None, parse_time=parse_time)
