"""How fast ``db.upsert_posts`` writes posts into SQLite, against raw sqlite3 executemany.

    PYTHONPATH=. .venv/bin/python bench/upsert.py [--rows 100000] [--batch 1000]

Both sides start from the same list of post dicts, write into a fresh file with the same
schema, indexes (including the full-text index and its triggers, unless
``--without-search-index``) and pragmas (WAL, synchronous=NORMAL), and commit once per batch. The raw
baseline is a plain INSERT (no conflict handling, no change counting): the ceiling.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import db
from db.search_index import drop_search_index
from db.search_tokens import register_sqlite_function

BEIJING = timezone(timedelta(hours=8))
FLOORS_PER_THREAD = 50
RAW_COLUMNS = (
    "site_id",
    "thread_id",
    "floor",
    "post_id",
    "author",
    "author_banned",
    "content_hidden",
    "posted_at",
    "posted_at_precision",
    "edited_at",
    "edited_by",
    "body",
    "quotes",
    "signature",
    "url",
    "fetched_at",
    "first_seen_at",
    "updated_at",
)
RAW_INSERT = (
    f"INSERT INTO posts ({', '.join(RAW_COLUMNS)}) VALUES ({', '.join('?' * len(RAW_COLUMNS))})"
)


def synthetic_posts(count: int) -> list[dict[str, Any]]:
    fetched_at = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
    posts = []
    for number in range(count):
        thread_id, floor = divmod(number, FLOORS_PER_THREAD)
        quoted = floor % 5 == 4
        posts.append(
            {
                "thread_id": thread_id + 1,
                "floor": floor + 1,
                "post_id": number + 1,
                "author": f"用户{number % 997}",
                "author_banned": number % 101 == 0,
                "posted_at": datetime(2023, 1, 1, tzinfo=BEIJING) + timedelta(minutes=number),
                "posted_at_precision": "minute",
                "body": f"第{floor + 1}楼：" + "这是一段用于测试的帖子正文。" * (8 + number % 20),
                "quotes": [{"author": "楼主", "posted_at": None, "text": "被引用的文字"}]
                if quoted
                else [],
                "signature": "签名档" if number % 3 == 0 else None,
                "url": f"http://127.0.0.1:8090/forum.php?mod=viewthread&tid={thread_id + 1}",
                "fetched_at": fetched_at,
            }
        )
    return posts


def batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def fresh_database(path: Path, search_index: bool = True) -> int:
    """Create a SQLite file with our schema (the search index and its triggers only if
    ``search_index``) and one site; the site's id."""
    engine = db.make_engine(f"sqlite:///{path}")
    db.create_schema(engine)
    if not search_index:
        with engine.begin() as conn:
            drop_search_index(conn)
    with engine.connect() as conn:
        site_id = db.upsert_site(conn, "http://127.0.0.1:8090/", "bench", "Asia/Shanghai")
    engine.dispose()
    return site_id


def sqlite_text(moment: datetime | None) -> str | None:
    """A datetime as our schema stores it in SQLite: naive UTC text."""
    return None if moment is None else str(moment.astimezone(UTC).replace(tzinfo=None))


def raw_insert(path: Path, site_id: int, rows: list[dict[str, Any]], batch: int) -> None:
    connection = sqlite3.connect(path)
    register_sqlite_function(connection)  # the search index triggers call it
    connection.execute("PRAGMA synchronous=NORMAL")
    now = datetime.now(UTC)
    for chunk in batches(rows, batch):
        connection.executemany(
            RAW_INSERT,
            [
                (
                    site_id,
                    row["thread_id"],
                    row["floor"],
                    row["post_id"],
                    row["author"],
                    row["author_banned"],
                    False,
                    sqlite_text(row["posted_at"]),
                    row["posted_at_precision"],
                    None,
                    None,
                    row["body"],
                    json.dumps(row["quotes"], ensure_ascii=False),
                    row["signature"],
                    row["url"],
                    sqlite_text(row["fetched_at"]),
                    sqlite_text(now),
                    sqlite_text(now),
                )
                for row in chunk
            ],
        )
        connection.commit()
    connection.close()


def upsert_all(path: Path, site_id: int, rows: list[dict[str, Any]], batch: int) -> tuple[int, int]:
    engine = db.make_engine(f"sqlite:///{path}")
    new = changed = 0
    with engine.connect() as conn:
        for chunk in batches(rows, batch):
            batch_new, batch_changed = db.upsert_posts(conn, site_id, chunk)
            new, changed = new + batch_new, changed + batch_changed
    engine.dispose()
    return new, changed


def rows_per_second(run: Callable[[], Any], rows: int) -> tuple[float, Any]:
    started = time.perf_counter()
    result = run()
    return rows / (time.perf_counter() - started), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--without-search-index", action="store_true",
                        help="Drop the full-text index and its triggers, to see what they cost.")
    args = parser.parse_args()
    with_index = not args.without_search_index
    posts = synthetic_posts(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        raw_path, upsert_path = Path(folder) / "raw.db", Path(folder) / "upsert.db"
        raw_site = fresh_database(raw_path, with_index)
        site_id = fresh_database(upsert_path, with_index)
        raw_speed, _ = rows_per_second(
            lambda: raw_insert(raw_path, raw_site, posts, args.batch), args.rows
        )
        first_speed, first_counts = rows_per_second(
            lambda: upsert_all(upsert_path, site_id, posts, args.batch), args.rows
        )
        second_speed, second_counts = rows_per_second(
            lambda: upsert_all(upsert_path, site_id, posts, args.batch), args.rows
        )
    print(f"{args.rows} posts, batches of {args.batch}, SQLite {sqlite3.sqlite_version}, "
          f"search index {'on' if with_index else 'off'}")
    print(f"raw sqlite3 executemany INSERT : {raw_speed:10,.0f} rows/s")
    print(
        f"upsert_posts, first pass       : {first_speed:10,.0f} rows/s  "
        f"(new, changed) = {first_counts}  {first_speed / raw_speed:.0%} of raw"
    )
    print(
        f"upsert_posts, identical pass   : {second_speed:10,.0f} rows/s  "
        f"(new, changed) = {second_counts}  {second_speed / raw_speed:.0%} of raw"
    )


if __name__ == "__main__":
    main()
