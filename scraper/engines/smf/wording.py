"""What SMF prints around messages, in its English language pack (``Themes/default/
languages/index.english.php``: ``today``/``yesterday`` ``<strong>Today</strong> at ``,
``quote_from`` ``Quote from``, ``last_edit`` ``Last Edit``, ``reason``).

Times come from ``timeformat()`` (``Sources/Subs.php``): the member's or forum's
``time_format`` (strftime: 2.1's default ``%b %d, %Y, %I:%M %p`` → ``Dec 06, 2026, 04:01
PM``; 2.0's ``%B %d, %Y, %I:%M:%S %p``), and with ``todayMod`` ``Today at 04:01 PM`` /
``Yesterday at …``, in the member's (a guest: the forum's ``default_timezone``) zone. 2.1's
header prints ``<time datetime="…Z">`` for the page's clock.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from scraper.engines.base import Wording
from scraper.engines.time_shapes import clock_of, local_to_utc, month_number, zone_of

EDIT_NOTICES = (
    re.compile(r"Last Edit:\s*(?P<time>.+?)\s+by\s+(?P<author>.+?)(?:\s+Reason:.*)?\s*»?\s*$"),
)
QUOTE_HEADER = re.compile(r"^\s*Quote from:\s*(?P<author>.+?)(?:\s+on\s+(?P<time>.+?))?\s*$")

_DAY_WORD = re.compile(r"\b(?P<word>Today|Yesterday)\b", re.I)
_WORDY = re.compile(r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
                    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?P<month2>[A-Za-z]{3,9})\.?,?\s+(?P<year2>\d{4})")
_NUMERIC = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
                      r"|(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year2>\d{4})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})")


def _day(text: str) -> tuple[int, int, int] | None:
    found = _WORDY.search(text)
    if found:
        month = month_number(found["month"] or found["month2"])
        if month:
            return int(found["year"] or found["year2"]), month, int(found["day"] or found["day2"])
    found = _NUMERIC.search(text)
    if found and found["year"]:
        return int(found["year"]), int(found["month"]), int(found["day"])
    if found:  # d/m/Y or m/d/Y: month first unless it cannot be one
        a, b = int(found["a"]), int(found["b"])
        return (int(found["year2"]), b, a) if a > 12 else (int(found["year2"]), a, b)
    return None


def _one(text: str, fetched_at: datetime, zone) -> tuple[datetime, str] | None:
    if _ISO.fullmatch(text):
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return moment.astimezone(UTC), "second" if text.count(":") >= 2 else "minute"
    clock = clock_of(text)
    word = _DAY_WORD.search(text)
    if word:
        day = fetched_at.astimezone(zone).date()
        if word["word"].lower() == "yesterday":
            day -= timedelta(days=1)
        return local_to_utc(day, clock, zone)
    day = _day(text)
    return local_to_utc(day, clock, zone) if day else None


def parse_time(text: str | None, attr: str | None, fetched_at: datetime,
               tz: str) -> tuple[datetime | None, str | None]:
    """(UTC datetime, precision) of an SMF time; ``attr`` (an ISO ``datetime``) wins.
    ``tz``: an IANA name or a fixed offset ``-05:00``. (None, None) when unreadable."""
    if fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=UTC)
    zone = zone_of(tz)
    for candidate in (attr, text):
        if candidate and (parsed := _one(" ".join(candidate.split()), fetched_at, zone)):
            return parsed
    return None, None


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=None, banned=None, parse_time=parse_time)
