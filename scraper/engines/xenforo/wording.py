"""What XenForo prints: the edit note ("Last edited: Nov 21, 2010", "Last edited by a
moderator: …"), the stand-ins for content a guest may not see, and its times (month names
in titles and text, "Today at 10:51 AM", "Sunday at 5:12 PM", epochs in ``data-time``)."""

from __future__ import annotations

import re
from scraper.engines import shown_times
from scraper.engines.base import Wording

EDIT_NOTICES = (
    re.compile(r"Last edited(?: by (?P<author>a moderator|[^:]+?))?\s*:\s*(?P<time>.+?)\s*$", re.I | re.S),
)
HIDDEN = re.compile(
    r"You must log in or register to (?:view|see|reply)"
    r"|Hidden content"
    r"|You do not have permission to view",
    re.I)
# The banner XenForo gives a banned member, and a post's deleted placeholder.
BANNED = re.compile(r"^\s*Banned\s*$|This (?:message|post) has been (?:deleted|removed)", re.I)


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=HIDDEN, banned=BANNED, parse_time=shown_times.parse_time)
