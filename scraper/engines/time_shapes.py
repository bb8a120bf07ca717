"""Pieces of the time forms PHP forum engines print (MyBB's ``my_date()``, SMF's
``timeformat()``): a clock with an optional AM/PM, English month names, a zone given as an
IANA name or a fixed offset, a wall-clock time turned into UTC with its precision, and the
offset a page's own clock shows next to the response's ``Date``."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
CLOCK = re.compile(r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<half>[AaPp][Mm])?")


def month_number(name: str) -> int | None:
    """A month's number from its English name or its first three letters."""
    lowered = name.lower().rstrip(".")
    for full, number in MONTHS.items():
        if lowered == full or (len(lowered) >= 3 and full.startswith(lowered)):
            return number
    return None


def clock_of(text: str) -> tuple[int, int, int | None] | None:
    """(hour 0–23, minute, second or None) of the first clock in ``text``."""
    found = CLOCK.search(text)
    if not found:
        return None
    hour = int(found["hour"])
    if found["half"]:
        hour = hour % 12 + (12 if found["half"].lower() == "pm" else 0)
    return hour, int(found["minute"]), int(found["second"]) if found["second"] else None


def zone_of(tz: str) -> timezone | ZoneInfo:
    """``+01:00``/``-05:00`` as a fixed offset, anything else as an IANA zone."""
    found = re.fullmatch(r"([+-])(\d{2}):(\d{2})", tz)
    if found:
        sign = -1 if found[1] == "-" else 1
        return timezone(sign * timedelta(hours=int(found[2]), minutes=int(found[3])))
    return ZoneInfo(tz)


def local_to_utc(day: date | tuple[int, int, int], clock: tuple[int, int, int | None] | None,
                 zone: timezone | ZoneInfo) -> tuple[datetime, str]:
    """A wall-clock day and clock in ``zone`` as (UTC datetime, precision)."""
    year, month, number = (day.year, day.month, day.day) if isinstance(day, date) else day
    hour, minute, second = clock or (0, 0, None)
    moment = datetime(year, month, number, hour, minute, second or 0, tzinfo=zone)
    precision = "day" if clock is None else "minute" if second is None else "second"
    return moment.astimezone(UTC), precision


def offset_between(shown: datetime, served: datetime) -> str:
    """The offset (``+01:00``) of a page clock read as UTC against the moment it was served,
    to the nearest quarter hour."""
    minutes = round((shown - served.replace(second=0, microsecond=0)).total_seconds() / 900) * 15
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
