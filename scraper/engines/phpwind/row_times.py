"""The last reply of a 9.x thread-list row, which is printed without its year.

9.1's rows (``template/bbs/widget_thread.htm``, likewise ``forum_run.htm``, ``index_run.htm``,
``cate_run.htm``) print the start ``Pw::time2str(created_time, 'Y-m-d')`` and the last reply
``Pw::time2str(lastpost_time, 'm-d H:i')``, whatever its age (``src/library/Pw.php``
``time2str``: ``gmdate`` of the format in the site's zone; only ``'auto'`` chooses a form by
age). The reply falls on or after the start and on or before the day the page was fetched:
its year is the one year of that span in which the month and day fall, or unknown when more
than one does (a thread started over a year before the fetch).

The row reader (``lists.py``) hands ``since_start`` on as the row's ``last_post_attr``;
``wording.parse_time`` dates it with ``dated`` once the fetch time is known."""

from __future__ import annotations

import re
from datetime import date

_START = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH_DAY_CLOCK = re.compile(r"(\d{1,2})-(\d{1,2})\s+(\d{1,2}:\d{2})")
# What ``since_start`` writes: the start date, "起", the reply's month, day and clock.
_SINCE_START = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2}) 起 (\d{1,2})-(\d{1,2}) (\d{1,2}:\d{2})")


def since_start(shown: str, started: str, replies: int | None) -> str | None:
    """The row's last reply for ``parse_time``: without replies the last post is the first, so
    the start date and the shown clock are the whole time; with replies, the start date as the
    earliest day the reply can fall on, then the reply as shown. None when either is not in
    the form 9.1 prints."""
    reply, start = _MONTH_DAY_CLOCK.fullmatch(shown.strip()), _START.fullmatch(started.strip())
    if not reply or not start:
        return None
    if replies == 0:
        return f"{start[0]} {reply[3]}"
    return f"{start[0]} 起 {reply[0]}"


def is_since_start(attr: str | None) -> bool:
    return bool(attr and _SINCE_START.fullmatch(attr))


def dated(attr: str, today: date) -> str | None:
    """``since_start``'s form as ``Y-m-d H:i``, ``today`` the fetch's day in the site's zone;
    None when no year, or more than one, puts the reply between the start and today."""
    found = _SINCE_START.fullmatch(attr)
    if not found:
        return None
    start = date(int(found[1]), int(found[2]), int(found[3]))
    month, day = int(found[4]), int(found[5])
    years = [year for year in range(start.year, today.year + 1)
             if (day_of := _day(year, month, day)) and start <= day_of <= today]
    return f"{years[0]}-{month:02d}-{day:02d} {found[6]}" if len(years) == 1 else None


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 02-29 outside a leap year, or no such day
        return None
