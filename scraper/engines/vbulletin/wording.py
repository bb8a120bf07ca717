"""What vBulletin prints: edit notices ("Last edited by X; 06-15-2016 at 03:10 PM. Reason: …",
5.x "Last edited by X; 04-09-2019, 10:41 AM."), the notices standing in for what a guest may
not see, and its times (numeric dates month-first, the default ``m-d-Y`` of the English pack;
a date whose first number is over 12 reads day-first).

The German and French packs of 4.2, as real pages print them (tests/fixtures/vbulletin-4-de,
vbulletin-4-fr): "Geändert von X (08.11.2009 um 13:53 Uhr) Grund: …" and "Dernière
modification par X ; 30/09/2009 à 19h14. Motif: …"; dates ``d.m.Y`` and ``d/m/Y à 19h14``
(read day-first by ``shown_times``); the footer "Alle Zeitangaben in WEZ +2." and "Fuseau
horaire GMT +1."; the page navigation "Seite 1 von 10"."""

from __future__ import annotations

import re
from scraper.engines import shown_times
from scraper.engines.base import Wording

EDIT_NOTICES = (
    re.compile(r"Last edited by\s*:?\s*(?P<author>.+?)\s*;\s*(?P<time>.+?)\.?(?:\s+Reason:.*)?$", re.I | re.S),
    re.compile(r"Geändert von\s+(?P<author>.+?)\s*\((?P<time>[^()]+)\)\s*(?:Grund:.*)?$", re.I | re.S),
    re.compile(r"Dernière modification par\s+(?P<author>.+?)\s*;\s*(?P<time>.+?)\.?(?:\s+Motif\s*:.*)?$",
               re.I | re.S),
)
# The footer sentence that states the page's zone, in the English, German and French packs.
ZONE_FOOTERS = ("All times are", "Alle Zeitangaben in", "Fuseau horaire")
# The page navigation's "Page 2 of 10" (English), "Seite 2 von 10" (German).
PAGE_OF = re.compile(r"(?:Page|Seite)\s+(\d+)\s+(?:of|von)\s+(\d+)", re.I)
HIDDEN = re.compile(
    r"You (?:must|need to) (?:be )?(?:logged in|register|log in)[^.]*(?:to (?:see|view)|in order)"
    r"|This (?:message|post) is hidden because"
    r"|Hidden Content"
    r"|You do not have permission to view",
    re.I)
# The user title vBulletin gives a banned member, and the stand-in for a deleted message.
BANNED = re.compile(r"^\s*Banned\s*$|This (?:message|post) (?:has been|was) deleted by", re.I)


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=HIDDEN, banned=BANNED, parse_time=shown_times.parse_time)
