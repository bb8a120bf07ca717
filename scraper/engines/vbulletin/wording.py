"""What vBulletin prints: edit notices ("Last edited by X; 06-15-2016 at 03:10 PM. Reason: …",
5.x "Last edited by X; 04-09-2019, 10:41 AM."), the notices standing in for what a guest may
not see, and its times (numeric dates month-first, the default ``m-d-Y`` of every stock
language; a date whose first number is over 12 reads day-first)."""

from __future__ import annotations

import re
from scraper.engines import shown_times
from scraper.engines.base import Wording

EDIT_NOTICES = (
    re.compile(r"Last edited by\s*:?\s*(?P<author>.+?)\s*;\s*(?P<time>.+?)\.?(?:\s+Reason:.*)?$", re.I | re.S),
)
HIDDEN = re.compile(
    r"You (?:must|need to) (?:be )?(?:logged in|register|log in)[^.]*(?:to (?:see|view)|in order)"
    r"|This (?:message|post) is hidden because"
    r"|Hidden Content"
    r"|You do not have permission to view",
    re.I)
# The user title vBulletin gives a banned member, and the stand-in for a deleted message.
BANNED = re.compile(r"^\s*Banned\s*$|This (?:message|post) (?:has been|was) deleted by", re.I)


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=HIDDEN, banned=BANNED, parse_time=shown_times.parse_time)
