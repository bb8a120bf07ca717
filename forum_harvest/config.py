"""The user's config file, ``forum-harvest.toml``: database, site profiles, scheduled jobs.

Found at ``--config PATH``, else ``$FORUM_HARVEST_CONFIG``, else ``./forum-harvest.toml``.
Every problem with it is a :class:`ConfigError` whose message is one line naming the file,
the key and what is wrong. Durations are a number of seconds or a string such as ``"90s"``,
``"30m"``, ``"2h"``, ``"1h30m"``, ``"1d"``. ``forum-harvest.example.toml`` shows every key.
"""

from __future__ import annotations

import codecs
import os
import re
import tomllib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from db.engine import SUPPORTED_DRIVERS, resolve_database_url
from forum_harvest.schedule.triggers import cron_trigger
from forum_harvest.scrapy_settings_check import check_scrapy_settings
from pipeline.media_stage import MEDIA_MODES
from scraper.engines import by_name
from scraper.engines.shown_times import DATE_ORDERS

DEFAULT_CONFIG_FILE = "forum-harvest.toml"
CONFIG_ENV = "FORUM_HARVEST_CONFIG"
BROKER_SCHEMES = ("redis", "rediss", "amqp", "amqps", "pyamqp")
DURATION_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
DURATION_PATTERN = re.compile(r"(?:(\d+(?:\.\d+)?)([dhms]))")


class ConfigError(ValueError):
    """The config file is unusable; the message is one line for the user."""


def config_path(cli_value: str | None) -> Path:
    """The file to read: ``--config``, else ``$FORUM_HARVEST_CONFIG``, else ./forum-harvest.toml."""
    return Path(cli_value or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_FILE)


