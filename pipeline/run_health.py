"""Is a finished crawl run like the site's earlier runs? Pure rules over run figures.

A site that changes its skin or its software rarely fails a crawl: pages still answer 200,
but authors, times or whole posts stop being read, or the thread lists shrink. Each rule
compares this run with the site's last finished runs (their ``crawl_runs`` counts and stats)
and returns one line per problem; a run with any is ``degraded``:

- no posts read from thread pages of a site whose earlier runs read posts;
- the share of posts without an author, or without a time, rose by more than ``max_rise``;
- the share of unreadable pages and posts rose by more than ``max_rise``;
- errors per page fetched above ``max_error_rate`` (no history needed);
- fewer than ``min_threads_share`` of the threads the last run of the same scope listed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import mean
from typing import Any

UNREADABLE_STATS = ("forum_harvest/posts/unreadable", "forum_harvest/threads/unreadable",
                    "forum_harvest/forums/unreadable")


@dataclass(frozen=True)
class HealthLimits:
    max_error_rate: float = 0.05
    max_rise: float = 0.2
    min_threads_share: float = 0.5


@dataclass(frozen=True)
class RunFigures:
    """What one run read, from its ``crawl_runs`` counts and stats."""

    scope: str  # start URL and spider arguments: thread counts compare within one scope
    pages: int = 0
    threads: int = 0
    errors: int = 0
    thread_pages: int = 0
    posts: int = 0
    posts_without_author: int = 0
    posts_without_time: int = 0
    unreadable: int = 0

    @classmethod
    def from_counts(cls, counts: Mapping[str, Any]) -> RunFigures:
        return cls(
            scope=counts.get("scope") or "", pages=counts.get("pages", 0), threads=counts.get("threads", 0),
            errors=counts.get("errors", 0), thread_pages=counts.get("forum_harvest/thread_pages_read", 0),
            posts=counts.get("forum_harvest/posts_read", 0),
            posts_without_author=counts.get("posts_without_author", 0),
            posts_without_time=counts.get("posts_without_time", 0),
            unreadable=sum(counts.get(name, 0) for name in UNREADABLE_STATS),
        )

    def share_without_author(self) -> float:
        return self.posts_without_author / self.posts if self.posts else 0.0

    def share_without_time(self) -> float:
        return self.posts_without_time / self.posts if self.posts else 0.0

    def share_unreadable(self) -> float:
        read = self.pages + self.posts
        return self.unreadable / read if read else 0.0


def _rise(now: RunFigures, history: Sequence[RunFigures], share: Any, what: str, limit: float) -> list[str]:
    """A reason when ``share`` of this run exceeds the earlier runs' average by ``limit``."""
    earlier = [share(run) for run in history if run.posts]
    if not earlier or not now.posts:
        return []
    before, current = mean(earlier), share(now)
    if current - before <= limit:
        return []
    return [f"{what}: {current:.0%} (earlier runs {before:.0%})"]


def assess(now: RunFigures, history: Sequence[RunFigures], limits: HealthLimits = HealthLimits()) -> list[str]:
    """Reasons this run is degraded ([] when it is not); ``history`` newest first."""
    reasons: list[str] = []
    earlier_posts = max((run.posts for run in history), default=0)
    if now.thread_pages and not now.posts and earlier_posts:
        reasons.append(f"no posts read from {now.thread_pages} thread pages (earlier runs read up to {earlier_posts})")
    reasons += _rise(now, history, RunFigures.share_without_author, "posts without an author", limits.max_rise)
    reasons += _rise(now, history, RunFigures.share_without_time, "posts without a time", limits.max_rise)
    if history and now.share_unreadable() - mean(run.share_unreadable() for run in history) > limits.max_rise:
        reasons.append(f"unreadable pages and posts: {now.share_unreadable():.0%} "
                       f"(earlier runs {mean(run.share_unreadable() for run in history):.0%})")
    if now.pages and now.errors / now.pages > limits.max_error_rate:
        reasons.append(f"errors on {now.errors / now.pages:.0%} of pages (limit {limits.max_error_rate:.0%})")
    same_scope = next((run for run in history if run.scope == now.scope and run.threads), None)
    if same_scope and now.threads < limits.min_threads_share * same_scope.threads:
        reasons.append(f"{now.threads} threads listed, the last run listed {same_scope.threads}")
    return reasons
