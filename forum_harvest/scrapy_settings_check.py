"""Check a job's ``settings = {...}`` against Scrapy's settings and ours before any crawl runs:
an unknown name (a typo) or a value of the wrong type fails at load, in one line."""

from __future__ import annotations

from functools import cache
from typing import Any

EXPECTED = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}


@cache
def known_settings() -> dict[str, Any]:
    """Every setting name Scrapy or scraper/settings.py defines, with its default value."""
    import scraper.settings
    from scrapy.settings import default_settings

    return {name: getattr(module, name) for module in (default_settings, scraper.settings)
            for name in dir(module) if name.isupper()}


def check_scrapy_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """``settings`` unchanged, or ValueError naming the first bad setting."""
    known = known_settings()
    for name, value in settings.items():
        if name not in known:
            raise ValueError(f"{name}: not a Scrapy or forum-harvest setting (a typo?)")
        default = known[name]
        wanted = type(default)
        if default is None or wanted not in EXPECTED:
            continue
        fits = isinstance(value, wanted) and not (wanted is int and isinstance(value, bool))
        if wanted is float and isinstance(value, int) and not isinstance(value, bool):
            fits = True
        if not fits:
            raise ValueError(f"{name} = {value!r}: expected {EXPECTED[wanted]}")
    return settings
