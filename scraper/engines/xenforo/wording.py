"""What XenForo prints: the edit note ("Last edited: Nov 21, 2010", "Last edited by a
moderator: …"), the stand-ins for content a guest may not see, and its times (month names
in titles and text, "Today at 10:51 AM", "Sunday at 5:12 PM", epochs in ``data-time``).

The German pack, as real pages print it. 2.x (tests/fixtures/xenforo-2-de): "Zuletzt
bearbeitet: 04.03.2019", "Zuletzt bearbeitet von einem Moderator: 04.03.2019" (the editor is
then "einem Moderator", as English gives "a moderator"); dates ``d.m.Y`` with the title
"04.03.2019 um 20:26" (read day-first by ``shown_times``), "Freitag um 00:40 Uhr" within the
week (``foreign_times``); ``data-time`` still wins; quotes titled "X schrieb:" or "Zitat von
X:". 1.x (tests/fixtures/xenforo-1-de): "10. April 2020" titled "10. April 2020 um 07:38 Uhr",
"21.04.20" titled "21.04.20 um 10:58 Uhr", "Seite 1 von 5"."""

from __future__ import annotations

import re
from scraper.engines import shown_times
from scraper.engines.base import Wording

EDIT_NOTICES = (
    re.compile(r"Last edited(?: by (?P<author>a moderator|[^:]+?))?\s*:\s*(?P<time>.+?)\s*$", re.I | re.S),
    re.compile(r"Zuletzt bearbeitet(?: von (?P<author>einem Moderator|[^:]+?))?\s*:\s*(?P<time>.+?)\s*$",
               re.I | re.S),
)
# 1.x's page navigation header: "Page 54 of 347" (English), "Seite 1 von 5" (German).
PAGE_OF = re.compile(r"(?:Page|Seite)\s+(\d+)\s+(?:of|von)\s+(\d+)", re.I)
# A 2.x quote box's title when it names its author: "X said:" (English), "X schrieb:" and
# "Zitat von X:" (German pages); read only where the box has no ``data-quote``.
QUOTE_TITLES = (re.compile(r"^Zitat von\s+(?P<author>.+?)\s*:$", re.I | re.S),
                re.compile(r"^(?P<author>.+?)\s+(?:said|schrieb)\s*:$", re.I | re.S))
HIDDEN = re.compile(
    r"You must log in or register to (?:view|see|reply)"
    r"|Hidden content"
    r"|You do not have permission to view",
    re.I)
# The banner XenForo gives a banned member, and a post's deleted placeholder.
BANNED = re.compile(r"^\s*Banned\s*$|This (?:message|post) has been (?:deleted|removed)", re.I)


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=HIDDEN, banned=BANNED, parse_time=shown_times.parse_time,
                  date_order=shown_times.MONTH_FIRST)
