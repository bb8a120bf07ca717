"""Site profiles (``[sites.NAME]`` in forum-harvest.toml) turned into crawl settings.

A crawl uses the profile whose ``url`` is on the same host and under the same site folder
as the start URL, or the one named with ``--site``; its timezone, charset override and site
names become the Scrapy settings the spider and the cleaning stage read. Its cookies are
secrets, read where the crawl runs (:mod:`forum_harvest.site_secrets`).
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from forum_harvest.config import (
    CONFIG_ENV,
    ConfigError,
    HarvestConfig,
    SiteConfig,
    config_path,
    load_config,
)
from scraper.engines.discuz import urls


def load_optional_config(cli_value: str | None) -> HarvestConfig | None:
    """The config file, or None when none was named and ./forum-harvest.toml is absent."""
    path = config_path(cli_value)
    named = cli_value is not None or CONFIG_ENV in os.environ
    return load_config(path) if named or path.exists() else None


def find_profile(config: HarvestConfig | None, start_url: str, name: str | None = None) -> SiteConfig | None:
    if config is None:
        if name:
            raise ConfigError(f"--site {name}: there is no config file with a [sites.{name}] table")
        return None
    if name is not None:
        if name not in config.sites:
            known = ", ".join(sorted(config.sites)) or "none"
            raise ConfigError(f"--site {name}: no [sites.{name}] table in the config (sites: {known})")
        return config.sites[name]
    start_root = _root_of(start_url)
    return next((site for site in config.sites.values() if _root_of(site.url) == start_root), None)


def profile_name(config: HarvestConfig | None, profile: SiteConfig | None) -> str | None:
    """The ``[sites.NAME]`` name of ``profile``."""
    if config is None or profile is None:
        return None
    return next((name for name, site in config.sites.items() if site is profile), None)


def profile_settings(profile: SiteConfig | None) -> dict[str, Any]:
    if profile is None:
        return {}
    return {
        # Only a zone the profile names: it wins over one the pages state (scraper.spiders.forum).
        **({"FORUM_TIMEZONE": profile.timezone} if "timezone" in profile.model_fields_set else {}),
        "FORUM_CHARSET": profile.charset,
        "FORUM_DATE_ORDER": profile.date_order,
        "FORUM_SITE_NAMES": list(profile.site_names),
        "WARC_ENABLED": profile.warc,
        "FORUM_ENGINE": profile.engine,
        **({"FORUM_MEDIA": profile.media} if profile.media else {}),
    }


def _root_of(url: str) -> tuple[str, str]:
    parts = urlsplit(urls.site_root(url))
    return (parts.netloc.lower(), parts.path)
