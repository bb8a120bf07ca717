"""Incremental recrawl: which thread pages a crawl needs, given what is already stored.

Switched by the setting ``INCREMENTAL_CRAWL_ENABLED`` (default True; ``False`` re-reads every
page). Reads ``DATABASE_URL`` to load the site's stored threads once, when the spider knows
which site it is on. The rule, per thread row of a thread list:

- forbidden or login-only last time, and listed with the same reply count: skipped (a
  profile's cookies may open it: ``--full`` then tries again);
- not stored, deleted last time, or stored with gaps (an interrupted crawl): page 1 on;
- stored with U+FFFD in its title, author, or a post's body or author (read in a wrong
  charset by an older version): page 1 on, so the upserts overwrite the mojibake;
- stored completely, and the list shows the stored reply count, last-post time (within the
  precision shown) and last poster, and its last-post link (where it has one) names no post
  newer than the stored ones: skipped;
- fewer replies than stored: page 1 on (posts were deleted; a whole read marks them);
- otherwise (more replies, or the same count with another last post: one deleted and one
  added): from the page that holds the newest stored post on, since new posts are appended
  and that page is where the old posts end: the page its floor falls on at the posts a page
  the crawl knows of the site (an engine that pages by offset learns it from the pagers of
  the thread lists read before), else the last stored page. That page must still show the
  newest stored post at its stored floor (``anchor``): if it does not, floors before it were
  deleted and renumbered, and the spider reads the thread whole.

Edits on earlier pages are not visible from a thread list; a full crawl picks them up.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import db
from db.crawl_state import KnownThread


# A thread page that answered one of these is read again only when its list row changes
# (``missing_or_closed``: SMF's "missing or off limits", which a listed topic is only when closed).
CLOSED_TO_US = frozenset({"forbidden", "login_required", "missing_or_closed"})
# A last-post time read at this precision is the same time within this much.
PRECISION_TOLERANCE = {"second": timedelta(seconds=1), "minute": timedelta(minutes=1),
                       "hour": timedelta(hours=1), "day": timedelta(days=1)}


@dataclass(frozen=True, slots=True)
class Listed:
    """What a thread list row shows of a thread now (None: not shown)."""

    replies: int | None
    last_post_at: datetime | None = None
    last_post_precision: str | None = None
    last_poster: str | None = None
    last_post_id: int | None = None

    def differs_from(self, known: KnownThread) -> bool:
        """Whether the thread changed since it was stored, as far as the list tells. A last post
        newer than every stored one (ids are handed out in order) tells what a time shown to
        the minute cannot: the same poster's reply in the minute of the last post, another
        post deleted (the same reply count)."""
        if self.replies is None or self.replies != known.replies:
            return True
        if self.last_poster and known.last_poster and self.last_poster != known.last_poster:
            return True
        if self.last_post_id is not None and known.last_post_id is not None \
                and self.last_post_id > known.last_post_id:
            return True
        if self.last_post_at is None or known.last_post_at is None:
            return False
        tolerance = PRECISION_TOLERANCE.get(self.last_post_precision or "", timedelta(0))
        return abs(self.last_post_at - known.last_post_at) > tolerance


@dataclass
class RecrawlPlan:
    known: Mapping[int, KnownThread] = field(default_factory=dict)

    @classmethod
    def load(cls, database_url: str, site: str) -> RecrawlPlan:
        return cls(db.read_existing(database_url, lambda conn: db.known_threads(conn, site), {}))

    def first_page(self, thread_id: int, listed: Listed | None, posts_per_page: int | None = None) -> int | None:
        """The first page of the thread to fetch, or None when nothing changed; ``posts_per_page``:
        the site's, where the crawl knows it (the stored page count was reckoned at the size
        of the crawl that stored it, which the admin may have changed since)."""
        known = self.known.get(thread_id)
        if known is None:
            return 1
        unchanged = listed is not None and not listed.differs_from(known)
        if known.status in CLOSED_TO_US:
            return None if unchanged else 1
        if known.status != "ok" or not known.complete or known.garbled:
            return 1
        if unchanged:
            return None
        if listed is not None and listed.replies is not None and listed.replies < (known.replies or 0):
            return 1
        if posts_per_page and known.last_floor:
            return (known.last_floor - 1) // posts_per_page + 1
        return known.page_count or 1

    def anchor(self, thread_id: int) -> tuple[int, int] | None:
        """(post id, floor) of the newest stored post of the thread, if one is known."""
        known = self.known.get(thread_id)
        if known is None or known.last_post_id is None:
            return None
        return known.last_post_id, known.last_floor

    def unlisted(self, forum_ids: Iterable[int], listed: Container[int]) -> list[int]:
        """Stored readable threads of these (completely listed) forums that no list shows now:
        deleted, moved or hidden since; their first page says which."""
        forums = set(forum_ids)
        return sorted(tid for tid, known in self.known.items()
                      if known.forum_id in forums and known.status == "ok" and tid not in listed)
