"""Parse the times Discuz! prints (absolute and relative) into aware UTC datetimes.

A relative time (``3 小时前``, ``昨天 08:15``) only means something together with the moment
the page was fetched, and only to the precision it shows. The value returned is truncated
to that precision in the site's timezone, so ``12 小时前`` fetched at 12:40 becomes 00:00
(precision ``hour``) and ``3 天前`` becomes local midnight three days earlier (``day``).
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

logger = logging.getLogger(__name__)

_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_PREFIX = re.compile(r"^(?:发表于|發表於|posted on|于|於)\s*", re.I)
_ABSOLUTE = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)
_AGO = re.compile(r"^(\d+)\s*(秒|分钟|分鐘|小时|小時|天)前$")
_DAY_WORD = re.compile(r"^(今天|昨天|前天)\s*(\d{1,2}):(\d{2})$")
_DAYS_AGO_AT = re.compile(r"^(\d+)\s*天前\s*(\d{1,2}):(\d{2})$")
_DAY_OFFSETS = {"今天": 0, "昨天": 1, "前天": 2}
_AGO_UNITS = {
    "秒": ("seconds", "second"),
    "分钟": ("minutes", "minute"),
    "分鐘": ("minutes", "minute"),
    "小时": ("hours", "hour"),
    "小時": ("hours", "hour"),
    "天": ("days", "day"),
}


def _normalise(text: str | None) -> str:
    text = _SPACES.sub(" ", text or "").strip()
    return _PREFIX.sub("", text).strip()


def _truncate(moment: datetime, precision: str) -> datetime:
    if precision == "day":
        return moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if precision == "hour":
        return moment.replace(minute=0, second=0, microsecond=0)
    if precision == "minute":
        return moment.replace(second=0, microsecond=0)
    return moment.replace(microsecond=0)


def _before(now: datetime, **delta: int) -> datetime:
    """Elapsed time is subtracted on the UTC clock, so a DST change in between is counted."""
    return (now.astimezone(UTC) - timedelta(**delta)).astimezone(now.tzinfo)


def _at(day: datetime, hour: str, minute: str) -> datetime:
    return day.replace(hour=int(hour), minute=int(minute), second=0, microsecond=0)


def _parse(text: str, now: datetime) -> tuple[datetime, str] | None:
    """Local datetime and precision for one normalised string, None if not a Discuz time."""
    if match := _ABSOLUTE.match(text):
        year, month, day, hour, minute, second = match.groups()
        precision = "second" if second else "minute" if hour else "day"
        try:
            return now.replace(
                year=int(year), month=int(month), day=int(day), hour=int(hour or 0),
                minute=int(minute or 0), second=int(second or 0), microsecond=0,
            ), precision
        except ValueError:
            return None
    if text == "刚刚":
        return _truncate(now, "second"), "second"
    if text == "半小时前":
        return _truncate(_before(now, minutes=30), "minute"), "minute"
    if match := _AGO.match(text):
        unit, precision = _AGO_UNITS[match[2]]
        return _truncate(_before(now, **{unit: int(match[1])}), precision), precision
    try:
        if match := _DAY_WORD.match(text):
            return _at(now - timedelta(days=_DAY_OFFSETS[match[1]]), match[2], match[3]), "minute"
        if match := _DAYS_AGO_AT.match(text):
            return _at(now - timedelta(days=int(match[1])), match[2], match[3]), "minute"
    except ValueError:
        return None
    return None


def parse_discuz_time(
    text: str | None, title: str | None, fetched_at: datetime, tz: str = "Asia/Shanghai"
) -> tuple[datetime | None, str | None]:
    """Return (aware UTC datetime, precision) for a Discuz time, or (None, None).

    ``title`` (the ``<span title>`` holding the absolute time) beats ``text``. A naive
    ``fetched_at`` is taken as UTC. Unparseable input is logged, never guessed.
    """
    zone = ZoneInfo(tz)
    if fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=UTC)
    now = fetched_at.astimezone(zone)
    for candidate in (title, text):
        normalised = _normalise(candidate)
        if normalised and (parsed := _parse(normalised, now)):
            local, precision = parsed
            # Rebuild from wall-clock fields so the zone's offset on *that* date applies.
            local = local.replace(tzinfo=None).replace(tzinfo=zone)
            return local.astimezone(UTC), precision
    if _normalise(text) or _normalise(title):
        logger.warning("unparseable Discuz time: text=%r title=%r", text, title)
    return None, None


_TIME_SHAPE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}:\d{2}"
    r"|\d+\s*(?:秒|分钟|分鐘|小时|小時|天)前|刚刚|剛剛|半小[时時]前|\bago\b|\bjust now\b",
    re.I,
)


def contains_time(text: str | None) -> bool:
    """Whether ``text`` holds something shaped like a Discuz time (what readers look for)."""
    return bool(text and _TIME_SHAPE.search(text))
