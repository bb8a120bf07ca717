"""What phpwind prints around posts, and its time forms.

9.x (``template/bbs/read_floor.htm``, ``src/library/Pw.php``): the post time ``发布于：Y-m-d H:i``
(``Pw::time2str``, the site's ``time.timezone``, +8 by default); the edit line ``[X于Y-m-d H:i编辑了帖子]``
in ``div.edit_log`` after the message; lists print ``Pw::time2str(…, 'auto')``: ``N秒前``,
``N分钟前``, ``H:i`` (today), ``昨天H:i``, ``前天H:i``, ``m-d H:i`` (this year), else ``Y-m-d H:i``.
8.x (``template/wind/read.htm``, ``lang/wind/lang_bbscode.php``): ``发表于: Y-m-d H:i``, the edit
line ``[ 此帖被X在Y-m-d H:i重新编辑 ]``, quotes headed ``引用第N楼X于Y-m-d H:i发表的 :``,
and the notice standing in for a banned member's post ``用户被禁言,该主题自动屏蔽!``.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

from scraper.engines import shown_times
from scraper.engines.base import Wording
from scraper.engines.discuz.times import parse_discuz_time
from scraper.engines.phpwind import row_times

logger = logging.getLogger(__name__)

EDIT_NOTICES = (
    re.compile(r"\[\s*(?P<author>.+?)于(?P<time>\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2})编辑了帖子\s*\]"),
    re.compile(r"\[\s*此帖被(?P<author>.+?)在(?P<time>\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2})重新编辑\s*\]"),
)
# 8.x's quote header (the 9.x quote names its author in a link before "：").
QUOTE_HEADER_8 = re.compile(
    r"引用(?:第(?P<floor>\d+)楼)?(?P<author>.+?)于(?P<time>\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2})发表的\s*[:：]?")
# 9.x (``PwUbbCode::createPost``, ``createSell``, ``createHide``; ``PwThreadDisplay``'s shield):
# a [post] block, a [sell] message, a [hide] block, a shielded post.
HIDDEN = re.compile(r"此帖(?:已被|被管理员)屏蔽|该帖(?:子)?被管理员屏蔽|此帖仅作者可见|本帖内容需要回复才能查看"
                    r"|本部分内容设定了(?:隐藏|加密)|此段为出售的内容|对不起!您没有登录")
BANNED = re.compile(r"用户被禁言\s*[,，]?\s*该主题自动屏蔽")
_NTH = re.compile(r"(\d+)\s*楼")

# The floor words (9.x ``read.defined_floor_name``, 8.x ``db_floorname``), then ``N楼``.
FLOOR_WORDS = {"楼主": 1, "沙发": 2, "板凳": 3, "地板": 4}


def floor_of(word: str) -> int | None:
    """楼主 is floor 1; ``N楼`` is the Nth reply, floor N + 1; ``#N`` likewise."""
    word = word.replace("#", " ").strip()
    if word in FLOOR_WORDS:
        return FLOOR_WORDS[word]
    found = _NTH.search(word) or re.fullmatch(r"(\d+)", word)
    return int(found.group(1)) + 1 if found else None


_MONTH_DAY = re.compile(r"^\s*(\d{1,2})-(\d{1,2})\s+(\d{1,2}:\d{2})\s*$")
_CLOCK_ONLY = re.compile(r"^\s*(\d{1,2}:\d{2})\s*$")


def _site_now(fetched_at: datetime, tz: str) -> datetime:
    return (fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=UTC)).astimezone(shown_times.zone(tz))


def _with_date(text: str, fetched_at: datetime, tz: str) -> str:
    """``H:i`` is today's, in the site's zone; ``m-d H:i`` (``'auto'``'s form for this year)
    the last such day up to today."""
    today = _site_now(fetched_at, tz)
    if found := _MONTH_DAY.match(text):
        later = (int(found[1]), int(found[2])) > (today.month, today.day)
        return f"{today.year - later}-{found[1]}-{found[2]} {found[3]}"
    if found := _CLOCK_ONLY.match(text):
        return f"{today:%Y-%m-%d} {found[1]}"
    return text


def parse_time(text: str | None, attr: str | None, fetched_at: datetime,
               tz: str) -> tuple[datetime | None, str | None]:
    """The shapes Discuz's reader knows (absolute, ``N秒前``, ``昨天H:i``…) plus phpwind's two
    short forms and a 9.x list row's last reply after its start (``row_times``): that one is
    unreadable, never guessed from the text, when its year cannot be known."""
    if row_times.is_since_start(attr):
        attr = row_times.dated(attr, _site_now(fetched_at, tz).date())
        if attr is None:
            logger.warning("phpwind list time of unknown year: text=%r", text)
            return None, None
    return parse_discuz_time(_with_date(text, fetched_at, tz) if text else text, attr,
                             fetched_at, tz)


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=HIDDEN, banned=BANNED, parse_time=parse_time)
