"""The ``forum`` spider's arguments (``-a name=value``), validated in one place."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scraper.engines import Engine, UnknownEngine, by_name


@dataclass(frozen=True)
class CrawlArguments:
    url: str
    tz: str | None = None
    forums: frozenset[int] | None = None
    max_threads: int | None = None
    engine: Engine | None = None  # forced (``-a engine=phpbb``, ``--engine``); else found from the start page

    @property
    def scope(self) -> str:
        """What the crawl covers: runs of one scope list the same threads (pipeline.run_health)."""
        forums = ",".join(map(str, sorted(self.forums))) if self.forums else "all"
        return f"{self.url} forums={forums} max_threads={self.max_threads or 'all'}"

    @classmethod
    def parse(cls, url: str | None, tz: str | None = None, forums: str | None = None,
              max_threads: str | int | None = None, engine: str | None = None) -> CrawlArguments:
        """Raise ValueError with a one-line reason naming the bad argument."""
        return cls(check_start_url(url), check_timezone(tz), parse_forum_ids(forums),
                   parse_max_threads(max_threads), parse_engine(engine))


def check_start_url(url: str | None) -> str:
    if not url:
        raise ValueError("missing start URL: pass -a url=http://host/forum.php")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http(s) URL")
    return url


def check_timezone(tz: str | None) -> str | None:
    if tz is None:
        return None
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"tz={tz!r} is not a timezone name such as Asia/Shanghai") from None
    return tz


def parse_forum_ids(forums: str | None) -> frozenset[int] | None:
    if forums is None or str(forums).strip() == "":
        return None
    parts = [part.strip() for part in str(forums).split(",")]
    if not all(part.isdigit() for part in parts):
        raise ValueError(f"forums={forums!r}: expected forum ids separated by commas, e.g. 2,5")
    return frozenset(int(part) for part in parts)


def parse_max_threads(max_threads: str | int | None) -> int | None:
    if max_threads is None or str(max_threads).strip() == "":
        return None
    if not str(max_threads).strip().isdigit() or int(max_threads) < 1:
        raise ValueError(f"max_threads={max_threads!r}: expected a whole number of at least 1")
    return int(max_threads)


def parse_engine(engine: str | None) -> Engine | None:
    if engine is None or not str(engine).strip():
        return None
    try:
        return by_name(str(engine))
    except UnknownEngine as error:
        raise ValueError(str(error)) from None
