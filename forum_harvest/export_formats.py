"""Writers for ``forum-harvest export``: one record per post, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

EXPORT_FIELDS = (
    "site", "forum_id", "forum_name", "thread_id", "thread_title", "post_id", "floor",
    "author", "posted_at", "posted_at_precision", "edited_at", "body", "quotes", "signature",
    "url", "fetched_at", "author_banned", "content_hidden",
    "images",
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
