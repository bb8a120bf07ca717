"""APScheduler triggers from the config's ``cron`` and ``interval``.

crontab counts weekdays from 0 = Sunday, APScheduler 3 from 0 = Monday, so a crontab
weekday field is translated to day names before APScheduler reads it: ``1-5`` keeps
meaning Monday to Friday, as it does in every crontab.
"""

from __future__ import annotations

from datetime import datetime

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

CRONTAB_WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def cron_trigger(expression: str, timezone: str | None = None, start: datetime | None = None,
                 end: datetime | None = None, jitter: float | None = None) -> CronTrigger:
    """A trigger for a five-field crontab expression; ValueError says what is wrong."""
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(f"wrong number of fields; got {len(fields)}, expected 5")
    minute, hour, day, month, weekday = fields
    return CronTrigger(minute=minute, hour=hour, day=day, month=month,
                       day_of_week=_named_weekdays(weekday), timezone=timezone,
                       start_date=start, end_date=end, jitter=jitter)


def interval_trigger(seconds: float, timezone: str | None = None, start: datetime | None = None,
                     end: datetime | None = None, jitter: float | None = None) -> IntervalTrigger:
    return IntervalTrigger(seconds=seconds, timezone=timezone, start_date=start, end_date=end,
                           jitter=jitter)


def _named_weekdays(field: str) -> str:
    return ",".join(_named_weekday_item(item) for item in field.split(","))


def _named_weekday_item(item: str) -> str:
    body, slash, _ = item.partition("/")
    first, dash, last = body.partition("-")
    if not first.isdigit() or (dash and not last.isdigit()):
        return item  # *, names, or something APScheduler will explain
    if slash:
        raise ValueError(f"weekday {item!r}: steps are not supported here, list the days (e.g. 1,3,5)")
    numbers = [int(first)] + ([int(last)] if dash else [])
    if any(number > 7 for number in numbers):
        raise ValueError(f"weekday {item!r} is out of range (0-7, 0 and 7 are Sunday)")
    names = [CRONTAB_WEEKDAYS[number] for number in numbers]
    if dash and numbers[0] == 0 and numbers[1] > 0:
        return f"sun,mon-{names[1]}" if numbers[1] > 1 else "sun,mon"
    return "-".join(names)

