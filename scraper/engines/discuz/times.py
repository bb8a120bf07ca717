"""Parse the times Discuz! prints (absolute and relative) into aware UTC datetimes.

A time is found by its **shape**, anywhere in the text it is given: whatever label comes
before it (``发表于``, ``發表於``, ``发表于：``, ``Posted on``, a label in a language we do not
know, or none) and whatever follows it (``|``, more links) is ignored. The shapes:

- absolute, as the site's date and time formats print it: ``2025-3-1``, ``2025-03-01``,
  ``2025/3/1``, ``2025.3.1``, ``2025年3月1日``, with an optional ``H:MM`` or ``H:MM:SS`` and a
  12-hour ``AM``/``PM`` after it (PHP's ``gmdate('A')`` is English in every language pack;
  ``上午``/``下午`` before the time is read too);
- relative, as ``dgmdate()`` prints it with the Simplified, Traditional and English language
  packs (``lang_core.php`` ``date``: before/day/yday/byday/hour/half/min/sec/now):
  ``N 秒前``, ``N 分钟前``/``N 分鐘前``, ``N 小时前``/``N 小時前``, ``半小时前``/``半小時前``,
  ``昨天 H:MM``, ``前天 H:MM``, ``N 天前``, ``刚刚``/``剛剛`` (``现在`` in X1.x), and ``N seconds
  ago``, ``N minutes ago``, ``N hours ago``, ``half (an) hour ago``, ``Yesterday H:MM``,
  ``Day before yesterday H:MM``, ``N days ago``, ``Just now``.

A relative time only means something together with the moment the page was fetched, and
only to the precision it shows. The value returned is truncated to that precision in the
site's timezone, so ``12 小时前`` fetched at 12:40 becomes 00:00 (precision ``hour``) and
``3 天前`` becomes local midnight three days earlier (``day``). A shape with impossible
fields (``2025-2-30``, ``昨天 25:00``, ``13:00 PM``) is unreadable: never guessed.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta

from scraper.engines import shown_times

logger = logging.getLogger(__name__)

_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
# H:MM[:SS] with an optional 上午/下午 before it or AM/PM after it.
_CLOCK = (r"(?:(?P<cn>上午|下午)\s*)?(?P<h>\d{1,2})\s*[:：]\s*(?P<mi>\d{2})(?:\s*[:：]\s*(?P<s>\d{2}))?"
          r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?")
_ABSOLUTE = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*[-/.年]\s*(?P<mo>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    rf"(?:\s*{_CLOCK})?(?!\d)"
)
_DAY_WORDS = {"今天": 0, "today": 0, "昨天": 1, "yesterday": 1, "前天": 2}
_DAY_WORD = re.compile(
    rf"(?P<word>今天|昨天|前天|(?:the\s+)?day\s+before\s+yesterday|yesterday|today)\s*{_CLOCK}", re.I
)
_DAYS_AGO_AT = re.compile(rf"(?<!\d)(?P<n>\d+)\s*(?:天前|days?\s+ago)\s*{_CLOCK}", re.I)
_AGO = re.compile(
    r"(?<!\d)(?P<n>\d+)\s*(?:(?P<cn>秒|分钟|分鐘|小时|小時|天)\s*前"
    r"|(?P<en>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?)\s+ago\b)",
    re.I,
)
_HALF_HOUR = re.compile(r"半\s*(?:小时|小時)\s*前|\bhalf\s*(?:an?\s+)?hours?\s+ago\b", re.I)
# A bare word stands alone: after a label's space, colon or bracket, before the end, a
# separator or a closing bracket (so 我现在去 or "now and then" are no times).
_NOW = re.compile(r"(?:^|(?<=[\s:：(（\[【]))(?:刚刚|剛剛|现在|現在|just\s+now|now)(?=\s*(?:[|·•)）\]】]|$))", re.I)
_UNITS = {"秒": "second", "分钟": "minute", "分鐘": "minute", "小时": "hour", "小時": "hour", "天": "day"}
_EN_UNITS = {"se": "second", "mi": "minute", "ho": "hour", "hr": "hour", "da": "day"}


def _normalise(text: str | None) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", text or "")).strip()


def contains_time(text: str | None) -> bool:
    """Whether ``text`` holds something shaped like a Discuz time (its fields unchecked)."""
    text = _normalise(text)
    return bool(text) and any(shape.search(text) for shape, _ in _READERS)


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


def _hour_of_day(match: re.Match) -> int:
    """The 24-hour hour of a clock; ValueError for ``0 PM``, ``13:00 PM`` and the like."""
    hour = int(match["h"])
    meridiem = (match["ampm"] or "").replace(".", "").lower()
    if meridiem or match["cn"]:
        if not 1 <= hour <= 12:
            raise ValueError(f"hour {hour} on a 12-hour clock")
        afternoon = meridiem == "pm" or match["cn"] == "下午"
        return hour % 12 + (12 if afternoon else 0)
    return hour


def _at(day: datetime, match: re.Match) -> tuple[datetime, str]:
    """``day`` at the clock time in ``match``; precision second or minute."""
    second = match["s"]
    moment = day.replace(hour=_hour_of_day(match), minute=int(match["mi"]), second=int(second or 0),
                         microsecond=0)
    return moment, "second" if second else "minute"


def _absolute(match: re.Match, now: datetime) -> tuple[datetime, str]:
    day = now.replace(year=int(match["y"]), month=int(match["mo"]), day=int(match["d"]))
    if match["h"] is None:
        return _truncate(day, "day"), "day"
    return _at(day, match)


def _day_word(match: re.Match, now: datetime) -> tuple[datetime, str]:
    word = _SPACES.sub(" ", match["word"].lower())
    offset = 2 if word.endswith("before yesterday") else _DAY_WORDS[word]
    return _at(now - timedelta(days=offset), match)


def _ago(match: re.Match, now: datetime) -> tuple[datetime, str]:
    precision = _UNITS[match["cn"]] if match["cn"] else _EN_UNITS[match["en"][:2].lower()]
    return _truncate(_before(now, **{precision + "s": int(match["n"])}), precision), precision


def _days_ago_at(match: re.Match, now: datetime) -> tuple[datetime, str]:
    return _at(now - timedelta(days=int(match["n"])), match)


def _half_hour_ago(match: re.Match, now: datetime) -> tuple[datetime, str]:
    return _truncate(_before(now, minutes=30), "minute"), "minute"


def _just_now(match: re.Match, now: datetime) -> tuple[datetime, str]:
    return _truncate(now, "second"), "second"


# Tried in order: an absolute date first, then "N 天前 H:MM" before "N 天前".
_READERS = ((_ABSOLUTE, _absolute), (_DAYS_AGO_AT, _days_ago_at), (_DAY_WORD, _day_word), (_AGO, _ago),
            (_HALF_HOUR, _half_hour_ago), (_NOW, _just_now))


def _parse(text: str, now: datetime) -> tuple[datetime, str] | None:
    """Local datetime and precision of the first time-shaped part of a normalised string;
    None when there is none or its fields are impossible."""
    for shape, read in _READERS:
        if match := shape.search(text):
            try:
                return read(match, now)
            except ValueError:
                return None
    return None


def _excerpt(text: str | None, limit: int = 120) -> str | None:
    """What a log line shows of a text: a hostile page's 100 kB stay out of the log."""
    return text if text is None or len(text) <= limit else text[:limit] + "…"


def parse_discuz_time(
    text: str | None, title: str | None, fetched_at: datetime, tz: str = "Asia/Shanghai"
) -> tuple[datetime | None, str | None]:
    """Return (aware UTC datetime, precision) for a Discuz time, or (None, None).

    ``title`` (the ``<span title>`` holding the absolute time) beats ``text``. A naive
    ``fetched_at`` is taken as UTC. Unreadable input is logged, never guessed.
    """
    zone = shown_times.zone(tz)  # an IANA name, or a footer's UTC±HH:MM
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
        logger.warning("unparseable Discuz time: text=%r title=%r", _excerpt(text), _excerpt(title))
    return None, None

