"""How a crawl ended, in words: the ``crawl_runs`` status and message, and the gap summary.

Statuses: ``finished`` (every page it meant to read was read, and with ``--media`` every
file it meant to fetch answered), ``incomplete`` (some pages or media files failed, or the
per-run page cap stopped it: ``forum-harvest runs --gaps``), ``interrupted``
(SIGTERM/SIGINT), ``failed`` (the crawl could not do its job, e.g. the site refused it, or the
database took no more writes: ``STORAGE_FAILED_STAT``, set by the storage stage). A run
that found boards to be links to elsewhere (``scraper.links_out``) says so in its message,
whatever its status besides ``failed``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scraper.links_out import LINKS_OUT_STAT, links_out_note

# Discuz's default posts per thread page, when the crawl read no thread page to measure it.
DEFAULT_POSTS_PER_PAGE = 10
# Why the database took no more writes (pipeline.storage_stage): the run failed, whatever else.
STORAGE_FAILED_STAT = "forum_harvest/storage_failed"
KIND_WORDS = {"index": "index", "forum": "forum", "list": "thread list", "thread": "thread"}


def gap_summary(gap_counts: Mapping[str, int], stats: Mapping[str, Any]) -> str | None:
    """``3 pages failed (1 thread list, 2 thread), 1 post failed, ~21 or more posts may be
    missing, 1 media file failed: forum-harvest runs --gaps``; None when nothing failed. A
    media file (``--media``) is no page and hides no post, so it is counted on its own."""
    pages = sum(count for kind, count in gap_counts.items() if kind not in ("post", "media"))
    posts, media = gap_counts.get("post", 0), gap_counts.get("media", 0)
    if not pages and not posts and not media:
        return None
    # A thread page holds as many posts as the fullest page read (all but a thread's last are full).
    per_page = stats.get("forum_harvest/posts_per_page_max") or DEFAULT_POSTS_PER_PAGE
    missing = gap_counts.get("thread", 0) * per_page + posts
    kinds = ", ".join(f"{count} {KIND_WORDS.get(kind, kind)}" for kind, count in sorted(gap_counts.items())
                      if kind not in ("post", "media"))
    failed = f"{pages} page{'s' if pages != 1 else ''} failed ({kinds})" if pages else ""
    posts_failed = f"{posts} post{'s' if posts != 1 else ''} failed" if posts else ""
    lists = gap_counts.get("list", 0) + gap_counts.get("index", 0) + gap_counts.get("forum", 0)
    missing_text = f"~{missing}{' or more' if lists else ''} posts may be missing" if pages else ""
    media_failed = f"{media} media file{'s' if media != 1 else ''} failed" if media else ""
    parts = (failed, posts_failed, missing_text, media_failed)
    return ", ".join(part for part in parts if part) + ": forum-harvest runs --gaps"


def run_errors(stats: Mapping[str, Any], gap_counts: Mapping[str, int]) -> int:
    """A run's errors: logged errors, failed pages, posts and media files, a robots.txt that
    could not be read."""
    return (stats.get("log_count/ERROR", 0) + sum(gap_counts.values())
            + stats.get("forum_harvest/robots/errors", 0))


def run_verdict(reason: str, gap_counts: Mapping[str, int], stats: Mapping[str, Any],
                page_cap: int) -> tuple[str, str | None]:
    """The run's status and message from Scrapy's close reason, the gaps and the stats; the
    boards found to be links to elsewhere are said after the rest."""
    status, message = _ending(reason, gap_counts, stats, page_cap)
    note = links_out_note(stats.get(LINKS_OUT_STAT, [])) if status != "failed" else None
    return status, "; ".join(part for part in (message, note) if part) or None


def _ending(reason: str, gap_counts: Mapping[str, int], stats: Mapping[str, Any],
            page_cap: int) -> tuple[str, str | None]:
    fatal = stats.get(STORAGE_FAILED_STAT) or stats.get("forum_harvest/fatal")
    if fatal:
        return "failed", fatal
    if reason == "shutdown":
        return "interrupted", "stopped by a signal (SIGTERM or Ctrl-C)"
    gaps = gap_summary(gap_counts, stats)
    if reason == "closespider_pagecount":
        cap = (f"stopped at the page cap (CLOSESPIDER_PAGECOUNT={page_cap}); "
               "the next crawl of the site goes on from there")
        return "incomplete", cap + (f"; {gaps}" if gaps else "")
    if reason != "finished":
        return "failed", reason
    return ("incomplete", gaps) if gaps else ("finished", None)
