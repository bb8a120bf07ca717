"""Check a job's ``settings = {...}`` against Scrapy's settings and ours before any crawl runs:
an unknown name (a typo) or a value of the wrong type fails at load, in one line."""

from __future__ import annotations

from functools import cache
from typing import Any

BOOL_TEXTS = {"true", "false", "1", "0"}

# Scrapy settings holding secrets (a site profile's cookies): never in a job's settings,
# a queued job or a crawl's command line (forum_harvest.site_secrets).
SECRET_SETTINGS = ("FORUM_COOKIES",)


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    try:
        float(value)
    except ValueError:
        return False
    return True


# What Scrapy's getbool/getint/getfloat/get accept for a setting whose default has this type
# (an int default may take a float: DOWNLOAD_DELAY = 0 is a float setting).
ACCEPTS = {
    bool: ("true or false", lambda value: isinstance(value, bool) or str(value).lower() in BOOL_TEXTS),
    int: ("a number", _is_number),
    float: ("a number", _is_number),
    str: ("a string", lambda value: isinstance(value, str)),
}


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
        if name in SECRET_SETTINGS:
            raise ValueError(f"{name}: a secret; put it in [sites.NAME] cookies, which stay out of "
                             "job settings, the job store, command lines and queued jobs")
        if name not in known:
            raise ValueError(f"{name}: not a Scrapy or forum-harvest setting (a typo?)")
        default = known[name]
        if default is None or type(default) not in ACCEPTS:
            continue
        expected, accepts = ACCEPTS[type(default)]
        if not accepts(value):
            raise ValueError(f"{name} = {value!r}: expected {expected}")
    return settings
