"""``forum-harvest warc import``: WARC files of a Discuz! site made by any tool into the database.

``wget --warc-file``, browsertrix, Heritrix or our own crawls: the files are read as one
archive and crawled like the site itself (``forum_harvest.reparse.replay``), from ``start``
or else the first HTML page they captured. Every file is checked before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from forum_harvest.crawl_outcome import CrawlOutcome
from forum_harvest.reparse import replay
from scraper.warc_archive import check_readable


def import_warc(paths: Sequence[Path], database_url: str, start: str | None = None,
                overrides: dict[str, object] | None = None) -> CrawlOutcome:
    resolved = [path.resolve() for path in paths]
    for path in resolved:
        check_readable(path)
    return replay(resolved, database_url, start, overrides=overrides)
