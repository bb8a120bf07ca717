"""What MyBB 1.8 prints around posts, in its English language pack (``inc/languages/english``:
``global.lang.php`` ``today``/``yesterday``/``*_ago``, ``showthread.lang.php``
``postbit_edited``, ``global.lang.php`` ``wrote``).

Times come from ``my_date()`` (``inc/functions.php``): the board's ``dateformat`` (default
``m-d-Y``; the admin panel offers ``m-d-Y``, ``d-m-Y``, ``Y-m-d``, ``F jS, Y``, ``l, jS F,
Y``…) and ``timeformat`` (default ``h:i A``) joined by ``datetimesep`` (``, ``), or, with
relative dates on (the default), ``<span title="DATE">Today</span>, TIME``/``Yesterday`` for
the last two days and ``<span title="DATE, TIME">N hours ago</span>`` within 24 hours
(``Less than 1 minute ago``, ``1 minute ago``, ``N minutes ago``, ``1 hour ago``). They are
in the board's (or member's) offset, which the page never prints next to them: the footer's
``Current time:`` shows the page's clock. The shapes are read by ``shown_times``.
"""

from __future__ import annotations

import re
from datetime import datetime

from scraper.engines import shown_times
from scraper.engines.base import Wording

EDIT_NOTICES = (
    re.compile(r"This post was last modified:\s*(?P<time>.+?)\s+by\s+(?P<author>.+?)\.?\)?\s*$"),
)
# What the ``error`` page's reason says (``inc/languages/english/messages.lang.php``):
# ``error_nopermission_guest_1`` (a guest), ``_user_1`` (a member), ``error_invalidthread`` /
# ``error_invalidpost``; any other reason is a plain message.
MESSAGE_KINDS = (
    ("login_required", re.compile(r"You are either not logged in or do not have permission", re.I)),
    ("forbidden", re.compile(r"You do not have permission to access this page", re.I)),
    ("deleted", re.compile(r"The specified (?:thread|post) does not exist", re.I)),
)
# "bob Wrote:" in a quote's <cite>: the word after the name.
QUOTE_WROTE = re.compile(r"\s*(?:Wrote:|wrote:)\s*$")


def parse_time(text: str | None, attr: str | None, fetched_at: datetime, tz: str,
               order: str = shown_times.MONTH_FIRST) -> tuple[datetime | None, str | None]:
    """``attr`` (a ``span[title]``, completed with the text's clock by the reader) wins;
    numeric dates in the page's ``order`` (``date_order``), month first (``m-d-Y``) when nothing
    decides, unless the first number cannot be a month."""
    return shown_times.parse_time(text, attr, fetched_at, tz, order)


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=None, banned=None, parse_time=parse_time,
                  date_order=shown_times.MONTH_FIRST)
