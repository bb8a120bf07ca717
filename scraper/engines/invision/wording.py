"""What Invision Community prints (4.x English language pack, ``core/data/lang.xml``; see
docs/engines/invision.md): the edit line "Edited January 9, 2020 by fabiobassa" (``date_edited``:
"Edited %s by %s"; the reason, on a line of its own, is not kept), "Posted …" before a post's time
(``date_replied``) and its times: ``<time datetime>`` (UTC, ISO 8601) with the text "January 8, 2020", "Yesterday at
10:09 PM", "Monday at 10:09 PM", "5 minutes ago", "Just now". 3.x prints "Edited by X, <its
long date>." (``edited_by`` of its forums language pack), "Сообщение отредактировал X: <date>" in
the Russian pack of a 3.4.8 site, whose time words ("Сегодня, 10:45", "Вчера, 09:12", "5 минут
назад") ``foreign_times`` reads."""

from __future__ import annotations

import re

from datetime import datetime

from scraper.engines import shown_times
from scraper.engines.base import Wording

EDIT_NOTICES = (
    re.compile(r"^\s*Edited by\s+(?P<author>.+?),\s*(?P<time>.+?)\.?\s*$", re.I),
    re.compile(r"^\s*Edited\s+(?P<time>.+?)\s+by\s+(?P<author>.+?)\s*$", re.I),
    re.compile(r"^\s*Сообщение отредактировал\s+(?P<author>.+?):\s*(?P<time>.+?)\s*$", re.I),
)
# 3.0–3.1's quote citation before its ``div.blockquote`` (``bbc_full_cite``, ``bbc_name_cite``):
# English "X, on <date>, said:", "X said:"; Russian "X (<date>) писал:".
QUOTE_CITATIONS = (
    re.compile(r"^(?P<author>.+?), on (?P<time>.+), said:$"),
    re.compile(r"^(?P<author>.+?) said:$"),
    re.compile(r"^(?P<author>.+?) \((?P<time>.+)\) писал:$"),
)
# The stand-in for embedded content the reader may not see (``embed_no_perm_desc``) and the
# error a guest gets for a topic (``node_error_no_perm``).
HIDDEN = re.compile(r"we can't show this content because you do not have permission to see it"
                    r"|You do not have permission to view this content", re.I)
# 3.x's prefix of a pinned topic in a topic list (``pre_pinned``, English and Russian).
PINNED = re.compile(r"^\s*(?:Pinned|Зафиксировано)\s*$", re.I)
# The name of the group a banned member is shown in (``banned``).
BANNED = re.compile(r"^\s*Banned\s*$", re.I)


# 3.x's stock long date (``clock_long`` "%d %B %Y - %I:%M %p"): a dash between date and clock.
_DATE_DASH_CLOCK = re.compile(r"(\d{4})\s+-\s+(?=\d{1,2}:\d{2})")


def parse_time(text: str | None, attr: str | None, fetched_at: datetime, tz: str,
               order: str = shown_times.MONTH_FIRST) -> tuple[datetime | None, str | None]:
    """``shown_times.parse_time``, reading 3.x's "09 January 2013 - 10:09 PM" as date and clock;
    a quote's time, which posts.py hands on as ISO 8601 UTC (its ``data-ipsquote-timestamp``), is
    the instant it names, not a date in ``tz``."""
    if attr is None:
        moment, precision = shown_times.from_attribute(text)
        if moment is not None:
            return moment, precision
    return shown_times.parse_time(_DATE_DASH_CLOCK.sub(r"\1, ", text) if text else text, attr, fetched_at, tz,
                                  order)


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=HIDDEN, banned=BANNED, parse_time=parse_time,
                  date_order=shown_times.MONTH_FIRST)
