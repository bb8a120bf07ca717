"""How fast full-text search answers on SQLite, against a LIKE scan of the same table.

    PYTHONPATH=. .venv/bin/python bench/search.py [--posts 1000000] [--queries 50]

Synthetic posts of Chinese text (two-character words with Zipf-like frequencies, commas and
full stops) are written with plain executemany, then the search index is built from them
(timed), and its size is the growth of the database file. Query terms are whole words (2
characters) or two adjacent words (4) cut from random posts, so every one has hits. For 2- and 4-character queries we time:

- ``index``: every matching post id from the index (``post_search MATCH``),
- ``search``: the ``forum-harvest search`` path (the top 20 of the newest
  ``RANKED_CANDIDATES`` matches, ranked, with records and snippets; see db/search.py),
- ``LIKE``: every matching post id by ``body LIKE '%q%'`` (a full scan), the baseline,

and print p50/p95 and the ratios LIKE / index and LIKE / search (the target is >= 100x).
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import db
from bench.upsert import RAW_INSERT, batches, fresh_database, sqlite_text
from db.search import RANKED_CANDIDATES, search_posts
from db.search_index import install_search_index
from db.search_tokens import fts5_expression, parse_query

HAN_CHARS = [chr(0x4E00 + i) for i in range(3000)]
WORDS = 20_000
POSTS_PER_THREAD = 50
LIKE_QUERIES = 10


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """Two-character words and their cumulative Zipf-like weights."""
    words = ["".join(rng.choices(HAN_CHARS, k=2)) for _ in range(WORDS)]
    return words, list(itertools.accumulate(1 / (rank + 10) for rank in range(WORDS)))


def post_body(rng: random.Random, words: list[str], cumulative: list[float]) -> str:
    sentences = []
    for _ in range(rng.randint(2, 6)):
        sentences.append("".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(5, 15))))
    return "，".join(sentences) + "。"


def write_posts(path: Path, count: int, rng: random.Random) -> list[str]:
    """Fill ``posts`` (no index); returns the bodies of 1000 random posts for queries."""
    site_id = fresh_database(path, search_index=False)
    words, weights = vocabulary(rng)
    now = sqlite_text(datetime.now(UTC))
    start = datetime(2023, 1, 1, tzinfo=UTC)
    samples: list[str] = []
    connection = sqlite3.connect(path)
    for chunk in batches(list(range(count)), 10_000):
        rows = []
        for number in chunk:
            body = post_body(rng, words, weights)
            if len(samples) < 1000 and rng.random() < 1000 / count:
                samples.append(body)
            thread_id, floor = divmod(number, POSTS_PER_THREAD)
            posted = sqlite_text(start + timedelta(minutes=number))
            rows.append((site_id, thread_id + 1, floor + 1, number + 1, f"用户{number % 997}", False, False,
                         posted, "minute", None, None, body, "[]", None, None, now, now, now))
        connection.executemany(RAW_INSERT, rows)
        connection.commit()
    connection.close()
    return samples


def query_terms(samples: list[str], length: int, count: int, rng: random.Random) -> list[str]:
    runs = [run for body in samples for run in body.rstrip("。").split("，") if len(run) >= length]
    terms = []
    for run in rng.sample(runs, count):
        offset = 2 * rng.randrange((len(run) - length) // 2 + 1)  # whole words
        terms.append(run[offset : offset + length])
    return terms


def timings(run: Callable[[str], object], terms: list[str]) -> list[float]:
    seconds = []
    for term in terms:
        started = time.perf_counter()
        run(term)
        seconds.append(time.perf_counter() - started)
    return seconds


def p50_p95(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "search.db"
        started = time.perf_counter()
        samples = write_posts(path, args.posts, rng)
        print(f"{args.posts:,} posts written in {time.perf_counter() - started:.1f} s, "
              f"SQLite {sqlite3.sqlite_version}, database {path.stat().st_size / 2**20:,.0f} MiB, "
              f"search ranks the newest {RANKED_CANDIDATES} matches")
        engine = db.make_engine(f"sqlite:///{path}")
        before = path.stat().st_size
        started = time.perf_counter()
        with engine.begin() as conn:
            install_search_index(conn)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        build = time.perf_counter() - started
        size = path.stat().st_size - before
        print(f"index build: {build:.1f} s ({args.posts / build:,.0f} posts/s), "
              f"index size {size / 2**20:,.0f} MiB ({size / before:.0%} of the posts table)")
        raw = sqlite3.connect(path)
        for length in (2, 4):
            terms = query_terms(samples, length, args.queries, rng)

            def index_ids(term: str) -> object:
                expression = fts5_expression(parse_query(term))
                return raw.execute("SELECT rowid FROM post_search WHERE post_search MATCH ?",
                                   (expression,)).fetchall()

            def like_ids(term: str) -> object:
                return raw.execute("SELECT id FROM posts WHERE body LIKE ?", (f"%{term}%",)).fetchall()

            with engine.connect() as conn:
                searched = timings(lambda term: search_posts(conn, term, limit=20), terms)
            indexed = timings(index_ids, terms)
            liked = timings(like_ids, terms[:LIKE_QUERIES])
            hits = statistics.median(len(index_ids(term)) for term in terms)
            (i50, i95), (s50, s95), (l50, l95) = p50_p95(indexed), p50_p95(searched), p50_p95(liked)
            print(f"{length}-char queries (median {hits:,.0f} hits): "
                  f"index p50 {i50 * 1000:.1f} ms p95 {i95 * 1000:.1f} ms | "
                  f"search top-20 p50 {s50 * 1000:.1f} ms p95 {s95 * 1000:.1f} ms | "
                  f"LIKE p50 {l50 * 1000:.0f} ms p95 {l95 * 1000:.0f} ms")
            print(f"    LIKE/index {l50 / i50:,.0f}x (p50) {l95 / i95:,.0f}x (p95); "
                  f"LIKE/search {l50 / s50:,.0f}x (p50) {l95 / s95:,.0f}x (p95)")
        raw.close()
        engine.dispose()


if __name__ == "__main__":
    main()
