"""What SMF prints around messages, in its English language pack (``Themes/default/
languages/index.english.php``: ``today``/``yesterday`` ``<strong>Today</strong> at ``,
``quote_from`` ``Quote from``, ``last_edit`` ``Last Edit``, ``reason``); the edit notice also
in the French and German packs, and times in their words ("Aujourd'hui à 20:45", "Heute um
20:45") through ``shown_times``' ``foreign_times`` (docs/engines/smf.md).

Times come from ``timeformat()`` (``Sources/Subs.php``): the member's or forum's
``time_format`` (strftime: 2.1's default ``%b %d, %Y, %I:%M %p`` → ``Dec 06, 2026, 04:01
PM``; 2.0's ``%B %d, %Y, %I:%M:%S %p``), and with ``todayMod`` ``Today at 04:01 PM`` /
``Yesterday at …``, in the member's (a guest: the forum's ``default_timezone``) zone. 2.1's
header prints ``<time datetime="…Z">`` for the page's clock. The shapes are read by
``shown_times``.
"""

from __future__ import annotations

import re
from datetime import datetime

from scraper.engines import shown_times
from scraper.engines.base import Wording

EDIT_NOTICES = (
    re.compile(r"Last Edit:\s*(?P<time>.+?)\s+by\s+(?P<author>.+?)(?:\s+Reason:.*)?\s*»?\s*$"),
    # ``last_edit_by`` of the French pack ("Dernière édition: %1$s par %2$s", its reason label
    # left "Reason") and of the 2.x German pack ("Letzte Änderung: %1$s von %2$s", "Grund").
    re.compile(r"Dernière édition\s*:\s*(?P<time>.+?)\s+par\s+(?P<author>.+?)(?:\s+(?:Reason|Raison)\s*:.*)?\s*»?\s*$"),
    re.compile(r"Letzte Änderung\s*:\s*(?P<time>.+?)\s+von\s+(?P<author>.+?)(?:\s+Grund\s*:.*)?\s*»?\s*$"),
)
QUOTE_HEADER = re.compile(r"^\s*Quote from:\s*(?P<author>.+?)(?:\s+on\s+(?P<time>.+?))?\s*$")
# ``topic_gone`` (``Errors.english.php``, the same words in 1.1, 2.0 and 2.1): what
# ``loadBoard()`` puts above the login form (``is_not_guest``) when a guest asks for a topic or
# board that does not exist, was removed, or is closed to guests; the login form without it
# ("Only registered members are allowed to access this section.") asks for a login only.
TOPIC_GONE = re.compile(r"appears to be either missing or off limits", re.I)
# ``redirects`` (``index.english.php``, 2.0 and 2.1: "Redirects"): a redirect board's count of the
# visitors it sent on, printed where a board prints its posts and topics: 2.1's row "Redirects: 2"
# (``template_bi_redirect_stats``), 2.0's "2 Redirects", a child board's link title "2 Redirects"
# (2.1: "2 Redirects - DESCRIPTION"). 1.1 has no redirect boards.
REDIRECT_COUNT = re.compile(r"^\s*(?:\d[\d,.]*\s+Redirects|Redirects:\s*\d[\d,.]*)\b")


def parse_time(text: str | None, attr: str | None, fetched_at: datetime, tz: str,
               order: str = shown_times.MONTH_FIRST) -> tuple[datetime | None, str | None]:
    """``attr`` (an ISO ``datetime``) wins; numeric dates in the page's ``order`` (``date_order``),
    month first when nothing decides, unless impossible."""
    return shown_times.parse_time(text, attr, fetched_at, tz, order)


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=None, banned=None, parse_time=parse_time,
                  date_order=shown_times.MONTH_FIRST)
