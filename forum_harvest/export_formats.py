"""Writers for ``forum-harvest export``: one record per post, JSON Lines, CSV or Parquet."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

EXPORT_FIELDS = (
    "site", "forum_id", "forum_name", "thread_id", "thread_title", "post_id", "floor",
    "author", "posted_at", "posted_at_precision", "edited_at", "body", "quotes", "signature",
    "url", "fetched_at", "author_banned", "content_hidden",
    "images", "engine", "attachments", "media",
)


def write_jsonl(records: Iterable[dict], out: TextIO) -> int:
    """One JSON object per line; values JSON lacks (e.g. a SQL result's dates) as text."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict], out: TextIO, fields: Sequence[str] = EXPORT_FIELDS) -> int:
    """CSV with a header row of ``fields``; lists and dicts (e.g. ``quotes``) as JSON strings."""
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(
            {
                key: json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
                for key, value in record.items()
            }
        )
        count += 1
    return count


WRITERS = {"jsonl": write_jsonl, "csv": write_csv}
# Posts per Parquet row group: what the writer holds in memory at once (~20 MB of posts).
PARQUET_ROW_GROUP_ROWS = 20_000
TIMESTAMP_FIELDS = ("posted_at", "edited_at", "fetched_at")


def parquet_schema() -> Any:
    """Typed columns: ids as int64, times as UTC timestamps, quotes, images, attachments and media as lists."""
    import pyarrow as pa

    utc = pa.timestamp("us", tz="UTC")
    types = {
        "forum_id": pa.int64(), "thread_id": pa.int64(), "post_id": pa.int64(), "floor": pa.int64(),
        "posted_at": utc, "edited_at": utc, "fetched_at": utc,
        "author_banned": pa.bool_(), "content_hidden": pa.bool_(),
        "quotes": pa.list_(pa.struct([("author", pa.string()), ("posted_at", utc), ("text", pa.string())])),
        "images": pa.list_(pa.string()),
        "attachments": pa.list_(pa.struct([
            ("name", pa.string()), ("url", pa.string()), ("size", pa.string()), ("downloads", pa.int64()),
            ("uploaded_at", utc), ("needs_login", pa.bool_()), ("needs_credits", pa.bool_())])),
        "media": pa.list_(pa.struct([
            ("url", pa.string()), ("status", pa.string()), ("sha256", pa.string()), ("bytes", pa.int64()),
            ("content_type", pa.string()), ("path", pa.string())])),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in EXPORT_FIELDS])


def write_parquet(records: Iterable[dict], out: str | Path, row_group_rows: int = PARQUET_ROW_GROUP_ROWS) -> int:
    """Write ``records`` (export records, times as ISO strings) to a Parquet file, one row
    group per ``row_group_rows`` posts, so memory stays bounded whatever the count. The file
    appears whole or not at all (written beside it, then renamed)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    partial = Path(f"{out}.part")
    count, batch = 0, []
    try:
        with pq.ParquetWriter(partial, schema, compression="zstd") as writer:
            for record in records:
                batch.append(_typed(record))
                if len(batch) >= row_group_rows:
                    writer.write_table(pa.Table.from_pylist(batch, schema))
                    count, batch = count + len(batch), []
            if batch or not count:
                writer.write_table(pa.Table.from_pylist(batch, schema))
                count += len(batch)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _typed(record: dict) -> dict:
    typed = {name: record.get(name) for name in EXPORT_FIELDS}
    for name in TIMESTAMP_FIELDS:
        typed[name] = _timestamp(typed[name])
    typed["quotes"] = [{**quote, "posted_at": _timestamp(quote.get("posted_at"))} for quote in typed["quotes"] or []]
    typed["attachments"] = [{**attachment, "uploaded_at": _timestamp(attachment.get("uploaded_at"))}
                            for attachment in typed["attachments"] or []]
    return typed


def _timestamp(value: str | datetime | None) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value
