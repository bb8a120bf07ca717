"""A post's attachments (``post_attachments``): written with the post, read for exports.

A post's rows are replaced whole each time the post is stored: a page shows all of a post's
attachments at once, and X's download URLs change with every view, so there is nothing to
merge. Export records carry them as ``attachments``, a list of dicts in page order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select

from db.engine import Executor
from db.models import PostAttachment
from db.statements import in_chunks

ATTACHMENT_FIELDS = ("name", "url", "size", "downloads", "uploaded_at", "needs_login", "needs_credits")

_attachments = PostAttachment.__table__


def _row(post_row_id: int, position: int, attachment: Mapping[str, Any]) -> dict[str, Any]:
    uploaded = attachment.get("uploaded_at")
    return {
        "post_row_id": post_row_id, "position": position, "attachment_id": attachment.get("attachment_id"),
        **{name: attachment.get(name) for name in ATTACHMENT_FIELDS},
        "uploaded_at": datetime.fromisoformat(uploaded) if isinstance(uploaded, str) else uploaded,
        "needs_login": bool(attachment.get("needs_login")), "needs_credits": bool(attachment.get("needs_credits")),
    }


def replace_attachments(conn: Executor, owners: Sequence[tuple[int, Sequence[Mapping[str, Any]]]]) -> None:
    """Each (post row id, attachments) pair: the post's stored attachments become these.
    Runs in the caller's transaction (``db.upsert.upsert_posts``)."""
    row_ids = sorted({row_id for row_id, _ in owners})
    for chunk in in_chunks(row_ids):
        conn.execute(delete(_attachments).where(_attachments.c.post_row_id.in_(chunk)))
    rows = [_row(row_id, position, attachment)
            for row_id, attachments in dict(owners).items() for position, attachment in enumerate(attachments)]
    if rows:
        conn.execute(insert(_attachments), rows)


def attachments_of(conn: Executor, post_row_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Export form of the posts' attachments, by post row id (times as ISO 8601 strings)."""
    found: dict[int, list[dict[str, Any]]] = {}
    columns = [_attachments.c[name] for name in ATTACHMENT_FIELDS]
    for chunk in in_chunks(sorted(set(post_row_ids))):
        query = (select(_attachments.c.post_row_id, *columns)
                 .where(_attachments.c.post_row_id.in_(chunk))
                 .order_by(_attachments.c.post_row_id, _attachments.c.position))
        for row in conn.execute(query):
            record = {name: getattr(row, name) for name in ATTACHMENT_FIELDS}
            if record["uploaded_at"] is not None:
                record["uploaded_at"] = record["uploaded_at"].isoformat()
            found.setdefault(row.post_row_id, []).append(record)
    return found
