"""Incremental recrawl: which thread pages a crawl needs, given what is already stored.

Switched by the setting ``INCREMENTAL_CRAWL_ENABLED`` (default True; ``False`` re-reads every
page). Reads ``DATABASE_URL`` to load the site's stored threads once, when the spider knows
which site it is on. The rule, per thread row of a thread list:

- forbidden or login-only last time, and listed with the same reply count: skipped (a
  profile's cookies may open it: ``--full`` then tries again);
- not stored, deleted last time, or stored with gaps (an interrupted crawl): page 1 on;
- stored with U+FFFD in its title, author, or a post's body or author (read in a wrong
  charset by an older version): page 1 on, so the upserts overwrite the mojibake;
- stored completely with the reply count the list shows now: skipped;
- more (or fewer) replies than stored: from the last stored page on, since new posts are
  appended and the last known page is where the old posts end.

Edits on earlier pages are not visible from a thread list; a full crawl picks them up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import db
from db.crawl_state import KnownThread


CLOSED_TO_US = frozenset({"forbidden", "login_required"})


@dataclass
class RecrawlPlan:
    known: dict[int, KnownThread] = field(default_factory=dict)

    @classmethod
    def load(cls, database_url: str, site: str) -> RecrawlPlan:
        return cls(db.read_existing(database_url, lambda conn: db.known_threads(conn, site), {}))

    def first_page(self, thread_id: int, listed_replies: int | None) -> int | None:
        """The first page of the thread to fetch, or None when nothing changed."""
        known = self.known.get(thread_id)
        if known is None:
            return 1
        unchanged = listed_replies is not None and listed_replies == known.replies
        if known.status in CLOSED_TO_US:
            return None if unchanged else 1
        if known.status != "ok" or not known.complete or known.garbled:
            return 1
        return None if unchanged else known.page_count or 1

    def unlisted(self, forum_ids: Iterable[int], listed: set[int]) -> list[int]:
        """Stored readable threads of these (completely listed) forums that no list shows now:
        deleted, moved or hidden since; their first page says which."""
        forums = set(forum_ids)
        return sorted(tid for tid, known in self.known.items()
                      if known.forum_id in forums and known.status == "ok" and tid not in listed)
