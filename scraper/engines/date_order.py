"""The order of a page's numeric dates (``03/01/18``: 3 January, or 1 March?), decided once per
page, never per date, from the first of these that says:

1. the page's own dates: a date that only one order reads (``16/03/18``, ``06-15-2016``, a
   dotted ``d.m.Y``, the French ``d/m/Y à 19h14``) decides the page; dates proving both orders
   make it ``UNDECIDABLE``, and a date that either order reads is then unreadable (counted,
   never guessed);
2. the site's dates: what the crawl's earlier pages of the site proved (its index first),
   when they all agree (``SiteDates``);
3. the user's setting: ``FORUM_DATE_ORDER`` (a site profile's ``date_order``), for what only
   the user knows;
4. the page's language (``<html lang>``, ``<meta http-equiv="Content-Language">``, the
   ``Content-Language`` header), as CLDR writes dates there (``dateparser``'s locale data);
5. the engine's default (``Wording.date_order``: month-first, its English pack's ``m-d-Y``).

Bare ``en`` decides nothing: CLDR's ``en`` is US English, but the English packs print ``en``
on boards of every country (vBulletin, MyBB, Discourse); neither does a tag the engine's own
pack prints everywhere (``Wording.pack_languages``: phpBB's ``en-gb``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from dateparser.languages.loader import default_loader

from scraper.engines.base import Wording
from scraper.engines.shown_times import DATE_ORDERS, DAY_FIRST, MONTH_FIRST, UNDECIDABLE, proven_order

# ``lang``, not XHTML's ``xml:lang`` (MyBB prints both; HTML reads ``lang``).
_HTML_LANG = re.compile(r"<html\b[^>]*?(?<![:\w-])lang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.I)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_CONTENT_LANGUAGE = re.compile(r"http-equiv\s*=\s*[\"']?content-language\b", re.I)
_CONTENT = re.compile(r"\bcontent\s*=\s*[\"']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.I)
_CLDR_ORDERS = {"DMY": DAY_FIRST, "MDY": MONTH_FIRST}  # a year-first language (YMD) tells nothing here


def setting_order(value: str | None) -> str | None:
    """``FORUM_DATE_ORDER`` checked: ``day-first``, ``month-first``, or unset."""
    if not value:
        return None
    if value not in DATE_ORDERS:
        raise ValueError(f"FORUM_DATE_ORDER={value!r}: expected one of {', '.join(DATE_ORDERS)}")
    return value


def shown_order(texts: Iterable[str | None]) -> str | None:
    """What the dates a page shows prove: one order, ``UNDECIDABLE`` when they prove both, None
    when none proves any."""
    proven = {order for order in map(proven_order, texts) if order}
    if len(proven) > 1:
        return UNDECIDABLE
    return next(iter(proven), None)


def page_times(view: Any, wording: Wording) -> list[str | None]:
    """The times the engine printed on a page as read (``views``): its posts' times and edit
    notices' times, its thread rows' last-post times, an index's ``shown_times``."""
    times: list[str | None] = list(getattr(view, "shown_times", ()))
    for post in getattr(view, "posts", ()):
        edit = wording.edit_notice(post.edit_notice)
        times += [post.time_text, post.time_title, edit["time"] if edit else None]
    for row in getattr(view, "threads", ()):
        times += [row.last_post_text, row.last_post_attr]
    return times


def language_of(html: str, header: str | None = None) -> str | None:
    """The page's language: ``<html lang>``, else ``<meta http-equiv="Content-Language">``,
    else the ``Content-Language`` header."""
    head = html[:html.find("</head>")] if "</head>" in html else html
    if found := _HTML_LANG.search(head):
        return found.group(1)
    for meta in _META.findall(head):
        if _CONTENT_LANGUAGE.search(meta) and (content := _CONTENT.search(meta)):
            return content.group(1)
    return (header.split(",")[0].strip() or None) if header else None


def language_order(tag: str | None, pack_languages: Iterable[str] = ()) -> str | None:
    """The order CLDR writes numeric dates in for a language tag (``en-GB``, ``es``, ``pt_BR``):
    its region's, else its language's; None for a year-first language, an unknown tag, bare
    ``en`` and the engine's own pack's tags."""
    if not tag:
        return None
    parts = tag.strip().replace("_", "-").split("-")
    language = parts[0].lower()
    cased = "-".join([language, *(part.title() if len(part) == 4 else part.upper() for part in parts[1:])])
    if cased.lower() in {pack.lower() for pack in pack_languages}:
        return None
    for name in (cased, language):
        if name == "en":
            return None
        try:
            return _CLDR_ORDERS.get(default_loader.get_locale(name).info.get("date_order"))
        except ValueError:  # a tag CLDR has no locale for: its language's
            continue
    return None


class SiteDates:
    """What the pages of one site read so far in a crawl proved of its order: the one order
    they all proved, None when none did or they disagree."""

    def __init__(self) -> None:
        self.proven: set[str] = set()

    def learn(self, shown: str | None) -> None:
        if shown in DATE_ORDERS:
            self.proven.add(shown)

    @property
    def order(self) -> str | None:
        return next(iter(self.proven)) if len(self.proven) == 1 else None


def page_order(view: Any, html: str, *, wording: Wording, setting: str | None = None,
               site: SiteDates | None = None, header: str | None = None) -> str | None:
    """The order a page's numeric dates are read in, by the rules above: ``view`` is the page as
    the engine read it, ``html`` its text, ``header`` its ``Content-Language``; what its dates
    prove is kept in ``site``. None for an engine whose reader takes no order."""
    if wording.date_order is None:
        return None
    shown = shown_order(page_times(view, wording))
    if site is not None:
        site.learn(shown)
    return (shown or (site.order if site else None) or setting
            or language_order(language_of(html, header), wording.pack_languages) or wording.date_order)
