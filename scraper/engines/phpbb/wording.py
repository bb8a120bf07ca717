"""The words and time shapes phpBB prints (English language pack, 2.0 to 3.3; facts from
``language/en/viewtopic.php``, ``language/en/common.php`` and ``phpbb\\datetime::format``; the
edit notice also in the German, French, Spanish and Russian packs, and times in their words
through ``shown_times``' ``foreign_times``: docs/engines/phpbb.md).

- Edit notice, outside the message (``div.notice`` in prosilver, a ``span.gensmall`` line in
  subsilver2 and 2.0): 3.x ``Last edited by X on T, edited N time(s) in total.`` with an optional
  ``Reason: …`` line; 2.0 ``Last edited by X on T; edited N time(s) in total``.
- Times: the member's date format, for a guest the board's (install default ``D M d, Y g:i a``:
  ``Sun Dec 06, 2026 8:45 pm``; the other offered formats ``d M Y, H:i``, ``d M Y H:i``,
  ``M jS, 'y, H:i``, ``F jS, Y, g:i a``; the relative ``|d M Y|`` ones print ``Today, 20:45``,
  ``Yesterday, 20:45``, and 3.1+ ``less than a minute ago``, ``N minutes ago`` in the last hour).
  3.2.? and later wrap a post's time in ``<time datetime="ISO 8601">``, which wins. The shapes
  other engines share are read by ``shown_times``; phpBB adds ``less than a minute ago`` and
  the two-digit year ``'26``.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from scraper.engines import shown_times
from scraper.engines.base import Wording

EDIT_NOTICES = (
    re.compile(r"Last edited by\s+(?P<author>.{1,60}?)\s+on\s+(?P<time>.{1,60}?)\s*[,;]\s*edited\s+\d+\s+times?"
               r"\s+in\s+total", re.I),
    # The language packs' EDITED_TIMES_TOTAL (language/<lang>/viewtopic.php, 3.1+; %2$s the
    # editor, %3$s the time): de "Zuletzt geändert von %2$s am %3$s, insgesamt %1$d-mal
    # geändert.", fr "Dernière édition par %2$s le %3$s, édité %1$d fois.", es "Última
    # edición por %2$s el %3$s, editado %1$d vez/veces en total.", ru "Последний раз
    # редактировалось %2$s %3$s, всего редактировалось %1$d раз(а)." (no word between name
    # and time: the time starts with a digit, a two-letter weekday or Сегодня/Вчера).
    re.compile(r"Zuletzt geändert von\s+(?P<author>.{1,60}?)\s+am\s+(?P<time>.{1,60}?)\s*,\s*insgesamt\s+\d+-mal",
               re.I),
    re.compile(r"Dernière édition par\s+(?P<author>.{1,60}?)\s+le\s+(?P<time>.{1,60}?)\s*,\s*édité\s+\d+\s+fois",
               re.I),
    re.compile(r"Última edición por\s+(?P<author>.{1,60}?)\s+el\s+(?P<time>.{1,60}?)\s*,\s*editado\s+\d+\s+(?:vez|veces)",
               re.I),
    re.compile(r"Последний раз редактировалось\s+(?P<author>.{1,60}?)\s+(?P<time>(?:\d|Сегодня|Вчера|[А-ЯЁа-яё]{2}\b)"
               r".{0,60}?)\s*,\s*всего редактировалось\s+\d+\s+раз", re.I),
)
_LESS_THAN_A_MINUTE = re.compile(r"\bless than a minute ago\b", re.I)
_SHORT_YEAR = re.compile(r"(?P<md>\b[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?),?\s+'(?P<yy>\d{2})\b")


def parse_time(text: str | None, attr: str | None, fetched_at: datetime, tz: str,
               order: str = shown_times.MONTH_FIRST) -> tuple[datetime | None, str | None]:
    """(UTC datetime, precision) of a phpBB time; ``attr`` (``<time datetime>``) wins. A shape
    with impossible fields is unreadable, never guessed."""
    if text and _LESS_THAN_A_MINUTE.search(text) and not attr:
        return fetched_at.astimezone(timezone.utc), "minute"
    if text:  # "Dec 6th, '26, 20:45" (M jS, 'y): the year in full for the shared reader
        text = _SHORT_YEAR.sub(lambda m: f"{m['md']}, 20{m['yy']}", text)
    return shown_times.parse_time(text, attr, fetched_at, tz, order)


# phpBB's shipped pack is British English (``USER_LANG`` 'en-gb'), on boards of every country.
WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=None, banned=None, parse_time=parse_time,
                  date_order=shown_times.MONTH_FIRST, pack_languages=("en-gb",))
