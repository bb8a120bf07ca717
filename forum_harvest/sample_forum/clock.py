"""Discuz! time display (``dgmdate($t, 'u')``): relative to the viewer's clock for a week.

Same day: 刚刚 / N 秒前 / N 分钟前 / 半小时前 / N 小时前; the six calendar days before:
昨天 HH:MM / 前天 HH:MM / N 天前; older: the absolute time. Relative forms carry the absolute
time in ``<span title>``. Everything is in the site's timezone.
"""

from __future__ import annotations

from datetime import datetime

from forum_harvest.sample_forum.model import SITE_TZ


def ymd(moment: datetime) -> str:
    """``Y-n-j``: no zero padding, as Discuz writes dates."""
    local = moment.astimezone(SITE_TZ)
    return f"{local.year}-{local.month}-{local.day}"


def ymd_hm(moment: datetime) -> str:
    return f"{ymd(moment)} {moment.astimezone(SITE_TZ):%H:%M}"


def ymd_hms(moment: datetime) -> str:
    return f"{ymd(moment)} {moment.astimezone(SITE_TZ):%H:%M:%S}"


def relative_time(moment: datetime, viewed_at: datetime, title_format=ymd_hms, plain_format=ymd_hm) -> str:
    """HTML for ``moment`` as seen at ``viewed_at``: relative in a titled span, or plain."""
    local = moment.astimezone(SITE_TZ)
    view = viewed_at.astimezone(SITE_TZ)
    today = view.replace(hour=0, minute=0, second=0, microsecond=0)
    elapsed = int(view.timestamp()) - int(local.timestamp())
    if local >= today:
        if elapsed < 0:
            return plain_format(moment)
        if elapsed > 3600:
            text = f"{elapsed // 3600}&nbsp;小时前"
        elif elapsed > 1800:
            text = "半小时前"
        elif elapsed > 60:
            text = f"{elapsed // 60}&nbsp;分钟前"
        elif elapsed > 0:
            text = f"{elapsed}&nbsp;秒前"
        else:
            text = "刚刚"
        return f'<span title="{title_format(moment)}">{text}</span>'
    days = int((today.timestamp() - local.timestamp()) // 86400)
    if days >= 7:
        return plain_format(moment)
    if days == 0:
        text = f"昨天&nbsp;{local:%H:%M}"
    elif days == 1:
        text = f"前天&nbsp;{local:%H:%M}"
    else:
        text = f"{days + 1}&nbsp;天前"
    return f'<span title="{title_format(moment)}">{text}</span>'
