"""What MyBB 1.8 prints around posts, in its English language pack (``inc/languages/english``:
``global.lang.php`` ``today``/``yesterday``/``*_ago``, ``showthread.lang.php``
``postbit_edited``/``last_edited``, ``global.lang.php`` ``wrote``).

Times come from ``my_date()`` (``inc/functions.php``): the board's ``dateformat`` (default
``m-d-Y``) and ``timeformat`` (default ``h:i A``) joined by ``datetimesep`` (``, ``), or, when
relative dates are on (the default), ``<span title="DATE">Today</span>, TIME``/``Yesterday``
for the last two days and ``<span title="DATE, TIME">N hours ago</span>`` within 24 hours
(``Less than 1 minute ago``, ``1 minute ago``, ``N minutes ago``, ``1 hour ago``). The times
are in the board's (or member's) offset, which the page never states next to them; the
footer's ``Current time:`` shows the page's clock.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from scraper.engines.base import Wording
from scraper.engines.time_shapes import clock_of, local_to_utc, month_number, zone_of

EDIT_NOTICES = (
    re.compile(r"This post was last modified:\s*(?P<time>.+?)\s+by\s+(?P<author>.+?)\.?\)?\s*$"),
)
# "bob Wrote:" in a quote's <cite>: the word after the name, per language pack.
QUOTE_WROTE = re.compile(r"\s*(?:Wrote:|wrote:)\s*$")

_NUMERIC_DATE = re.compile(r"(?P<a>\d{1,4})(?P<sep>[-./])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})")
_WORDY_DATE = re.compile(
    r"(?:[A-Za-z]+,\s*)?(?:(?P<month1>[A-Za-z]+)\s+(?P<day1>\d{1,2})(?:st|nd|rd|th)?|"
    r"(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month2>[A-Za-z]+)),?\s+(?P<year>\d{4})")
_DAY_WORD = re.compile(r"(?P<word>Today|Yesterday)\b", re.I)
_AGO = re.compile(r"(?P<less>Less than )?(?P<n>\d+)\s+(?P<unit>second|minute|hour)s?\s+ago", re.I)


def _date_of(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) from a numeric or worded date. Numeric dates are read month first
    (MyBB's default ``m-d-Y``, and ``m.d.Y``) unless the first number cannot be a month, or
    the year comes first (``Y-m-d``)."""
    found = _NUMERIC_DATE.search(text)
    if found:
        a, b, c = int(found["a"]), int(found["b"]), int(found["c"])
        if len(found["a"]) == 4:
            return a, b, c
        year = c + 2000 if c < 100 else c
        return (year, b, a) if a > 12 else (year, a, b)
    found = _WORDY_DATE.search(text)
    if found:
        month = month_number(found["month1"] or found["month2"] or "")
        if month:
            return int(found["year"]), month, int(found["day1"] or found["day2"])
    return None


def _one(text: str, fetched_at: datetime, zone) -> tuple[datetime, str] | None:
    ago = _AGO.search(text)
    if ago:
        unit = ago["unit"].lower()
        moment = fetched_at - timedelta(**{unit + "s": int(ago["n"])})
        return moment.astimezone(UTC), unit if unit != "second" else "minute"
    clock = clock_of(text)
    word = _DAY_WORD.search(text)
    if word:
        today = fetched_at.astimezone(zone).date()
        day = today - timedelta(days=1 if word["word"].lower() == "yesterday" else 0)
        return local_to_utc(day, clock, zone)
    day = _date_of(text)
    return local_to_utc(day, clock, zone) if day else None


def parse_time(text: str | None, attr: str | None, fetched_at: datetime,
               tz: str) -> tuple[datetime | None, str | None]:
    """(UTC datetime, precision) of a MyBB time; ``attr`` (a ``span[title]``, or a title
    date completed with the text's clock by the reader) wins. ``tz``: an IANA name or a
    fixed offset ``+01:00``. (None, None) when neither can be read."""
    if fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=UTC)
    zone = zone_of(tz)
    for candidate in (attr, text):
        if candidate and (parsed := _one(" ".join(candidate.split()), fetched_at, zone)):
            return parsed
    return None, None


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=None, banned=None, parse_time=parse_time)
