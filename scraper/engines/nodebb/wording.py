"""What NodeBB prints. Its answers give every time as an epoch in milliseconds and as ISO 8601
in UTC (``timestampISO``, ``editedISO``, ``lastposttimeISO``), which ``shown_times`` reads; the
edit notice is the one the reader writes from ``editor`` and ``editedISO`` (the page prints
"last edited by alice" with the time in a ``span.timeago[title]``); a deleted post is served
to a guest as the translation key ``[[topic:post-is-deleted]]`` (the JSON) or its text,
"This post is deleted!" (``public/language/en-GB/topic.json``)."""

from __future__ import annotations

import re
from datetime import datetime

from scraper.engines import shown_times
from scraper.engines.base import Wording

EDIT_NOTICE = "Last edited{by}: {time}"  # by: " by alice", or nothing when the answer names no editor
EDIT_NOTICES = (re.compile(r"Last edited(?: by (?P<author>.+?))?: (?P<time>\S+)\s*$"),)
HIDDEN = re.compile(r"\[\[topic:post-is-deleted\]\]|This post is deleted!")


def parse_time(text: str | None, attr: str | None, fetched_at: datetime, tz: str) -> tuple[datetime | None, str | None]:
    """The edit notice's ISO time, given as text, is read as the machine-readable form it is."""
    return shown_times.parse_time(text, attr or text, fetched_at, tz)


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=HIDDEN, banned=None, parse_time=parse_time)
