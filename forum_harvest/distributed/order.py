"""``CrawlOrder``: everything a worker on another machine needs to run one crawl.

It travels as JSON in the broker message, so it carries the site profile as Scrapy settings
(a worker has no copy of the scheduler's config file) along with the job's own settings:
politeness (``DOWNLOAD_DELAY``, ``CONCURRENT_REQUESTS_PER_DOMAIN``...) goes with the job.
The profile's cookies never do: ``secrets_of`` names the profile, and the worker's crawl
reads its cookies from the worker's own config or environment (forum_harvest.site_secrets).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from forum_harvest.config import SiteConfig
from forum_harvest.runs.crawl_process import crawl_command
from forum_harvest.site_profile import profile_settings
from forum_harvest.site_secrets import refuse_travelling_secrets


@dataclass(frozen=True)
class CrawlOrder:
    url: str
    database_url: str
    timeout: float
    stop_timeout: float
    lock_heartbeat: float
    settings: dict[str, str] = field(default_factory=dict)
    timezone: str | None = None
    arguments: list[str] = field(default_factory=list)  # more `forum-harvest crawl` options
    job: str | None = None  # the scheduler's job name; None when queued by hand
    secrets_of: str | None = None  # the site profile whose cookies the worker reads itself

    def as_message(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> CrawlOrder:
        return cls(**message)

    def command(self) -> list[str]:
        secrets = ["--secrets-of", self.secrets_of] if self.secrets_of else []
        return crawl_command(self.url, self.database_url, self.settings, self.timezone) + secrets + self.arguments


def travelling_settings(profile: SiteConfig | None, job_settings: dict[str, Any]) -> dict[str, str]:
    """The site profile's settings, then the job's, as ``-s NAME=VALUE`` strings (Scrapy reads
    a dict setting from JSON and a list from comma-separated text); never a secret."""
    refuse_travelling_secrets(job_settings)
    merged = {**profile_settings(profile), **job_settings}
    return {name: _as_text(value) for name, value in merged.items() if value is not None}


def _as_text(value: Any) -> str:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return ",".join(str(item) for item in value)
    return str(value)
