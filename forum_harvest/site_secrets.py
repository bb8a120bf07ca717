"""A site profile's secrets (its ``cookies``): read on the machine that crawls, never sent.

The cookies of ``[sites.NAME]`` come from that machine's config file, and from
``$FORUM_HARVEST_COOKIES_NAME`` (``NAME`` upper-cased, other characters than letters and
digits as ``_``; a Cookie header such as ``auth=…; uid=5``), which adds to and overrides
them. A queued job (``crawl --queue``, a scheduler job in broker mode) carries only the
profile's name (:attr:`CrawlOrder.secrets_of`); the worker's crawl reads the cookies here.
They reach Scrapy as ``FORUM_COOKIES`` in the crawl's own process, never on a command line,
in a broker message or in the scheduler's job store.
"""

from __future__ import annotations

import os
import re
from http.cookies import CookieError, SimpleCookie

from forum_harvest.config import ConfigError, HarvestConfig
from forum_harvest.scrapy_settings_check import SECRET_SETTINGS

COOKIES_ENV_PREFIX = "FORUM_HARVEST_COOKIES_"


def cookies_env_name(site: str) -> str:
    return COOKIES_ENV_PREFIX + re.sub(r"[^A-Z0-9]", "_", site.upper())


def site_cookies(config: HarvestConfig | None, site: str | None) -> dict[str, str]:
    """The cookies of profile ``site`` on this machine: its config's, then its environment's."""
    if site is None:
        return {}
    profile = config.sites.get(site) if config else None
    cookies = dict(profile.cookies) if profile else {}
    header = os.environ.get(cookies_env_name(site), "").strip()
    if header:
        parsed = SimpleCookie()
        try:
            parsed.load(header)
        except CookieError:
            raise ConfigError(f"${cookies_env_name(site)}: not a Cookie header such as 'auth=…; uid=5'") from None
        cookies.update({name: morsel.value for name, morsel in parsed.items()})
    return cookies


def required_cookies(config: HarvestConfig | None, site: str) -> dict[str, str]:
    """The cookies a queued job needs (``crawl --secrets-of NAME``); one line if this machine
    has none: the crawl would run logged out."""
    cookies = site_cookies(config, site)
    if not cookies:
        raise ConfigError(f"the job needs the cookies of site profile {site!r}: put them in "
                          f"[sites.{site}] cookies of this machine's config or in ${cookies_env_name(site)}")
    return cookies


def refuse_travelling_secrets(settings: dict[str, object]) -> None:
    """A queued job's own settings may not carry secrets (they would sit in the broker)."""
    for name in SECRET_SETTINGS:
        if name in settings:
            raise ConfigError(f"{name} cannot go with a queued job (the broker would hold it): put the "
                              "cookies in [sites.NAME] cookies of each worker's config")
