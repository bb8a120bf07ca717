"""Times printed in the words of the western engines' other language packs (German, French,
Spanish, Russian, Simplified Chinese): "Heute, 20:45", "Hier, 20:45", "Ayer, 20:45",
"Вчера, 20:45", "昨天 20:45", "Aujourd'hui, 13h16", "06 décembre 2026, 20:45",
"Mo 7. Dez 2026 20:45". Read with ``dateparser`` (its CLDR-derived month, day and relative
words), and only when the English shapes of ``shown_times`` find nothing: a machine-readable
attribute and the English forms keep winning. Precision is what the text shows: seconds, a
clock (minute), else the day."""

from __future__ import annotations

import re
from datetime import datetime, timezone, tzinfo

import dateparser

# The language packs read (ISO 639-1 codes dateparser knows).
LANGUAGES = ("de", "fr", "es", "ru", "zh")
# No bare epochs or digit runs ("timestamp", "no-spaces-time"): an unreadable text stays unread.
_SETTINGS = {"PARSERS": ["relative-time", "absolute-time"], "PREFER_DATES_FROM": "past",
             "RETURN_AS_TIMEZONE_AWARE": False}
_SECONDS = re.compile(r"\d{1,2}:\d{2}:\d{2}")
_CLOCK = re.compile(r"\d{1,2}[:h]\d{2}")  # "20:45", the French packs' "20h45"
_RELATIVE = re.compile(r"\b(?:vor|il y a|hace|назад)\b|前", re.I)
_HAS_LETTER = re.compile(r"[^\W\d_]")


def parse_foreign(text: str, now: datetime, where: tzinfo) -> tuple[datetime | None, str | None]:
    """``text`` as one of the packs prints a time, read in zone ``where`` (``now``: the fetch
    time there); ``(None, None)`` when none reads it. A text without a letter (a numeric date
    the English reader could not place) is not guessed at."""
    text = text.replace("\u2019", "'")  # the packs' typographic apostrophe: "Aujourd’hui"
    if not _HAS_LETTER.search(text):
        return None, None
    found = dateparser.parse(text, languages=list(LANGUAGES),
                             settings={**_SETTINGS, "RELATIVE_BASE": now.replace(tzinfo=None)})
    if found is None:
        return None, None
    precision = ("second" if _SECONDS.search(text) else "minute" if _CLOCK.search(text) or _RELATIVE.search(text)
                 else "day")
    return found.replace(tzinfo=where).astimezone(timezone.utc), precision
