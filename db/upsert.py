"""Batched, idempotent writes: sites, forums, threads, posts and crawl-run bookkeeping.

Each function takes a Connection or Session and plain dicts keyed by column name (extra
keys are ignored, missing ones are NULL unless a default is named). A call is one
transaction, committed on return, unless the caller already has one open: then the call
joins it, so several upserts can be made atomic together (``with engine.begin() as conn:``).

Rows go to the database as one executemany of ``INSERT ... ON CONFLICT DO UPDATE ... WHERE
<something differs>``: re-writing identical content changes nothing at all, not even
``updated_at``; the database, not Python, decides what differs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    bindparam,
    case,
    func,
    insert,
    literal_column,
    null,
    or_,
    select,
    tuple_,
    update,
)

from db.engine import Executor
from db.post_attachments import replace_attachments
from db.models import (
    CRAWL_RUN_STATUSES,
    PRECISION_RANK,
    CrawlRun,
    Forum,
    Post,
    PostRevision,
    Site,
    Thread,
)
from db.search_index import sync_search_index
from db.statements import in_chunks, upsert_insert

POST_CONTENT_COLUMNS = (
    "author",
    "author_banned",
    "content_hidden",
    "body",
    "quotes",
    "images",
    "signature",
    "edited_at",
    "edited_by",
)
POST_COLUMNS = (
    "thread_id",
    "floor",
    "post_id",
    *POST_CONTENT_COLUMNS,
    "posted_at",
    "posted_at_precision",
    "url",
    "fetched_at",
    "warc_file",
    "warc_offset",
)
THREAD_UPDATED_COLUMNS = ("forum_id", "title", "author", "replies", "views", "last_post_at", "last_poster",
                          "page_count", "url")
THREAD_COLUMNS = (*THREAD_UPDATED_COLUMNS, "status")
FORUM_COLUMNS = ("name", "parent_forum_id", "category")
RUN_COUNT_COLUMNS = ("pages", "threads", "posts_new", "posts_changed", "errors")

_sites, _forums, _threads, _posts, _runs, _revisions = (
    model.__table__ for model in (Site, Forum, Thread, Post, CrawlRun, PostRevision)
)


def upsert_site(conn: Executor, url: str, name: str | None, timezone: str, engine: str = "discuz") -> int:
    """Record the site rooted at ``url`` (a known name survives a missing one) and the engine
    that renders it; its id."""
    row = {"url": url, "name": name, "timezone": timezone, "engine": engine, "first_seen_at": _now()}
    with _transaction(conn):
        _upsert_keeping_known(conn, _sites, ("url",), ("name", "timezone", "engine"), [row])
        return conn.execute(select(_sites.c.id).where(_sites.c.url == url)).scalar_one()


def upsert_forums(conn: Executor, site_id: int, rows: Sequence[Mapping[str, Any]]) -> None:
    """Rows need ``forum_id`` and ``name``; a known value is never replaced by NULL."""
    prepared = [_site_row(site_id, row, ("forum_id", *FORUM_COLUMNS)) for row in rows]
    with _transaction(conn):
        _upsert_keeping_known(conn, _forums, ("site_id", "forum_id"), FORUM_COLUMNS, prepared)


def upsert_threads(conn: Executor, site_id: int, rows: Sequence[Mapping[str, Any]]) -> None:
    """Rows need ``thread_id`` and ``title``; a known value is never replaced by NULL, so a
    forum listing (no page count) and a thread page (no views) complete each other.
    ``status`` is what reading the thread page found (``ok``, ``deleted``, ``forbidden``...);
    a row without one (a thread-list row) leaves it as it is, ``ok`` for a new thread."""
    now = _now()
    prepared = [
        _site_row(site_id, row, ("thread_id", *THREAD_COLUMNS))
        | {"status": row.get("status") or "ok", "first_seen_at": now, "updated_at": now}
        for row in rows
    ]
    statuses = [{"site": site_id, "tid": row["thread_id"], "new_status": row["status"]}
                for row in rows if row.get("status")]
    with _transaction(conn):
        _upsert_keeping_known(
            conn, _threads, ("site_id", "thread_id"), THREAD_UPDATED_COLUMNS, prepared, touched="updated_at"
        )
        if statuses:
            conn.execute(
                update(_threads)
                .where(_threads.c.site_id == bindparam("site"), _threads.c.thread_id == bindparam("tid"),
                       _threads.c.status != bindparam("new_status"))
                .values(status=bindparam("new_status"), updated_at=now),
                statuses,
            )
        sync_search_index(conn, "threads", site_id, (row["thread_id"] for row in prepared), now)


def upsert_posts(
    conn: Executor, site_id: int, rows: Sequence[Mapping[str, Any]]
) -> tuple[int, int]:
    """Store posts, each identified by its ``post_id`` (else by its position, see
    :class:`db.models.Post`); returns (new, changed) counts. ``author_banned`` defaults to
    False, ``quotes`` to []. A row without ``thread_id`` or ``floor`` raises ValueError.

    A stored post changes when a content column differs, when it is shown at another
    position (moved to another thread, or renumbered by a moderator's delete), when it was
    marked deleted and is shown again, or when the incoming ``posted_at`` is more precise
    than the stored one (``posted_at`` and its precision are otherwise kept: a later "3 hours
    ago" must not blur an exact time). ``fetched_at``, ``url``, ``updated_at`` and the WARC
    record the post was read from (``warc_file``, ``warc_offset``) move only with a change.
    When the body or the position changes, the previous one is kept in ``post_revisions``.

    A row read without an id at a position whose stored post has one is that post (an
    archiver page after a thread page); a row with an id not yet stored takes over the
    id-less row stored at its position (a thread page after an archiver page).

    Concurrent writers of one site's posts (two crawls at once) take turns: the stored
    versions read first stay true until the upsert commits, so ``new`` (posts not stored)
    and ``changed`` (the upserts' rowcount minus ``new``) count this call's own writes.
    """
    now = _now()
    prepared = [
        _site_row(site_id, row, POST_COLUMNS, author_banned=False, content_hidden=False, quotes=[], images=[])
        | {"first_seen_at": now, "updated_at": now}
        for row in rows
    ]
    if not prepared:
        return 0, 0
    _check_positions(prepared)
    with _transaction(conn):
        _lock_site(conn, site_id)
        stored = _stored_posts(conn, site_id, prepared)
        adopted = _match_identities(prepared, stored)
        if adopted:
            conn.execute(update(_posts).where(_posts.c.id == bindparam("row_id")).values(post_id=bindparam("pid")),
                         adopted)
        identities = {_identity(row) for row in prepared}
        new = len(identities - stored.identities())
        revisions = [
            _revision(site_id, version, now)
            for row in prepared
            if (version := stored.version_of(row)) is not None and _revised(version, row)
        ]
        if revisions:
            conn.execute(insert(_revisions), revisions)
        written = 0
        for numbered in (True, False):
            batch = [row for row in prepared if (row["post_id"] is not None) == numbered]
            if batch:
                # rowcount = rows inserted + rows updated; a no-op conflict (WHERE false) adds 0.
                written += conn.execute(_post_upsert_statement(conn, numbered), batch,
                                        execution_options={"preserve_rowcount": True}).rowcount
        if any("attachments" in row for row in rows):
            _store_attachments(conn, site_id, rows, prepared)
        moved_from = {version.thread_id for version in stored.by_id.values()}
        sync_search_index(conn, "posts", site_id, {row["thread_id"] for row in prepared} | moved_from, now)
    return new, written - new


def _store_attachments(conn: Executor, site_id: int, rows: Sequence[Mapping[str, Any]],
                       prepared: list[dict]) -> None:
    """The attachments of the posts just written (rows carrying ``attachments``), by their
    row ids, looked up once more now that every one is stored."""
    stored = _stored_posts(conn, site_id, prepared)
    owners = [(version.id, row.get("attachments") or [])
              for row, written in zip(rows, prepared, strict=True)
              if "attachments" in row and (version := stored.version_of(written)) is not None]
    replace_attachments(conn, owners)


def mark_posts_deleted(conn: Executor, site_id: int, thread_id: int,
                       shown: Iterable[tuple[int | None, int]]) -> int:
    """After a whole thread was read: its stored posts that none of its pages showed now
    (``shown``: (post_id, floor) of every post read) are marked deleted; their rows stay.
    A post counts as shown by its id, or by its floor where pages showed posts without ids
    (the archiver's, matched to stored posts by position). Returns how many were marked. A
    post moved to a thread read later is moved there, and unmarked."""
    return mark_threads_deleted(conn, site_id, [(thread_id, shown)])


def mark_threads_deleted(conn: Executor, site_id: int,
                         reads: Sequence[tuple[int, Iterable[tuple[int | None, int]]]]) -> int:
    """``mark_posts_deleted`` for each (thread id, shown) of ``reads`` in turn, with one query
    for the stored posts of all the threads (per ``in_chunks``), not one per thread: a batch
    of a large crawl closes a hundred threads. Returns how many posts were marked."""
    thread_ids = sorted({thread_id for thread_id, _ in reads})
    with _transaction(conn):
        current: dict[int, list[Any]] = {thread_id: [] for thread_id in thread_ids}
        for chunk in in_chunks(thread_ids):
            for row in conn.execute(
                select(_posts.c.id, _posts.c.thread_id, _posts.c.post_id, _posts.c.floor).where(
                    _posts.c.site_id == site_id, _posts.c.thread_id.in_(chunk), _posts.c.deleted_at.is_(None))
            ):
                current[row.thread_id].append(row)
        gone: list[int] = []
        for thread_id, shown in reads:
            shown = list(shown)
            shown_ids = {post_id for post_id, _ in shown if post_id is not None}
            shown_floors = {floor for post_id, floor in shown if post_id is None}
            kept = []
            for row in current[thread_id]:
                if row.post_id in shown_ids or row.floor in shown_floors:
                    kept.append(row)
                else:
                    gone.append(row.id)
            current[thread_id] = kept  # a thread read twice in one batch: its second read sees the first's marks
        now = _now()
        for chunk in in_chunks(gone):
            conn.execute(update(_posts).where(_posts.c.id.in_(chunk)).values(deleted_at=now, updated_at=now))
    return len(gone)


def record_crawl_start(conn: Executor, start_url: str, site_id: int | None = None,
                       host: str | None = None, pid: int | None = None) -> int:
    """Open a crawl run in status ``running`` (by process ``pid`` on ``host``); its id."""
    values = {"start_url": start_url, "site_id": site_id, "started_at": _now(), "status": "running",
              "host": host, "pid": pid}
    with _transaction(conn):
        return conn.execute(insert(_runs).values(values)).inserted_primary_key[0]


def set_crawl_site(conn: Executor, run_id: int, site_id: int) -> None:
    """Attach the site to a run started before the site was recognised."""
    with _transaction(conn):
        conn.execute(update(_runs).where(_runs.c.id == run_id).values(site_id=site_id))


def record_crawl_end(
    conn: Executor, run_id: int, status: str, counts: Mapping[str, Any], message: str | None = None,
    reasons: list[str] | None = None,
) -> None:
    """Close a run. ``counts`` fills the count columns (pages, threads, posts_new,
    posts_changed, errors; missing ones are 0); any other keys are kept in ``stats``.
    ``reasons`` say why a ``degraded`` run is."""
    if status not in CRAWL_RUN_STATUSES or status == "running":
        raise ValueError(f"crawl run status {status!r}: expected finished, incomplete, degraded, failed or interrupted")
    finished_at = _now()
    extra = {key: value for key, value in counts.items() if key not in RUN_COUNT_COLUMNS}
    values = {column: counts.get(column, 0) for column in RUN_COUNT_COLUMNS} | {
        "status": status,
        "finished_at": finished_at,
        "stats": extra or None,
        "message": message,
        "reasons": reasons or None,
    }
    run_site = select(_runs.c.site_id).where(_runs.c.id == run_id).scalar_subquery()
    with _transaction(conn):
        conn.execute(update(_runs).where(_runs.c.id == run_id).values(values))
        conn.execute(
            update(_sites).where(_sites.c.id == run_site).values(last_crawled_at=finished_at)
        )


@contextmanager
def _transaction(conn: Executor) -> Iterator[None]:
    """Join the caller's open transaction, or run in a new one committed on exit."""
    if conn.in_transaction():
        yield
    else:
        with conn.begin():
            yield


def _now() -> datetime:
    return datetime.now(UTC)


def _site_row(
    site_id: int, row: Mapping[str, Any], columns: Sequence[str], **defaults: Any
) -> dict:
    """The row's values for ``columns`` (``defaults`` standing in for missing ones) + site_id."""
    values = {column: row.get(column) for column in columns}
    for column, default in defaults.items():
        if values[column] is None:
            values[column] = default
    values["site_id"] = site_id
    return values


def _any_differs(table: Table, new_values: Mapping[str, ColumnElement[Any]]) -> ColumnElement[bool]:
    return or_(*(value.is_distinct_from(table.c[name]) for name, value in new_values.items()))


def _upsert_keeping_known(
    conn: Executor,
    table: Table,
    key: tuple[str, ...],
    columns: Sequence[str],
    rows: list[dict],
    touched: str | None = None,
) -> None:
    """Insert rows; on a key conflict take the incoming non-NULL values, and set the
    ``touched`` timestamp column, only if that changes something."""
    if not rows:
        return
    stmt = upsert_insert(conn, table)
    new_values = {
        column: func.coalesce(stmt.excluded[column], table.c[column]) for column in columns
    }
    changes = new_values | ({touched: stmt.excluded[touched]} if touched else {})
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=key, set_=changes, where=_any_differs(table, new_values)
        ),
        rows,
    )


def _post_upsert_statement(conn: Executor, numbered: bool) -> Any:
    """The upsert of posts with an id (``numbered``: conflict on the id) or without one
    (conflict on the position), matching the two partial unique indexes."""
    stmt = upsert_insert(conn, _posts)
    incoming, stored = stmt.excluded, _posts.c
    content = {column: incoming[column] for column in POST_CONTENT_COLUMNS}
    position = {"thread_id": incoming.thread_id, "floor": incoming.floor}
    more_precise = and_(
        incoming.posted_at.is_not(None),
        or_(
            stored.posted_at_precision.is_(None),
            _precision_rank(incoming.posted_at_precision)
            < _precision_rank(stored.posted_at_precision),
        ),
    )
    changes = content | position | {
        "posted_at": case((more_precise, incoming.posted_at), else_=stored.posted_at),
        "posted_at_precision": case(
            (more_precise, incoming.posted_at_precision), else_=stored.posted_at_precision
        ),
        "url": incoming.url,
        "fetched_at": incoming.fetched_at,
        "warc_file": incoming.warc_file,
        "warc_offset": incoming.warc_offset,
        "updated_at": incoming.updated_at,
        "deleted_at": null(),
    }
    key, where = (("site_id", "post_id"), stored.post_id.is_not(None)) if numbered else (
        ("site_id", "thread_id", "floor"), stored.post_id.is_(None))
    return stmt.on_conflict_do_update(
        index_elements=key,
        index_where=where,
        set_=changes,
        where=or_(_any_differs(_posts, content | position), more_precise, stored.deleted_at.is_not(None)),
    )


def _precision_rank(precision: ColumnElement[Any]) -> ColumnElement[int]:
    # Our own constants, written into the SQL: as bound parameters they would be repeated
    # in every row of the executemany.
    return case(
        {
            literal_column(f"'{name}'"): literal_column(str(rank))
            for name, rank in PRECISION_RANK.items()
        },
        value=precision,
    )


def _lock_site(conn: Executor, site_id: int) -> None:
    """Hold the site's write lock until the transaction ends: a no-op UPDATE of its row
    (a row lock on PostgreSQL; on SQLite the first write takes the database's write lock,
    and what the transaction reads afterwards is the latest committed state)."""
    conn.execute(update(_sites).where(_sites.c.id == site_id).values(timezone=_sites.c.timezone))


Position = tuple[int, int]  # (thread_id, floor)


class StoredVersion(NamedTuple):
    id: int
    thread_id: int
    floor: int
    post_id: int | None
    body: str | None
    edited_at: datetime | None
    updated_at: datetime


_STORED_COLUMNS = tuple(_posts.c[name] for name in StoredVersion._fields)


@dataclass
class StoredPosts:
    """The stored versions a batch of posts may be: by post id, and the current ones at the
    batch's positions (needed for rows without an id, and ids not stored yet)."""

    by_id: dict[int, StoredVersion]
    at_position: dict[Position, StoredVersion]

    def version_of(self, row: Mapping[str, Any]) -> StoredVersion | None:
        if row["post_id"] is not None:
            return self.by_id.get(row["post_id"])
        version = self.at_position.get(_position(row))
        return version if version is not None and version.post_id is None else None

    def identities(self) -> set[tuple[str, Any]]:
        return {("id", post_id) for post_id in self.by_id} | {
            ("position", position) for position, version in self.at_position.items() if version.post_id is None}


def _check_positions(rows: Sequence[Mapping[str, Any]]) -> None:
    for row in rows:
        if row["thread_id"] is None or row["floor"] is None:
            raise ValueError(f"post {row.get('url') or row.get('post_id')}: no position (thread {row['thread_id']}, "
                             f"floor {row['floor']}): a post is never stored without one")


def _position(row: Mapping[str, Any]) -> Position:
    return row["thread_id"], row["floor"]


def _identity(row: Mapping[str, Any]) -> tuple[str, Any]:
    return ("id", row["post_id"]) if row["post_id"] is not None else ("position", _position(row))


def _match_identities(rows: list[dict], stored: StoredPosts) -> list[dict[str, int]]:
    """Rows without an id take the id of the post stored at their position; a row whose id
    is not stored takes over the id-less row at its position: the adoptions to write
    (``row_id``, ``pid``), after which ``stored`` knows that row by its new id."""
    adopted = []
    for row in rows:
        at_position = stored.at_position.get(_position(row))
        if at_position is None:
            continue
        if row["post_id"] is None and at_position.post_id is not None:
            row["post_id"] = at_position.post_id
            stored.by_id[at_position.post_id] = at_position
        elif row["post_id"] is not None and at_position.post_id is None and row["post_id"] not in stored.by_id:
            adopted.append({"row_id": at_position.id, "pid": row["post_id"]})
            version = at_position._replace(post_id=row["post_id"])
            stored.at_position[_position(row)] = stored.by_id[row["post_id"]] = version
    return adopted


def _stored_posts(conn: Executor, site_id: int, rows: Sequence[Mapping[str, Any]]) -> StoredPosts:
    """One query per ``db.statements.IN_LIST_SIZE`` ids, and, for rows without a stored id, per chunk of
    positions. The plain ``thread_id IN`` lets SQLite seek the index instead of scanning the
    whole site's posts for the row-value IN. Every list is padded (``padded``), so that
    batches of about the same size send the same SQL text."""
    ids = sorted({row["post_id"] for row in rows if row["post_id"] is not None})
    by_id = {}
    for chunk in in_chunks(ids):
        query = select(*_STORED_COLUMNS).where(
            _posts.c.site_id == site_id, _posts.c.post_id.is_not(None), _posts.c.post_id.in_(padded(chunk)))
        by_id.update({row.post_id: StoredVersion(*row) for row in conn.execute(query)})
    positions = sorted({_position(row) for row in rows if row["post_id"] not in by_id})
    at_position = {}
    for chunk in in_chunks(positions):
        query = select(*_STORED_COLUMNS).where(
            _posts.c.site_id == site_id,
            _posts.c.thread_id.in_(padded(sorted({thread_id for thread_id, _ in chunk}))),
            tuple_(_posts.c.thread_id, _posts.c.floor).in_(padded(chunk)),
            _posts.c.deleted_at.is_(None),
        )
        for version in (StoredVersion(*row) for row in conn.execute(query)):
            # Renumbered floors can briefly share a position: the post with an id wins.
            known = at_position.get((version.thread_id, version.floor))
            if known is None or known.post_id is None:
                at_position[(version.thread_id, version.floor)] = version
    return StoredPosts(by_id, at_position)


def _revised(version: Any, row: Mapping[str, Any]) -> bool:
    return version.body != row["body"] or (version.thread_id, version.floor) != _position(row)


def padded(values: list[Any]) -> list[Any]:
    """``values`` with its last one repeated up to the next power of two (at least 16). An IN
    list becomes one bind parameter per value, so each length is another SQL text, and
    SQLite keeps up to 128 prepared statements per connection (Python's ``sqlite3`` cache),
    ~140 KB each for a batch of 500 posts: a crawl sending a new length with every batch
    grew by ~18 MB. Padded, a crawl sends a handful of lengths."""
    size = max(16, 1 << (len(values) - 1).bit_length())
    return values + values[-1:] * (size - len(values))


def _revision(site_id: int, stored: StoredVersion, now: datetime) -> dict[str, Any]:
    return {
        "site_id": site_id, "thread_id": stored.thread_id, "floor": stored.floor,
        "post_id": stored.post_id, "body": stored.body, "edited_at": stored.edited_at,
        "seen_from": stored.updated_at, "replaced_at": now,
    }
