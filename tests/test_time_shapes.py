"""Times found by their shape, after any label in any language, in every form the Simplified,
Traditional and English language packs print (``dgmdate()`` and the date/time formats)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from scraper.engines.discuz.times import contains_time, parse_discuz_time

NOON = datetime.fromisoformat("2025-06-01T12:00:00+08:00")


def local(text: str) -> datetime:
    return datetime.fromisoformat(text + "+08:00").astimezone(UTC)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        # labels in any language, or none; spaces, NBSP, invisible marks; trailing text
        ("发表于 2009-6-10 13:18 ", "2009-06-10T13:18:00", "minute"),
        ("發表於 2009-6-10 13:18", "2009-06-10T13:18:00", "minute"),
        ("发表于：2022-2-12 23:58:16", "2022-02-12T23:58:16", "second"),
        ("时间：2022-2-12 23:58:16", "2022-02-12T23:58:16", "second"),
        ("Posted on 2014-3-18 09:36:21", "2014-03-18T09:36:21", "second"),
        ("يوللىغان ۋاقتى  2012-12-17 17:43:32", "2012-12-17T17:43:32", "second"),
        ("\u200fيوللانغان ۋاقتى\u200f 2014-3-18 09:36:21 PM", "2014-03-18T21:36:21", "second"),
        ("Опубликовано 2020-1-5 7:05", "2020-01-05T07:05:00", "minute"),
        ("   发表于\u00a0\u00a02020-2-19\u00a019:19:11", "2020-02-19T19:19:11", "second"),
        ("发表于 2009-6-10 13:18 | 只看该作者", "2009-06-10T13:18:00", "minute"),
        ("2009-6-10 13:18|", "2009-06-10T13:18:00", "minute"),
        ("大 中 小 发表于 2009-6-10 13:18 只看该作者", "2009-06-10T13:18:00", "minute"),
        # absolute forms
        ("2025-03-01", "2025-03-01T00:00:00", "day"),
        ("2025/3/1 10:00", "2025-03-01T10:00:00", "minute"),
        ("2025.3.1 10:00:05", "2025-03-01T10:00:05", "second"),
        ("2025年3月1日 10:00", "2025-03-01T10:00:00", "minute"),
        ("2025年3月1日", "2025-03-01T00:00:00", "day"),
        ("2025-3-1 9:05", "2025-03-01T09:05:00", "minute"),
        # 12-hour clocks: 12 AM is midnight, 12 PM is noon
        ("2014-3-18 09:36:21 PM", "2014-03-18T21:36:21", "second"),
        ("2014-3-18 09:36 am", "2014-03-18T09:36:00", "minute"),
        ("2014-3-18 12:05 AM", "2014-03-18T00:05:00", "minute"),
        ("2014-3-18 12:05 PM", "2014-03-18T12:05:00", "minute"),
        ("2014-3-18 11:59:59 PM", "2014-03-18T23:59:59", "second"),
        ("2014-3-18 12:00:00 A.M.", "2014-03-18T00:00:00", "second"),
        ("2014-3-18 下午 3:07", "2014-03-18T15:07:00", "minute"),
        ("2014-3-18 上午 12:30", "2014-03-18T00:30:00", "minute"),
        # relative, Simplified pack
        ("发表于 刚刚", "2025-06-01T12:00:00", "second"),
        ("发表于 15 秒前", "2025-06-01T11:59:45", "second"),
        ("发表于 5\u00a0分钟前", "2025-06-01T11:55:00", "minute"),
        ("半小时前", "2025-06-01T11:30:00", "minute"),
        ("3\u00a0小时前", "2025-06-01T09:00:00", "hour"),
        ("发表于 昨天\u00a008:15", "2025-05-31T08:15:00", "minute"),
        ("前天 22:40", "2025-05-30T22:40:00", "minute"),
        ("昨天 09:36 PM", "2025-05-31T21:36:00", "minute"),
        ("4\u00a0天前", "2025-05-28T00:00:00", "day"),
        ("现在", "2025-06-01T12:00:00", "second"),
        ("发表于（刚刚）", "2025-06-01T12:00:00", "second"),
        ("[Just now] | 5#", "2025-06-01T12:00:00", "second"),
        # relative, Traditional pack
        ("發表於 剛剛", "2025-06-01T12:00:00", "second"),
        ("10 分鐘前", "2025-06-01T11:50:00", "minute"),
        ("2 小時前", "2025-06-01T10:00:00", "hour"),
        ("半小時前", "2025-06-01T11:30:00", "minute"),
        ("發表於 昨天 23:59", "2025-05-31T23:59:00", "minute"),
        # relative, English pack
        ("Posted on Just now", "2025-06-01T12:00:00", "second"),
        ("now", "2025-06-01T12:00:00", "second"),
        ("20 seconds ago", "2025-06-01T11:59:40", "second"),
        ("1 second ago", "2025-06-01T11:59:59", "second"),
        ("3 minutes ago", "2025-06-01T11:57:00", "minute"),
        ("1 minute ago", "2025-06-01T11:59:00", "minute"),
        ("5 mins ago", "2025-06-01T11:55:00", "minute"),
        ("1 hour ago", "2025-06-01T11:00:00", "hour"),
        ("Posted on 11 hours ago", "2025-06-01T01:00:00", "hour"),
        ("Half an hour ago", "2025-06-01T11:30:00", "minute"),
        ("half hour ago", "2025-06-01T11:30:00", "minute"),
        ("Yesterday 12:00", "2025-05-31T12:00:00", "minute"),
        ("yesterday 09:36 PM", "2025-05-31T21:36:00", "minute"),
        ("Day before yesterday 12:00", "2025-05-30T12:00:00", "minute"),
        ("The day before yesterday 07:00", "2025-05-30T07:00:00", "minute"),
        ("2 days ago 12:00", "2025-05-30T12:00:00", "minute"),
        ("3 days ago", "2025-05-29T00:00:00", "day"),
        ("1 day ago", "2025-05-31T00:00:00", "day"),
    ],
)
def test_a_time_is_read_by_its_shape(text: str, expected: str, precision: str) -> None:
    assert parse_discuz_time(text, None, NOON) == (local(expected), precision)
    assert contains_time(text)


@pytest.mark.parametrize(
    ("text", "fetched_local", "expected", "precision"),
    [
        # just after midnight: the site's calendar day decides yesterday and N days ago
        ("Yesterday 23:50", "2025-06-01T00:05:00", "2025-05-31T23:50:00", "minute"),
        ("Day before yesterday 23:59", "2025-03-01T00:00:10", "2025-02-27T23:59:00", "minute"),
        ("1 hour ago", "2025-07-01T00:30:00", "2025-06-30T23:00:00", "hour"),
        ("30 seconds ago", "2025-05-01T00:00:10", "2025-04-30T23:59:40", "second"),
        ("10 分鐘前", "2025-03-01T00:05:00", "2025-02-28T23:55:00", "minute"),
        ("昨天 12:00 AM", "2024-03-01T09:00:00", "2024-02-29T00:00:00", "minute"),
        ("昨天 12:00 PM", "2026-01-01T00:00:30", "2025-12-31T12:00:00", "minute"),
        ("2 days ago", "2024-03-01T00:01:00", "2024-02-28T00:00:00", "day"),
        ("半小時前", "2026-01-01T00:10:00", "2025-12-31T23:40:00", "minute"),
        # just before midnight: still the same day
        ("Just now", "2025-12-31T23:59:59", "2025-12-31T23:59:59", "second"),
        ("2025-12-31 11:59:59 PM", "2026-01-01T00:00:01", "2025-12-31T23:59:59", "second"),
    ],
)
def test_relative_times_around_midnight_and_month_ends(text, fetched_local, expected, precision) -> None:
    assert parse_discuz_time(text, None, local(fetched_local)) == (local(expected), precision)


def test_the_title_still_beats_the_text() -> None:
    assert parse_discuz_time("发表于 3 小时前", "2025-6-1 08:40:12", NOON) == (
        local("2025-06-01T08:40:12"), "second")


def test_the_first_time_in_the_text_is_the_one_read() -> None:
    text = "发表于 2025-3-1 10:00 | 本帖最后由 X 于 2025-3-2 11:00 编辑"
    assert parse_discuz_time(text, None, NOON) == (local("2025-03-01T10:00:00"), "minute")


@pytest.mark.parametrize(
    "text",
    [
        "发表于 很久以前", "Posted on a sunny day", "2025-2-30 10:00", "2025-13-01", "昨天 25:00",
        "2014-3-18 13:05 PM", "2014-3-18 0:05 AM", "2014-3-18 下午 13:07", "Yesterday 24:00",
        "abc hours ago", "12345-1-1",
    ],
)
def test_what_cannot_be_read_is_none_and_logged(text: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="scraper.engines.discuz.times"):
        assert parse_discuz_time(text, None, NOON) == (None, None)
    assert "unparseable Discuz time" in caplog.text


@pytest.mark.parametrize(
    "text",
    [
        None, "", "   ", "作者：", "发表于", "只看该作者", "我现在就去", "now and then", "known",
        "Posted on", "本帖最后由 X 编辑", "3 小时", "12345", "2025-3", "第 3 天",
    ],
)
def test_contains_time_is_false_without_a_time(text: str | None) -> None:
    assert not contains_time(text)


@pytest.mark.parametrize(
    "text",
    ["发表于 2009-6-10 13:18&nbsp;", "<span title=\"2025-6-1\">3&nbsp;小时前</span>", "时间：2022-2-12",
     "只看该作者 | 刚刚", "2 小時前", "Yesterday 12:00", "half an hour ago"],
)
def test_contains_time_finds_times_in_longer_text(text: str) -> None:
    assert contains_time(text)


def test_the_warning_shows_an_excerpt_of_a_long_text(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="scraper.engines.discuz.times"):
        assert parse_discuz_time("发表于 " + "很久" * 50_000, None, NOON) == (None, None)
    assert "unparseable Discuz time" in caplog.text and len(caplog.text) < 1000

