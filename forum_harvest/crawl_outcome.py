"""How a crawl ended (:class:`CrawlOutcome`, its exit code) and :class:`CrawlFailed`: apart
from ``forum_harvest.crawl``, which imports Scrapy, so that commands which only report or
catch them start without it."""

from __future__ import annotations

from dataclasses import dataclass, field

EXIT_CODES = {"finished": 0, "failed": 1, "incomplete": 3, "degraded": 4}


class CrawlFailed(Exception):
    """The crawl could not do its job; the message is one line for the user."""


@dataclass
class CrawlOutcome:
    pages: int
    items: int
    posts_new: int
    posts_changed: int
    errors: int
    seconds: float
    finish_reason: str
    status: str = "finished"
    message: str | None = None
    signal_number: int | None = None
    health_reasons: list[str] = field(default_factory=list)  # why the run is degraded, if it is
    posts_deleted: int = 0  # stored posts gone from threads read whole

    @property
    def exit_code(self) -> int:
        if self.status == "interrupted":
            return 128 + (self.signal_number or 2)
        return EXIT_CODES.get(self.status, 1)
