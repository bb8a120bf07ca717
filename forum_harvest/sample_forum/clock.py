"""Discuz! time display (``dgmdate($t, 'u')``): relative to the viewer's clock for a week.

Same day: 刚刚 / N 秒前 / N 分钟前 / 半小时前 / N 小时前; the six calendar days before:
昨天 HH:MM / 前天 HH:MM / N 天前; older: the absolute time. Relative forms carry the absolute
time in ``<span title>`` (except on the touch template). Everything is in the site's timezone.
A site may print times on a 12-hour clock (``2014-3-18 09:36:21 PM``); a language pack
translates the relative words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from forum_harvest.sample_forum.lang import ZH_CN, Words
from forum_harvest.sample_forum.model import SITE_TZ

Format = Callable[[datetime], str]


@dataclass(frozen=True)
class TimeStyle:
    """How a site prints times: its language pack's words and its clock."""

    words: Words = ZH_CN
    clock12: bool = False

    def ymd(self, moment: datetime) -> str:
        """``Y-n-j``: no zero padding, as Discuz writes dates."""
        local = moment.astimezone(SITE_TZ)
        return f"{local.year}-{local.month}-{local.day}"

    def hm(self, moment: datetime, seconds: bool = False) -> str:
        local = moment.astimezone(SITE_TZ)
        text = local.strftime("%I:%M" if self.clock12 else "%H:%M") + (local.strftime(":%S") if seconds else "")
        return f"{text} {'AM' if local.hour < 12 else 'PM'}" if self.clock12 else text

    def ymd_hm(self, moment: datetime) -> str:
        return f"{self.ymd(moment)} {self.hm(moment)}"

    def ymd_hms(self, moment: datetime) -> str:
        return f"{self.ymd(moment)} {self.hm(moment, seconds=True)}"

    def relative_text(self, moment: datetime, viewed_at: datetime) -> str | None:
        """The relative form of ``moment`` seen at ``viewed_at``, or None when Discuz prints
        the absolute time (a week or more ago, or in the future)."""
        w = self.words
        local = moment.astimezone(SITE_TZ)
        view = viewed_at.astimezone(SITE_TZ)
        today = view.replace(hour=0, minute=0, second=0, microsecond=0)
        elapsed = int(view.timestamp()) - int(local.timestamp())
        if local >= today:
            if elapsed < 0:
                return None
            if elapsed > 3600:
                return w.hours_ago.format(n=elapsed // 3600)
            if elapsed > 1800:
                return w.half_hour_ago
            if elapsed > 60:
                return w.minutes_ago.format(n=elapsed // 60)
            return w.seconds_ago.format(n=elapsed) if elapsed > 0 else w.now
        days = int((today.timestamp() - local.timestamp()) // 86400)
        if days >= 7:
            return None
        if days == 0:
            return w.yesterday.format(time=self.hm(moment))
        if days == 1:
            return w.day_before.format(time=self.hm(moment))
        return w.days_ago.format(n=days + 1)

    def relative(self, moment: datetime, viewed_at: datetime, title_format: Format | None = None,
                 plain_format: Format | None = None) -> str:
        """HTML for ``moment`` as seen at ``viewed_at``: relative in a titled span, or plain."""
        text = self.relative_text(moment, viewed_at)
        if text is None:
            return (plain_format or self.ymd_hm)(moment)
        return f'<span title="{(title_format or self.ymd_hms)(moment)}">{text}</span>'


DEFAULT = TimeStyle()
ymd = DEFAULT.ymd
ymd_hm = DEFAULT.ymd_hm
ymd_hms = DEFAULT.ymd_hms


def relative_time(moment: datetime, viewed_at: datetime, title_format: Format = ymd_hms,
                  plain_format: Format = ymd_hm) -> str:
    """``relative`` in the default style (Simplified Chinese, 24-hour clock)."""
    return DEFAULT.relative(moment, viewed_at, title_format, plain_format)
