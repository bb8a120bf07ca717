"""Downloaded pictures and attachments (``media``): what became of each URL, and the URLs
the site's stored posts show that still want fetching.

A URL has one row per site, written once its answer is known (``record_media``, after its
file is whole under its final name). Every status but ``failed`` is final: such a URL is
never fetched again (:func:`settled_media`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from db.engine import Executor
from db.models import MEDIA_STATUSES, MediaFile, Post, PostAttachment, Site
from db.statements import in_chunks, upsert_insert

_media, _sites = MediaFile.__table__, Site.__table__
_posts, _attachments = Post.__table__, PostAttachment.__table__
MEDIA_EXPORT_FIELDS = ("url", "status", "sha256", "bytes", "content_type", "path")
# The reason of a ``not_allowed`` URL robots.txt forbids (Discuz X's own robots.txt forbids
# /data/, /static/ and mod=attachment: its pictures and attachments).
ROBOTS_REASON = "forbidden by robots.txt"


@dataclass(frozen=True)
class MediaOutcome:
    """What one media URL gave: ``status`` one of ``db.models.MEDIA_STATUSES``."""

    url: str
    status: str
    fetched_at: datetime
    attachment_id: int | None = None
    sha256: str | None = None
    bytes: int | None = None
    content_type: str | None = None
    path: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class MediaWanted:
    """A URL a stored post shows (a picture or an attachment) and its Discuz aid if any."""

    url: str
    attachment_id: int | None = None


def site_id_of(conn: Executor, site: str) -> int | None:
    return conn.execute(select(_sites.c.id).where(_sites.c.url == site)).scalar_one_or_none()


def record_media(conn: Executor, site_id: int, outcome: MediaOutcome) -> None:
    """Add the URL's row, or replace what an earlier crawl recorded for it."""
    row = {"site_id": site_id, **{name: getattr(outcome, name) for name in MediaOutcome.__dataclass_fields__}}
    stmt = upsert_insert(conn, _media)
    conn.execute(stmt.on_conflict_do_update(
        index_elements=("site_id", "url"),
        set_={name: stmt.excluded[name] for name in row if name not in ("site_id", "url")},
    ), [row])


def settled_media(conn: Executor, site_id: int, robots_obeyed: bool = True) -> tuple[set[str], set[int]]:
    """The URLs and Discuz aids of the site whose answer is final (not to be fetched again);
    a URL robots.txt forbade is asked for again by a crawl that does not obey robots.txt."""
    query = select(_media.c.url, _media.c.attachment_id).where(_media.c.site_id == site_id,
                                                              _media.c.status != "failed")
    if not robots_obeyed:
        query = query.where(func.coalesce(_media.c.reason, "") != ROBOTS_REASON)
    urls: set[str] = set()
    aids: set[int] = set()
    for row in conn.execute(query):
        urls.add(row.url)
        if row.attachment_id is not None:
            aids.add(row.attachment_id)
    return urls, aids


def shown_media(conn: Executor, site_id: int, images: bool, attachments: bool) -> Iterator[MediaWanted]:
    """Every picture (``images``) and attachment URL the site's current posts show, each
    once: what a crawl must have fetched (it skips the settled ones)."""
    seen: set[str] = set()
    if images:
        query = select(_posts.c.images).where(_posts.c.site_id == site_id, _posts.c.deleted_at.is_(None))
        for (shown,) in conn.execute(query):
            for url in shown or []:
                if url not in seen:
                    seen.add(url)
                    yield MediaWanted(url)
    if attachments:
        query = (select(_attachments.c.url, _attachments.c.attachment_id)
                 .join(_posts, _posts.c.id == _attachments.c.post_row_id)
                 .where(_posts.c.site_id == site_id, _posts.c.deleted_at.is_(None), _attachments.c.url.is_not(None)))
        for row in conn.execute(query):
            if row.url not in seen:
                seen.add(row.url)
                yield MediaWanted(row.url, row.attachment_id)


def media_of(conn: Executor, site: str, urls: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Export form of the site's media rows for these URLs, by URL."""
    wanted = sorted(set(urls))
    found: dict[str, dict[str, Any]] = {}
    columns = [_media.c[name] for name in MEDIA_EXPORT_FIELDS]
    for chunk in in_chunks(wanted):
        query = (select(*columns).join(_sites, _sites.c.id == _media.c.site_id)
                 .where(_sites.c.url == site, _media.c.url.in_(chunk)))
        for row in conn.execute(query):
            found[row.url] = {name: getattr(row, name) for name in MEDIA_EXPORT_FIELDS}
    return found


def media_stats(conn: Executor, site: str | None = None) -> list[dict[str, Any]]:
    """Per site: ``urls`` with a row, ``files`` and ``bytes`` of the distinct stored files
    (what the store holds: a file shared by several URLs counts once), and the URLs of
    every status (``stored``, ``failed``, ``too_large``…), 0 when none."""
    counts = (select(_sites.c.url.label("site"), _media.c.status, func.count().label("urls"))
              .join(_sites, _sites.c.id == _media.c.site_id).group_by(_sites.c.url, _media.c.status))
    files = (select(_media.c.site_id, _media.c.sha256, _media.c.bytes)
             .where(_media.c.status == "stored").distinct().subquery())
    sizes = (select(_sites.c.url.label("site"), func.count().label("files"),
                    func.coalesce(func.sum(files.c.bytes), 0).label("bytes"))
             .join(_sites, _sites.c.id == files.c.site_id).group_by(_sites.c.url))
    if site is not None:
        counts, sizes = counts.where(_sites.c.url == site), sizes.where(_sites.c.url == site)
    stats: dict[str, dict[str, Any]] = {}
    for row in conn.execute(counts):
        entry = stats.setdefault(row.site, {"site": row.site, "urls": 0, "files": 0, "bytes": 0,
                                            **dict.fromkeys(MEDIA_STATUSES, 0)})
        entry[row.status] = row.urls
        entry["urls"] += row.urls
    for row in conn.execute(sizes):
        stats[row.site].update(files=row.files, bytes=int(row.bytes))  # PostgreSQL sums to a Decimal
    return [stats[name] for name in sorted(stats)]


def stored_files(conn: Executor, site: str | None = None) -> list[dict[str, Any]]:
    """One entry per stored file (path, sha256, bytes), however many URLs share it."""
    query = (select(_media.c.path, _media.c.sha256, _media.c.bytes)
             .join(_sites, _sites.c.id == _media.c.site_id)
             .where(_media.c.status == "stored").distinct().order_by(_media.c.path))
    if site is not None:
        query = query.where(_sites.c.url == site)
    return [dict(row) for row in conn.execute(query).mappings()]


def add_media(conn: Executor, records: Sequence[dict[str, Any]]) -> None:
    """Each export record gets ``media``: the rows of its pictures, then of its attachments
    (those with a row: downloaded, or known not to be), with the stored file's ``path``
    relative to the media folder. One query per site of the batch."""
    by_site: dict[str, set[str]] = {}
    for record in records:
        by_site.setdefault(record["site"], set()).update(shown_urls(record))
    known = {site: media_of(conn, site, urls) if urls else {} for site, urls in by_site.items()}
    for record in records:
        rows = known[record["site"]]
        record["media"] = [rows[url] for url in shown_urls(record) if url in rows]


def shown_urls(record: dict[str, Any]) -> list[str]:
    """The picture URLs of an export record (or a ``thread_posts`` post), then its
    attachments', each once."""
    shown = [*(record.get("images") or []), *(a.get("url") for a in record.get("attachments") or [])]
    return [url for url in dict.fromkeys(shown) if url]
