"""The post filters ``search`` and ``export`` share: options, and turning them into
:class:`db.post_records.PostFilters`.

Dates: ``--since 2024-03-01`` starts at that day's midnight, ``--until 2024-03-31`` ends at
the end of that day (both in ``--tz``, default UTC); a full ISO time with an offset is
taken as given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from db.post_records import PostFilters

_OPTIONS = (
    click.option("--site", default=None, help="Only this site (its root URL)."),
    click.option("--forum", default=None, help="Only this forum: its id, or its exact name."),
    click.option("--thread", "thread_id", type=int, default=None, help="Only this thread id."),
    click.option("--author", default=None, help="Only posts by this author (exact name)."),
    click.option("--since", default=None, metavar="DATE", help="Posted on or after, e.g. 2024-03-01."),
    click.option("--until", default=None, metavar="DATE", help="Posted on or before, e.g. 2024-03-31."),
    click.option("--tz", "tz_name", default="UTC", show_default=True,
                 help="Timezone of --since/--until values without an offset, e.g. Asia/Shanghai."),
)


def post_filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def post_filters(
    site: str | None,
    forum: str | None,
    thread_id: int | None,
    author: str | None,
    since: str | None,
    until: str | None,
    tz_name: str,
) -> PostFilters:
    """The filters the options ask for; ValueError naming a bad date or timezone."""
    zone = _zone(tz_name)
    filters = PostFilters(
        site=site,
        forum=int(forum) if forum is not None and forum.strip().isdigit() else forum,
        thread_id=thread_id,
        author=author,
        since=None if since is None else _instant("--since", since, zone, end_of_day=False),
        until=None if until is None else _instant("--until", until, zone, end_of_day=True),
    )
    if filters.since and filters.until and filters.since >= filters.until:
        raise ValueError(f"--since {since} is not before --until {until}: no post can match")
    return filters


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"--tz {name!r}: unknown timezone, e.g. UTC or Asia/Shanghai") from None


def _instant(option: str, value: str, zone: tzinfo, end_of_day: bool) -> datetime:
    """An aware instant; a bare date's end is the next midnight (``until`` is exclusive)."""
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        day = None
    if day is not None:
        start = datetime(day.year, day.month, day.day, tzinfo=zone)
        return (start + timedelta(days=1) if end_of_day else start).astimezone(UTC)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            f"{option} {value!r}: expected a date like 2024-03-01 or a time like 2024-03-01T08:00"
        ) from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=zone)
    # An explicit time is inclusive: make it exclusive by one microsecond.
    return (moment + timedelta(microseconds=1) if end_of_day else moment).astimezone(UTC)
