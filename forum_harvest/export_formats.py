"""Writers for ``forum-harvest export``: one record per post, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

EXPORT_FIELDS = (
    "site", "forum_id", "forum_name", "thread_id", "thread_title", "post_id", "floor",
    "author", "posted_at", "posted_at_precision", "edited_at", "body", "quotes", "signature",
    "url", "fetched_at",
)


def write_jsonl(records: Iterable[dict], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict], out: TextIO) -> int:
    """CSV with a header; ``quotes`` (a list) is written as a JSON string."""
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow({**record, "quotes": json.dumps(record["quotes"], ensure_ascii=False)})
        count += 1
    return count


WRITERS = {"jsonl": write_jsonl, "csv": write_csv}
