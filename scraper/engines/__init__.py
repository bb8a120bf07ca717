"""Forum engines: one package each (``scraper.engines.<name>``, its ``ENGINE``), behind
``scraper.engines.base.Engine``. ``detect`` finds a page's engine from the page itself."""

from __future__ import annotations

from functools import cache
from importlib import import_module

from parsel import Selector

from scraper.engines.base import Engine

__all__ = ["ENGINE_NAMES", "Engine", "UnknownEngine", "by_name", "detect", "registered", "what_it_shows"]

# Tried in this order by ``detect``: Discuz last, as its markers are the broadest (6.x/7.x
# share ``forumdisplay.php?fid=`` with MyBB).
ENGINE_NAMES = ("xenforo", "vbulletin", "invision", "discourse", "nodebb", "mybb", "smf", "phpbb", "phpwind", "discuz")


class UnknownEngine(ValueError):
    """An engine name that is none of ``ENGINE_NAMES``."""


@cache
def _loaded(name: str) -> Engine:
    return import_module(f"scraper.engines.{name}").ENGINE


def registered() -> tuple[Engine, ...]:
    return tuple(_loaded(name) for name in ENGINE_NAMES)


def by_name(name: str) -> Engine:
    """The engine called ``name``: a lookup the cleaner makes for every post, which loads that
    engine's package alone."""
    wanted = name.strip().lower()
    if wanted not in ENGINE_NAMES:
        raise UnknownEngine(f"unknown engine {name!r}: forum-harvest reads {', '.join(ENGINE_NAMES)}")
    return _loaded(wanted)


def detect(page: Selector) -> Engine | None:
    """The engine that rendered the page, or None when no engine recognizes it."""
    return next((engine for engine in registered() if engine.recognizes(page)), None)


def what_it_shows(page: Selector) -> str:
    """What a page no engine recognizes shows of itself, for the one-line error: its generator
    and title (cut short), or that it has neither."""
    generator = " ".join((page.xpath("//meta[@name='generator']/@content").get() or "").split())
    title = " ".join(" ".join(page.xpath("//title//text()").getall()).split())
    shown = [f"generator {generator[:60]!r}" if generator else "no generator meta",
             f"title {title[:80]!r}" if title else "no title"]
    return ", ".join(shown)
