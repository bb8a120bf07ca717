"""How many pages of a thread or thread list a crawl may request.

A pager is read from its structure only (``scraper.engines.discuz.pages.base``), yet a hostile or broken page
can still claim ``共 5000000 页``. A thread's claim is checked against what its list row said
(reply count) and what a full page holds (posts per page), with slack for replies written
since the list was read; every claim is then capped by a setting. What was cut is reported
so the run can say it is incomplete.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil


@dataclass(frozen=True)
class PageBudget:
    pages: int
    reason: str | None = None  # why fewer pages than the pager claims will be read
    capped: bool = False  # a cap setting, not the reply count, cut it: pages stay unread


def thread_pages(claimed: int, replies: int | None, posts_per_page: int | None, cap: int) -> PageBudget:
    """Pages to read of a thread whose pager claims ``claimed`` pages."""
    pages, reason = claimed, None
    if replies is not None and posts_per_page:
        expected = max(1, ceil((replies + 1) / posts_per_page))
        allowed = expected + 1 + expected // 10
        if pages > allowed:
            pages = allowed
            reason = f"pager claims {claimed} pages, {replies} replies at {posts_per_page} per page allow {allowed}"
    if pages > cap:
        return PageBudget(cap, f"pager claims {claimed} pages, FORUM_MAX_PAGES_PER_THREAD is {cap}", capped=True)
    return PageBudget(pages, reason)


def list_pages(claimed: int, cap: int) -> PageBudget:
    """Pages to read of a thread list whose pager claims ``claimed`` pages."""
    if claimed > cap:
        return PageBudget(cap, f"pager claims {claimed} pages, FORUM_MAX_LIST_PAGES is {cap}", capped=True)
    return PageBudget(claimed)
