"""Read archived pages again: the crawl, with WARC files in place of the network.

``replay`` runs the real ``forum`` spider, with the engine of the archived start page, (``forum_harvest.crawl.run_crawl``) with
``scraper.warc_replay`` answering every request, so the page readers, the cleaning stage and
the upserts are the crawl's own: a changed body keeps its old version in ``post_revisions``,
an identical one changes nothing. ``reparse`` finds a site's WARC files (those its crawls
wrote under ``WARC_DIR/<site>/``); ``forum_harvest.warc_import`` takes anyone's files.
Like a crawl, one replay per process (Twisted's reactor cannot restart).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from forum_harvest.crawl import crawl_settings, run_crawl
from forum_harvest.crawl_outcome import CrawlOutcome
from scraper.engines.discuz import urls
from scraper.warc_archive import engine_at, start_url
from scraper.warc_capture import warc_root
from scraper.warc_files import site_directory_name


class NothingToReplay(ValueError):
    """No WARC files for what was asked; the message says where we looked."""


# Nothing to be polite to, nothing to retry, nothing to skip: every archived page is read.
REPLAY_SETTINGS = {
    "WARC_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
    "RETRY_ENABLED": False,
    "INCREMENTAL_CRAWL_ENABLED": False,
}


def replay(paths: Sequence[Path], database_url: str, start: str | None = None,
           since: datetime | None = None, overrides: dict[str, object] | None = None) -> CrawlOutcome:
    """Crawl the archive made of ``paths`` from ``start`` (default: where its crawl started)."""
    start = start or start_url(paths)
    if start is None:
        raise NothingToReplay(f"{', '.join(map(str, paths))}: no HTML page with status 200 to start from")
    engine = (overrides or {}).get("FORUM_ENGINE") or engine_of_start(paths, start)
    settings = {**(overrides or {}), **REPLAY_SETTINGS, "FORUM_ENGINE": engine,
                "WARC_REPLAY_FILES": [str(path) for path in paths], "WARC_REPLAY_SINCE": since}
    return run_crawl(start, database_url, settings)


def engine_of_start(paths: Sequence[Path], start: str) -> str:
    """The engine of the archived start page (a site profile's ``engine`` wins, in ``replay``):
    its rules find every other page in the archive."""
    engine = engine_at(paths, start)
    if engine is None:
        raise NothingToReplay(f"{start}: its page is not in the WARC files, or no forum engine forum-harvest"
                              f" reads rendered it (--engine NAME in a site profile names one)")
    return engine.name


def site_folders(database_url: str, site: str | None, overrides: dict[str, object] | None = None) -> list[Path]:
    """The WARC folders of ``site`` (its root URL or its folder name), or of every site."""
    root = warc_root(crawl_settings(database_url, {k: str(v) for k, v in (overrides or {}).items()}))
    if site is None:
        folders = sorted(path for path in root.glob("*") if path.is_dir())
    else:
        name = site_directory_name(urls.site_root(site)) if "://" in site else site
        folders = [root / name] if (root / name).is_dir() else []
    if not folders:
        raise NothingToReplay(f"no WARC files of {site or 'any site'} under {root}")
    return folders


def warc_files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.warc.gz")) + sorted(folder.glob("*.warc"))
    if not files:
        raise NothingToReplay(f"no WARC files in {folder}")
    return files
