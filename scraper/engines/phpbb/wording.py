"""The words and time shapes phpBB prints (English language pack, 2.0 to 3.3; facts from
``language/en/viewtopic.php``, ``language/en/common.php`` and ``phpbb\\user::format_date``).

- Edit notice, outside the message (``div.notice`` in prosilver, a ``span.gensmall`` line in
  subsilver2 and 2.0): 3.x ``Last edited by X on T, edited N time(s) in total.`` with an optional
  ``Reason: …`` line; 2.0 ``Last edited by X on T; edited N time(s) in total``.
- Times: the member's date format, for a guest the board's (install default ``D M d, Y g:i a``:
  ``Sun Dec 06, 2026 8:45 pm``; the other offered formats ``d M Y, H:i``, ``d M Y H:i``,
  ``M jS, 'y, H:i``, ``F jS, Y, g:i a``; the relative ``|d M Y|`` ones print ``Today, 20:45``,
  ``Yesterday, 20:45``, and 3.1+ ``less than a minute ago``, ``N minutes ago`` in the last hour).
  3.2+ wraps a post's time in ``<time datetime="ISO 8601">``, which wins.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from scraper.engines.base import Wording

EDIT_NOTICES = (
    re.compile(r"Last edited by\s+(?P<author>.{1,60}?)\s+on\s+(?P<time>.{1,60}?)\s*[,;]\s*edited\s+\d+\s+times?"
               r"\s+in\s+total", re.I),
)
_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for name in names}
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_CLOCK = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ampm>[ap]\.?m\.?))?(?![a-z])"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>\d{4}|'\d{2})"
_SHAPES = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR},?\s+{_CLOCK}", re.I),  # Dec 06, 2026 8:45 pm
    re.compile(rf"\b{_DAY}\s+{_MONTH}\s+{_YEAR},?\s+{_CLOCK}", re.I),  # 06 Dec 2026, 20:45
)
_DAY_WORD = re.compile(rf"\b(?P<word>today|yesterday|tomorrow),?\s+{_CLOCK}", re.I)
_MINUTES_AGO = re.compile(r"\b(?:(?P<n>\d+)\s+minutes?|(?P<less>less than a minute))\s+ago\b", re.I)
_DAY_OFFSET = {"today": 0, "yesterday": -1, "tomorrow": 1}


def _clock(match: re.Match) -> tuple[int, int, int] | None:
    hour, minute, second = int(match["h"]), int(match["mi"]), int(match["s"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ampm"][0].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _absolute(match: re.Match) -> tuple[datetime, str] | None:
    clock = _clock(match)
    year = match["y"]
    year = 2000 + int(year[1:]) if year.startswith("'") else int(year)
    try:
        moment = datetime(year, _MONTHS[match["mon"].lower()], int(match["d"]), *clock) if clock else None
    except ValueError:
        return None
    return (moment, "second" if match["s"] else "minute") if moment else None


def parse_time(text: str | None, attr: str | None, fetched_at: datetime,
               tz: str) -> tuple[datetime | None, str | None]:
    """(UTC datetime, precision) of a phpBB time; ``attr`` (``<time datetime>``) wins. A shape
    with impossible fields is unreadable, never guessed."""
    if attr:
        try:
            moment = datetime.fromisoformat(attr.strip())
            if moment.tzinfo is not None:
                return moment.astimezone(UTC), "second"
        except ValueError:
            pass
    text = " ".join((text or "").split())
    if not text:
        return None, None
    zone = ZoneInfo(tz)
    for shape in _SHAPES:
        match = shape.search(text)
        if match:
            found = _absolute(match)
            if found is None:
                return None, None
            return found[0].replace(tzinfo=zone).astimezone(UTC), found[1]
    now = fetched_at.astimezone(zone)
    match = _DAY_WORD.search(text)
    if match:
        clock = _clock(match)
        if clock is None:
            return None, None
        day = now + timedelta(days=_DAY_OFFSET[match["word"].lower()])
        local = day.replace(hour=clock[0], minute=clock[1], second=clock[2], microsecond=0)
        return local.astimezone(UTC), "second" if match["s"] else "minute"
    match = _MINUTES_AGO.search(text)
    if match:
        minutes = 0 if match["less"] else int(match["n"])
        moment = (now - timedelta(minutes=minutes)).replace(second=0, microsecond=0)
        return moment.astimezone(UTC), "minute"
    return None, None


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=None, banned=None, parse_time=parse_time)
