"""What vBulletin prints: edit notices ("Last edited by X; 06-15-2016 at 03:10 PM. Reason: …",
5.x "Last edited by X; 04-09-2019, 10:41 AM."), the notices standing in for what a guest may
not see, and its times (numeric dates in the page's order, ``date_order``: the default
``m-d-Y`` of the English pack, month-first, when nothing on the page or in the crawl decides).

The German and French packs of 4.2, as real pages print them (tests/fixtures/vbulletin-4-de,
vbulletin-4-fr): "Geändert von X (08.11.2009 um 13:53 Uhr) Grund: …" and "Dernière
modification par X ; 30/09/2009 à 19h14. Motif: …"; dates ``d.m.Y`` and ``d/m/Y à 19h14``
(read day-first by ``shown_times``); the footer "Alle Zeitangaben in WEZ +2." and "Fuseau
horaire GMT +1."; the page navigation "Seite 1 von 10".

The Spanish pack of 3.x, as forocoches.com's pages print it (tests/fixtures/vbulletin-3-es):
dates ``d-M-Y`` with the pack's month abbreviations ("15-mar-2003, 15:21", "16-ene-2005",
"01-abr-2003", "03-ago-2014", "01-dic-2014": ene feb mar abr may jun jul ago sep oct nov dic,
read by ``foreign_times``), the edit note "Última edición por X fecha: 01-abr-2003 a las
02:54.", quotes "Cita:" / "Originalmente Escrito por <b>X</b>", the page navigation "Pág 1 de
66", the error boxes "Tema especificado inválido." and "Ningún Tema especificado."; its
index footer "Todas las horas son GMT -4." (forospyware.com, an index page not kept here)."""

from __future__ import annotations

import re
from scraper.engines import shown_times
from scraper.engines.base import Wording

EDIT_NOTICES = (
    re.compile(r"Last edited by\s*:?\s*(?P<author>.+?)\s*;\s*(?P<time>.+?)\.?(?:\s+Reason:.*)?$", re.I | re.S),
    re.compile(r"Geändert von\s+(?P<author>.+?)\s*\((?P<time>[^()]+)\)\s*(?:Grund:.*)?$", re.I | re.S),
    re.compile(r"Dernière modification par\s+(?P<author>.+?)\s*;\s*(?P<time>.+?)\.?(?:\s+Motif\s*:.*)?$",
               re.I | re.S),
    # 3.x Spanish: "Última edición por X fecha: 01-abr-2003 a las 02:54." ("Razón: …" after it)
    re.compile(r"Última edición por\s+(?P<author>.+?)\s+fecha\s*:\s*(?P<time>.+?)\.?(?:\s+Razón\s*:.*)?$",
               re.I | re.S),
)
# The header of a 3.x quote naming its author: "Originally Posted by <strong>X</strong>",
# Spanish "Originalmente Escrito por <b>X</b>".
QUOTE_HEADERS = re.compile(r"Originally Posted by|Originalmente Escrito por", re.I)
# The footer sentence that states the page's zone, in the English, German, French and Spanish packs.
ZONE_FOOTERS = ("All times are", "Alle Zeitangaben in", "Fuseau horaire", "Todas las horas son")
# The page navigation's "Page 2 of 10" (English), "Seite 2 von 10" (German), "Pág 2 de 66"
# (Spanish, abbreviated; "Página" in full).
PAGE_OF = re.compile(r"(?:Page|Seite|Pág(?:ina)?\.?)\s+(\d+)\s+(?:of|von|de)\s+(\d+)", re.I)
# The error box in place of a thread (``standard_error``): what makes it a thread that is not
# there, or one a guest may not read (English; Spanish "Tema especificado inválido.", "Ningún
# Tema especificado.").
GONE = re.compile(r"Invalid (?:Thread|Post) specified|No (?:Thread|Post) specified"
                  r"|(?:Tema|Mensaje) especificado inválido|Ningún (?:Tema|Mensaje) especificado", re.I)
FORBIDDEN = re.compile(r"do not have permission", re.I)
# A page in place of a thread saying only registered members may read it: forocoches.com's own
# (a site template, not the pack's): "EL TEMA QUE NECESITAS VER ESTÁ DISPONIBLE PARA USUARIOS
# REGISTRADOS CON INVITACIÓN".
MEMBERS_ONLY = re.compile(r"disponible para usuarios registrados", re.I)
HIDDEN = re.compile(
    r"You (?:must|need to) (?:be )?(?:logged in|register|log in)[^.]*(?:to (?:see|view)|in order)"
    r"|This (?:message|post) is hidden because"
    r"|Hidden Content"
    r"|You do not have permission to view",
    re.I)
# The user title vBulletin gives a banned member, and the stand-in for a deleted message.
BANNED = re.compile(r"^\s*Banned\s*$|This (?:message|post) (?:has been|was) deleted by", re.I)


WORDING = Wording(edit_notices=EDIT_NOTICES, hidden=HIDDEN, banned=BANNED, parse_time=shown_times.parse_time,
                  date_order=shown_times.MONTH_FIRST)