def parse_duration(value: Any) -> float:
    """Seconds in ``value``: a positive number, or a string like "1h30m"."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"expected a duration such as 90, \"30m\" or \"2h\", got {value!r}")
    if isinstance(value, str):
        text = value.strip().lower()
        if not text or DURATION_PATTERN.sub("", text):
            raise ValueError(f"{value!r} is not a duration: use e.g. \"90s\", \"30m\", \"2h\", \"1h30m\"")
        value = sum(float(amount) * DURATION_UNITS[unit] for amount, unit in DURATION_PATTERN.findall(text))
    if value <= 0:
        raise ValueError(f"duration {value!r} must be more than zero")
    return float(value)


def _check(predicate: Callable[[Any], object], complaint: str) -> AfterValidator:
    """A validator raising ``complaint`` (formatted with the value) when predicate fails."""

    def check(value: Any) -> Any:
        try:
            ok = predicate(value)
        except (ValueError, LookupError, ArgumentError) as error:
            raise ValueError(complaint.format(value=value, error=error)) from None
        if not ok:
            raise ValueError(complaint.format(value=value, error="unusable"))
        return value

    return AfterValidator(check)


def _http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


Duration = Annotated[float, BeforeValidator(parse_duration)]
StartURL = Annotated[str, _check(_http_url, "{value!r} is not an http(s) URL")]
TimezoneName = Annotated[str, _check(ZoneInfo, "unknown timezone {value!r}")]
Charset = Annotated[str, _check(codecs.lookup, "unknown charset {value!r}")]
EngineName = Annotated[str, _check(by_name, "{error}")]
CronExpression = Annotated[
    str, _check(cron_trigger, "{value!r} is not a cron expression (minute hour day month weekday): {error}")
]
DatabaseURL = Annotated[
    str,
    _check(lambda url: make_url(url).get_backend_name() in SUPPORTED_DRIVERS,
           "{value!r} is not a database URL forum-harvest supports "
           "(sqlite:///path/forum.db or postgresql+psycopg://user@host/dbname)"),
]
BrokerURL = Annotated[
    str, _check(lambda url: urlsplit(url).scheme in BROKER_SCHEMES and urlsplit(url).hostname,
                "{value!r} is not a broker URL: use redis://host:6379/0 or amqp://user:password@host//"),
]
Name = Annotated[
    str, _check(re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*").fullmatch,
                "{value!r} is not a usable name: use letters, digits, '_', '.' and '-'"),
]
ScrapyValue = Annotated[
    Any, _check(lambda value: isinstance(value, (str, int, float, bool)),
                "{value!r} is not a Scrapy setting value (a string, number or boolean)"),
]


MediaMode = Literal[MEDIA_MODES]  # type: ignore[valid-type]
DateOrder = Literal[DATE_ORDERS]  # type: ignore[valid-type]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SiteConfig(_Section):
    """What we know about one forum, for the spider and the cleaning stage."""

    url: StartURL  # the site's start page; a crawl whose start URL is on this site uses the profile
    site_names: list[str] = []  # names the site injects into post text, removed by the cleaner
    timezone: TimezoneName = "Asia/Shanghai"  # the zone the site prints its times in (wins over a zone the pages state)
    # The order of the site's numeric dates (03/01/18) where a page's own dates do not decide it:
    # "day-first" or "month-first" (wins over the page's language; docs/extraction.md).
    date_order: DateOrder | None = None
    charset: Charset | None = None  # force one charset for every page (None: detected per page)
    engine: EngineName | None = None  # the forum engine, when the pages do not tell (scraper.engines)
    # Cookies sent to the site (member-only forums): secrets, never stored or queued; added to
    # and overridden by $FORUM_HARVEST_COOKIES_NAME (forum_harvest.site_secrets).
    cookies: dict[str, str] = {}

    warc: bool = True  # keep every fetched page in WARC files
    media: MediaMode | None = None  # download pictures, attachments or both (docs/media.md)


class SchedulerConfig(_Section):
    timezone: TimezoneName | None = None  # cron times are read in this zone (default: the machine's)
    misfire_grace_time: Duration = 600.0  # a run later than this is skipped (missed runs are coalesced into one)
    max_parallel_jobs: int = Field(default=2, ge=1)  # crawls of different jobs running at once
    lock_heartbeat: Duration = 15.0  # how often lock rows are refreshed; one not refreshed for 3 of these is taken over
    stop_timeout: Duration = 60.0  # how long a stopping crawl may take before it is killed
    # Distributed mode (forum_harvest.distributed): crawls go to workers through this broker.
    broker_url: BrokerURL | None = None
    # How long a job taken by a worker that died waits before another worker gets it.
    redelivery_timeout: Duration = 7 * 3600.0


class JobConfig(_Section):
    """One scheduled crawl: where from (url, urls or a site), when (cron or interval), how."""

    url: StartURL | None = None  # the start URL to crawl (one of url, urls, site)
    urls: list[StartURL] | None = None  # several start URLs for the same job
    site: Name | None = None  # a [sites.NAME] profile: its url, with its settings and cookies
    cron: CronExpression | None = None  # when: "minute hour day month weekday" (one of cron, interval)
    interval: Duration | None = None  # when: every so long; a new interval job runs at once
    start: datetime | None = None  # no run before this time
    end: datetime | None = None  # no run after this time
    jitter: Duration | None = None  # each run starts up to this much later, at random
    database_url: DatabaseURL | None = None  # this job's database (default: the file's database_url)
    timeout: Duration = 6 * 3600.0  # wall-clock limit of one crawl; then it is stopped
    # Scrapy settings for this job's crawls, checked at load against Scrapy's and ours.
    settings: Annotated[dict[str, ScrapyValue], AfterValidator(check_scrapy_settings)] = {}
    enabled: bool = True  # false keeps the job in the file but never runs it

    @model_validator(mode="after")
    def one_source_and_one_schedule(self) -> JobConfig:
        sources = [key for key in ("url", "urls", "site") if getattr(self, key) is not None]
        if len(sources) != 1:
            raise ValueError("give exactly one of url, urls or site" + (f" (got {', '.join(sources)})" if sources else ""))
        if self.urls == []:
            raise ValueError("urls is empty")
        if (self.cron is None) == (self.interval is None):
            raise ValueError("give exactly one of cron or interval")
        if self.start and self.end and self.start >= self.end:
            raise ValueError(f"start {self.start} is not before end {self.end}")
        return self

    def start_urls(self, sites: dict[str, SiteConfig]) -> list[str]:
        if self.urls:
            return list(self.urls)
        return [self.url] if self.url else [sites[str(self.site)].url]


class HealthConfig(_Section):
    """Where to tell someone that a crawl run was degraded (forum_harvest.health_alert)."""

    webhook_url: StartURL | None = None  # receives a JSON POST with the run's reasons
    webhook_timeout: Duration = 10.0  # how long the POST may take


class HarvestConfig(_Section):
    database_url: DatabaseURL | None = None  # the database of every command (--db and $DATABASE_URL override it)
    scheduler: SchedulerConfig = SchedulerConfig()  # the [scheduler] table
    health: HealthConfig = HealthConfig()  # the [health] table
    sites: dict[Name, SiteConfig] = {}  # the [sites.NAME] tables: site profiles
    jobs: dict[Name, JobConfig] = {}  # the [jobs.NAME] tables: scheduled crawls

    def resolved_database_url(self, cli_value: str | None) -> str:
        """Where the scheduler keeps its state and jobs crawl to by default: ``--db``, else
        ``$DATABASE_URL``, else the file's database_url, else the default SQLite file."""
        return resolve_database_url(cli_value, self.database_url)

    def job(self, name: str) -> JobConfig:
        if name not in self.jobs:
            known = ", ".join(sorted(self.jobs)) or "none"
            raise ConfigError(f"no job named {name!r} in the config (jobs: {known})")
        return self.jobs[name]


SECTION_MODELS: dict[str, type[BaseModel]] = {
    "scheduler": SchedulerConfig, "sites": SiteConfig, "jobs": JobConfig, "health": HealthConfig,
}


def load_config(path: Path) -> HarvestConfig:
    """The validated config in ``path``; ConfigError (one line) for any problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file (see forum-harvest.example.toml; "
                          f"--config or ${CONFIG_ENV} name another)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    try:
        config = HarvestConfig.model_validate(data)
    except ValidationError as error:
        raise ConfigError(f"{path}: {describe_errors(error)}") from None
    for name, job in config.jobs.items():
        if job.site is not None and job.site not in config.sites:
            raise ConfigError(f"{path}: jobs.{name}.site: no [sites.{job.site}] table in the file")
    return config


def describe_errors(error: ValidationError) -> str:
    """The first validation error as ``key.path: what is wrong``, counting the others."""
    errors = error.errors()
    first = errors[0]
    key = ".".join(str(part) for part in first["loc"] if part != "[key]")
    if first["type"] == "extra_forbidden":
        what = f"unknown key (expected one of: {', '.join(_known_keys(first['loc']))})"
    elif first["type"] == "missing":
        what = "missing required key"
    else:
        what = first["msg"].removeprefix("Value error, ")
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return f"{key or 'top level'}: {what}{more}"


def _known_keys(loc: tuple[int | str, ...]) -> list[str]:
    model: type[BaseModel] = SECTION_MODELS.get(str(loc[0]), HarvestConfig) if len(loc) > 1 else HarvestConfig
    return list(model.model_fields)
