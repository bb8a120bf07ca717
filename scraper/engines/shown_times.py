"""Times as the western forum engines (vBulletin, XenForo, Invision) print them, read into UTC.

One reader for the shapes they share: numeric dates (``06-15-2016, 03:03 PM``, ``2016-02-01,
02:21``, the German and French packs' ``08.11.2009 um 13:53 Uhr`` and ``30/09/2009 à 19h14``),
month names (``Nov 21, 2010``, ``30th Apr 2011, 17:10``, ``Dec 4, 2014 at 2:29 AM``), day
words (``Today, 10:45 AM``, ``Yesterday at 09:12``, ``Sunday at 5:12 PM``) and ``2 hours
ago``; and the machine-readable forms (epoch seconds, ISO 8601). The order of a numeric
date whose form does not fix it (``03/01/18``) is the page's (``order``: ``date_order`` decides
it per page; ``Wording.date_order`` is the engine's when nothing does). A text none of these
shapes reads is tried in the other language packs' words (``foreign_times``).

A zone is an IANA name (``Europe/Berlin``) or a fixed offset ``UTC+01:00`` (what a page's
"All times are GMT +1" becomes, ``stated_zone``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scraper.engines import foreign_times

MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for name in names}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
# The French packs' clock is "19h14"; the German ones end it with "Uhr" (left unread).
_CLOCK = r"(?P<h>\d{1,2})(?P<hsep>[:h])(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
# Date and clock joined by a comma, "at", or the German and French packs' "um" and "à".
_JOIN = r"(?:\s*,\s*|\s+(?:at|um|à)\s+|\s+)"
_NUMERIC = re.compile(r"(?<!\d)(?P<a>\d{1,4})(?P<sep>[-/.])(?P<b>\d{1,2})[-/.](?P<c>\d{2,4})(?!\d)"
                      rf"(?:{_JOIN}{_CLOCK})?")
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
                          rf"(?:{_JOIN}{_CLOCK})?")
_DAY_FIRST = re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y>\d{{4}})"
                        rf"(?:{_JOIN}{_CLOCK})?")
_DAY_WORD = re.compile(rf"\b(?P<word>today|yesterday|{'|'.join(WEEKDAYS)})\b(?:{_JOIN}{_CLOCK})?", re.I)
_AGO = re.compile(r"\b(?P<n>\d+|an?|one)\s+(?P<unit>second|minute|hour|day|week)s?\s+ago\b", re.I)
_NOW = re.compile(r"\b(?:just now|a moment ago|moments ago)\b", re.I)
_EPOCH = re.compile(r"^\d{9,11}$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?P<zone>Z|[+-]\d{2}:?\d{2})?$")
_STATED = re.compile(r"(?:GMT|UTC|WEZ)\s*(?:(?P<sign>[+-])\s*(?P<h>\d{1,2})(?:(?P<sep>[.:])(?P<frac>\d{1,2}))?)?", re.I)
# The orders of a numeric date; ``UNDECIDABLE``: the page's dates contradict each other, and a
# date either order reads (03/01/18) is unreadable there.
DAY_FIRST, MONTH_FIRST, UNDECIDABLE = "day-first", "month-first", "undecidable"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)
_UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}


def zone(name: str) -> tzinfo:
    """An IANA zone or ``UTC±HH:MM``; an unknown name is UTC (logged by the caller's count)."""
    fixed = re.fullmatch(r"UTC([+-])(\d{2}):(\d{2})", name)
    if fixed:
        offset = timedelta(hours=int(fixed.group(2)), minutes=int(fixed.group(3)))
        return timezone(-offset if fixed.group(1) == "-" else offset)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.utc


def stated_zone(text: str | None) -> str | None:
    """``UTC±HH:MM`` from a footer such as "All times are GMT -5", "GMT-5",
    "All times are UTC - 5 hours", "All times are GMT +5.5", the German packs' "WEZ +2"
    (Westeuropäische Zeit, their name for GMT); None when the text states none."""
    if not text:
        return None
    match = _STATED.search(text)
    if not match:
        return None
    hours, frac = int(match.group("h") or 0), match.group("frac")
    if not frac:
        minutes = 0
    else:
        minutes = int(frac) if match.group("sep") == ":" else round(float("0." + frac) * 60)
    sign = match.group("sign") or "+"
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def from_attribute(attr: str | None) -> tuple[datetime | None, str | None]:
    """Epoch seconds (``data-time``) or ISO 8601 with an offset (``<time datetime>``). An ISO
    time without an offset names no instant (vBulletin 5 prints its server's clock there)."""
    value = (attr or "").strip()
    if _EPOCH.match(value):
        return datetime.fromtimestamp(int(value), timezone.utc), "second"
    match = _ISO.match(value)
    if match and match.group("zone"):
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment.astimezone(timezone.utc), "second"
    return None, None


def _clock(match: re.Match) -> tuple[time, str] | None:
    """The clock of a match, None when it shows none; ValueError when impossible."""
    if not match.group("h"):
        return None
    hour, minute = int(match.group("h")), int(match.group("mi"))
    ampm = (match.group("ampm") or "").lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError("12-hour clock out of range")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    seconds = match.group("s")
    return time(hour, minute, int(seconds or 0)), "second" if seconds else "minute"


def _on(day: date, match: re.Match, tz: tzinfo) -> tuple[datetime, str]:
    clock = _clock(match)
    if clock is None:
        return datetime.combine(day, time(), tz).astimezone(timezone.utc), "day"
    return datetime.combine(day, clock[0], tz).astimezone(timezone.utc), clock[1]


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _fixed_order(match: re.Match) -> str | None:
    """The order a numeric date's form fixes: day-first when its first number cannot be a month
    (15-06-2016), month-first when its second cannot; else day-first when dotted (``d.m.Y``,
    the German and Russian packs) or with the French clock (``d/m/Y à 19h14``); else None."""
    first, second = int(match.group("a")), int(match.group("b"))
    if first > 12 >= second:
        return DAY_FIRST
    if second > 12 >= first:
        return MONTH_FIRST
    if match.group("sep") == "." or match.group("hsep") == "h":
        return DAY_FIRST
    return None


def _numeric(match: re.Match, order: str) -> date:
    """The date of a numeric match: year first, else in the order its form fixes, else in
    ``order``; a date either order reads differently is unreadable on an ``UNDECIDABLE`` page."""
    a, b, c = match.group("a"), match.group("b"), match.group("c")
    if len(a) == 4:
        return date(int(a), int(b), int(c))
    order = _fixed_order(match) or order
    first, second = int(a), int(b)
    if order == UNDECIDABLE and first != second:
        raise ValueError("the page's numeric dates contradict each other")
    month, day = (second, first) if order == DAY_FIRST else (first, second)
    return date(_year(c), month, day)


def proven_order(text: str | None) -> str | None:
    """The order the first numeric date of ``text`` proves by its form (``_fixed_order``); None
    for a date either order could read, a year-first date, or no numeric date."""
    match = _NUMERIC.search(" ".join((text or "").replace("\u00a0", " ").split()))
    if match is None or len(match.group("a")) == 4:
        return None
    return _fixed_order(match)


class _NotEnglishMonth(ValueError):
    """A month word English does not have ("Dic", "déc."): the other packs' words may read it."""


def _named(match: re.Match) -> date:
    month = MONTHS.get(match.group("mon").lower())
    if month is None:
        raise _NotEnglishMonth("not a month name")
    return date(int(match.group("y")), month, int(match.group("d")))


def _day_word(match: re.Match, today: date) -> date:
    word = match.group("word").lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    back = (today.weekday() - WEEKDAYS.index(word)) % 7 or 7  # "Sunday" is within the last week
    return today - timedelta(days=back)


def parse_shown(text: str | None, fetched_at: datetime, tz: str,
                order: str = MONTH_FIRST) -> tuple[datetime | None, str | None]:
    """A time as printed, in zone ``tz``, a numeric date in ``order`` unless its form fixes
    one; ``(None, None)`` when no form reads it or the date is impossible (never a guess)."""
    text = " ".join((text or "").replace("\u00a0", " ").split())
    where = zone(tz)
    now = fetched_at.astimezone(where)
    try:
        for pattern, day in ((_NUMERIC, lambda m: _numeric(m, order)), (_MONTH_FIRST, _named),
                             (_DAY_FIRST, _named), (_DAY_WORD, lambda m: _day_word(m, now.date()))):
            match = pattern.search(text)
            if match:
                return _on(day(match), match, where)
    except _NotEnglishMonth:
        return foreign_times.parse_foreign(text, now, where)
    except ValueError:
        return None, None
    ago = _AGO.search(text)
    if ago:
        count = int(ago.group("n")) if ago.group("n").isdigit() else 1
        unit = ago.group("unit").lower()
        moment = fetched_at - timedelta(seconds=count * _UNIT_SECONDS[unit])
        return moment.astimezone(timezone.utc), "minute" if unit == "second" else unit
    if _NOW.search(text):
        return fetched_at.astimezone(timezone.utc), "minute"
    return foreign_times.parse_foreign(text, now, where) if text else (None, None)


def parse_time(text: str | None, attr: str | None, fetched_at: datetime, tz: str,
               order: str = MONTH_FIRST) -> tuple[datetime | None, str | None]:
    """The attribute wins (epoch, ISO with offset, or a printed title such as XenForo 1's
    ``Dec 4, 2014 at 2:29 AM``); else the text."""
    moment, precision = from_attribute(attr)
    if moment is None and attr and not _ISO.match(attr.strip()):
        moment, precision = parse_shown(attr, fetched_at, tz, order)
    if moment is None:
        moment, precision = parse_shown(text, fetched_at, tz, order)
    return moment, precision


def page_clock(text: str | None, served: datetime) -> datetime | None:
    """A page's own clock (MyBB's footer "Current time:", SMF's header ``<time>``), read as if
    UTC, for ``offset_between``: a numeric date in the order that puts it within 15 hours of
    when the page was ``served`` (a clock shows the server's now in some zone, UTC-12 to
    UTC+14), whichever order the board prints; None when no one reading does."""
    readings = {parse_time(text, None, served, "UTC", order)[0] for order in DATE_ORDERS}
    near = [moment for moment in readings if moment is not None and abs(moment - served) <= timedelta(hours=15)]
    return near[0] if len(near) == 1 else None


def offset_between(shown: datetime, served: datetime) -> str:
    """``UTC±HH:MM``: the zone of a page clock (``shown``, read as if UTC) that was showing
    when the page was ``served``, to the nearest quarter hour (MyBB's footer "Current time",
    SMF's header ``<time>``)."""
    minutes = round((shown - served.replace(second=0, microsecond=0)).total_seconds() / 900) * 15
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
