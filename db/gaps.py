"""Pages a crawl could not read (``crawl_gaps``): recorded, listed, retried, cleared.

A row lives while its page stays unread: :func:`record_gaps` adds or refreshes it (attempts
add up over runs), :func:`clear_gaps` deletes the rows of pages a later crawl read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select

from db.engine import Executor
from db.models import CrawlGap, Site
from db.statements import upsert_insert

_gaps, _sites = CrawlGap.__table__, Site.__table__


@dataclass(frozen=True)
class Gap:
    """One page (or post) that could not be read."""

    url: str
    kind: str  # index | forum | list | thread | post
    reason: str
    attempts: int = 1


def record_gaps(conn: Executor, site_id: int, run_id: int | None, gaps: Sequence[Gap]) -> None:
    """Add these gaps, or refresh the site's rows for the same URLs (attempts add up)."""
    if not gaps:
        return
    now = datetime.now(UTC)
    rows = [{"site_id": site_id, "run_id": run_id, "url": gap.url, "kind": gap.kind,
             "reason": gap.reason, "attempts": gap.attempts, "first_seen_at": now,
             "last_seen_at": now} for gap in gaps]
    stmt = upsert_insert(conn, _gaps)
    incoming = stmt.excluded
    conn.execute(stmt.on_conflict_do_update(
        index_elements=("site_id", "url"),
        set_={"run_id": incoming.run_id, "kind": incoming.kind, "reason": incoming.reason,
              "attempts": _gaps.c.attempts + incoming.attempts, "last_seen_at": incoming.last_seen_at},
    ), rows)


def clear_gaps(conn: Executor, site_id: int, urls: Iterable[str]) -> int:
    """Forget the gaps of these URLs (their pages were read); how many rows went."""
    url_list = sorted(set(urls))
    if not url_list:
        return 0
    result = conn.execute(delete(_gaps).where(_gaps.c.site_id == site_id, _gaps.c.url.in_(url_list)))
    return result.rowcount or 0


def open_gaps(conn: Executor, site: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """The gaps still open, of one site (its root URL) or of every site, oldest first."""
    query = (
        select(_gaps, _sites.c.url.label("site"))
        .join(_sites, _sites.c.id == _gaps.c.site_id)
        .order_by(_gaps.c.id)
        .limit(limit)
    )
    if site is not None:
        query = query.where(_sites.c.url == site)
    return [dict(row) for row in conn.execute(query).mappings()]
