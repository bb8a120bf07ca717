"""What Invision Community prints (4.x English language pack, ``core/data/lang.xml``; see
docs/engines/invision.md): the edit line "Edited January 9, 2020 by fabiobassa" (``date_edited``:
"Edited %s by %s", with the reason on a line of its own), "Posted …" before a post's time
(``date_replied``), the moderator's blurb on a hidden post ("Hidden by %s, %s - %s") and its
times: ``<time datetime>`` (UTC, ISO 8601) with the text "January 8, 2020", "Yesterday at
10:09 PM", "Monday at 10:09 PM", "5 minutes ago", "Just now". 3.x prints "Edited by X, 09
January 2020 - 10:09 PM."."""

from __future__ import annotations

import re

from scraper.engines import shown_times
from scraper.engines.base import Wording

EDIT_NOTICES = (
    re.compile(r"^\s*Edited\s+(?P<time>.+?)\s+by\s+(?P<author>.+?)\s*(?:\n.*)?$", re.I | re.S),
    re.compile(r"^\s*Edited by\s+(?P<author>.+?),\s*(?P<time>.+?)\.?\s*(?:\n.*)?$", re.I | re.S),
)
# The stand-ins for what a guest may not see (4.x ``no_permission``-style boxes, 3.x's
# "hidden content" notices) and for a post hidden by a moderator.
HIDDEN = re.compile(
    r"You (?:do not|don't) have permission to view"
    r"|Sign in to (?:view|see) (?:this|the) (?:content|hidden content)"
    r"|This (?:post|content) (?:has been|is) hidden",
    re.I)
# The group name a banned member is shown in, and the blurb of a post a moderator hid.
BANNED = re.compile(r"^\s*Banned\s*$|^\s*Hidden by .+, .+ - ", re.I)


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=HIDDEN, banned=BANNED, parse_time=shown_times.parse_time)
