"""Discuz! times, absolute and relative, against the moment the page was fetched."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from scraper.engines.discuz.times import parse_discuz_time
from tests.conftest import FIXTURES


NOON = datetime.fromisoformat("2025-06-01T12:00:00+08:00")


def local(text: str) -> datetime:
    return datetime.fromisoformat(text + "+08:00").astimezone(UTC)


@pytest.mark.parametrize(
    ("text", "title", "fetched_at", "expected", "precision"),
    [
        ("2025-3-1 10:00", None, NOON, "2025-03-01T10:00:00", "minute"),
        ("发表于 2025-3-1 10:00", None, NOON, "2025-03-01T10:00:00", "minute"),
        ("发表于\u00a02025-03-01\u00a010:00:07", None, NOON, "2025-03-01T10:00:07", "second"),
        ("2025-3-1", None, NOON, "2025-03-01T00:00:00", "day"),
        ("3\u00a0小时前", "2025-6-1 08:40", NOON, "2025-06-01T08:40:00", "minute"),
        (None, "2026-11-23 10:02:15", NOON, "2026-11-23T10:02:15", "second"),
        ("刚刚", None, NOON, "2025-06-01T12:00:00", "second"),
        ("15 秒前", None, NOON, "2025-06-01T11:59:45", "second"),
        ("5 分钟前", None, NOON, "2025-06-01T11:55:00", "minute"),
        ("半小时前", None, NOON, "2025-06-01T11:30:00", "minute"),
        ("12 小时前", None, NOON, "2025-06-01T00:00:00", "hour"),
        ("3\u00a0小时前", None, local("2025-06-01T12:40:10"), "2025-06-01T09:00:00", "hour"),
        ("昨天 08:15", None, NOON, "2025-05-31T08:15:00", "minute"),
        ("昨天\u00a023:59", None, NOON, "2025-05-31T23:59:00", "minute"),
        ("前天 10:02", None, NOON, "2025-05-30T10:02:00", "minute"),
        ("3 天前", None, NOON, "2025-05-29T00:00:00", "day"),
        # around midnight, month ends and year end (site clock, not UTC, decides the day)
        ("昨天 23:50", None, local("2025-06-02T00:05:00"), "2025-06-01T23:50:00", "minute"),
        ("2 小时前", None, local("2025-06-02T00:30:00"), "2025-06-01T22:00:00", "hour"),
        ("10 分钟前", None, local("2025-03-01T00:05:00"), "2025-02-28T23:55:00", "minute"),
        ("昨天 10:00", None, local("2024-03-01T09:00:00"), "2024-02-29T10:00:00", "minute"),
        ("前天 22:00", None, local("2025-01-01T01:00:00"), "2024-12-30T22:00:00", "minute"),
        ("昨天 12:00", None, local("2026-01-01T00:00:30"), "2025-12-31T12:00:00", "minute"),
        ("1 天前", None, local("2026-01-01T07:59:00"), "2025-12-31T00:00:00", "day"),
        # fetched just after midnight in Shanghai, still the old year in UTC
        ("半小时前", None, datetime(2025, 12, 31, 16, 10, tzinfo=UTC), "2025-12-31T23:40:00", "minute"),
        ("今天 00:05", None, datetime(2025, 12, 31, 16, 10, tzinfo=UTC), "2026-01-01T00:05:00", "minute"),
    ],
)
def test_parse(text, title, fetched_at, expected, precision) -> None:
    assert parse_discuz_time(text, title, fetched_at) == (local(expected), precision)


def test_result_is_utc_and_fetched_at_may_be_utc() -> None:
    fetched = datetime(2025, 6, 1, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai
    moment, precision = parse_discuz_time("昨天 08:15", None, fetched)
    assert moment == datetime(2025, 5, 31, 0, 15, tzinfo=UTC) and moment.tzinfo == UTC
    assert precision == "minute"


def test_other_timezone() -> None:
    fetched = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    assert parse_discuz_time("2025-6-1 10:00", None, fetched, tz="Asia/Tokyo") == (
        datetime(2025, 6, 1, 1, 0, tzinfo=UTC), "minute")


@pytest.mark.parametrize("text", ["很久以前", "2025-13-01 10:00", "2025-2-30", "昨天 25:00", "abc 小时前"])
def test_unparseable_is_none_and_logged(text: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="scraper.engines.discuz.times"):
        assert parse_discuz_time(text, None, NOON) == (None, None)
    assert "unparseable" in caplog.text


def test_bad_title_falls_back_to_text() -> None:
    assert parse_discuz_time("2025-3-1 10:00", "查看", NOON) == (local("2025-03-01T10:00:00"), "minute")


def test_nothing_given_is_none_without_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="scraper.engines.discuz.times"):
        assert parse_discuz_time(None, "", NOON) == (None, None)
    assert caplog.text == ""


def test_seed_thread_relative_time() -> None:
    seed = json.loads((FIXTURES / "seed-thread.expected.json").read_text(encoding="utf-8"))
    moment, precision = parse_discuz_time(seed["posted_at_relative"], None, NOON)
    assert precision == seed["posted_at_precision"] == "hour"
    assert moment == datetime.fromisoformat("2025-06-01T00:00:00+08:00")


@pytest.mark.parametrize(
    ("text", "fetched_local", "tz", "expected_local", "precision"),
    [
        # just after midnight: "yesterday" and "N 天前" count site calendar days
        ("前天 23:59", "2025-03-01T00:00:10", "Asia/Shanghai", "2025-02-27T23:59:00", "minute"),
        ("2 天前", "2024-03-01T00:01:00", "Asia/Shanghai", "2024-02-28T00:00:00", "day"),
        ("30 秒前", "2025-05-01T00:00:10", "Asia/Shanghai", "2025-04-30T23:59:40", "second"),
        ("1 小时前", "2025-07-01T00:30:00", "Asia/Shanghai", "2025-06-30T23:00:00", "hour"),
        ("6 天前", "2025-03-03T23:59:59", "Asia/Shanghai", "2025-02-25T00:00:00", "day"),
        # just before midnight: still the same day
        ("昨天 00:00", "2025-04-30T23:59:59", "Asia/Shanghai", "2025-04-29T00:00:00", "minute"),
        ("刚刚", "2025-12-31T23:59:59", "Asia/Shanghai", "2025-12-31T23:59:59", "second"),
        # other DST-free zones: the site's calendar, not UTC's
        ("昨天 23:30", "2025-11-01T00:10:00", "Asia/Tokyo", "2025-10-31T23:30:00", "minute"),
        ("前天 08:00", "2025-01-01T07:00:00", "UTC", "2024-12-30T08:00:00", "minute"),
        ("3 分钟前", "2025-09-01T00:01:00", "Asia/Kolkata", "2025-08-31T23:58:00", "minute"),
        ("2025-2-28 23:59", "2025-03-01T00:00:00", "Asia/Kolkata", "2025-02-28T23:59:00", "minute"),
    ],
)
def test_relative_times_around_midnight_and_month_ends(text, fetched_local, tz, expected_local, precision) -> None:
    zone = ZoneInfo(tz)
    fetched = datetime.fromisoformat(fetched_local).replace(tzinfo=zone)
    expected = datetime.fromisoformat(expected_local).replace(tzinfo=zone).astimezone(UTC)
    assert parse_discuz_time(text, None, fetched, tz) == (expected, precision)
