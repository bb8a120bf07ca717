"""Full-text search against brute force, on SQLite (the crawled sample forum) and on
PostgreSQL (the same rows written through the upserts), and the index kept in sync."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

import db
from db.models import Base
from db.post_records import PostFilters
from db.search import search_posts

NON_WORD = re.compile(r"[^\w]+|_+")


def normalized(text: str | None) -> str:
    """Brute-force view of a text: lower case, every run of non-letters one space."""
    kept = "".join(
        c if unicodedata.category(c)[0] in "LN" or unicodedata.category(c) == "Co" else " "
        for c in (text or "").lower()
    )
    return " " + " ".join(kept.split()) + " "


def term_parts(query: str) -> list[str]:
    terms = re.findall(r'"([^"]*)"?|([^\s"]+)', query)
    return [" ".join(normalized(quoted or plain).split()) for quoted, plain in terms]


def opening_floors(rows: list[dict]) -> dict[int, int]:
    """Each thread's lowest stored floor (its opening post)."""
    opening: dict[int, int] = {}
    for row in rows:
        opening[row["thread_id"]] = min(opening.get(row["thread_id"], row["floor"]), row["floor"])
    return opening


def brute_force(rows: list[dict], query: str, keep=lambda row: True) -> set[tuple[int, int]]:
    """Posts whose body, or whose thread's title (opening post), contains every term."""
    parts = [part for part in term_parts(query) if part]
    opening = opening_floors(rows)
    hits = set()
    for row in rows:
        if not keep(row):
            continue
        in_body = all(part in normalized(row["body"]) for part in parts)
        in_title = row["floor"] == opening[row["thread_id"]] and all(
            part in normalized(row["thread_title"]) for part in parts
        )
        if in_body or in_title:
            hits.add((row["thread_id"], row["floor"]))
    return hits


def found(conn, query: str, filters: PostFilters | None = None) -> set[tuple[int, int]]:
    return {(hit["thread_id"], hit["floor"]) for hit in search_posts(conn, query, filters, None)}


def sample_queries(rows: list[dict]) -> list[str]:
    """1-4 character Chinese substrings taken from the stored text at fixed places, plus
    mixed, upper-cased ASCII, multi-term and phrase queries."""
    han_runs = [run for row in rows for run in re.findall(r"[\u4e00-\u9fff]{6,}", row["body"] or "")]
    queries = [run[offset : offset + length]
               for run in han_runs[:: max(1, len(han_runs) // 12)]
               for length, offset in ((1, 0), (2, 1), (3, 2), (4, 1))]
    mixed = sorted({m for row in rows for m in re.findall(r"[A-Za-z0-9]+[\u4e00-\u9fff]{1,2}", row["body"] or "")})
    phrase = next(m for row in rows for m in re.findall(r"[\u4e00-\u9fff]{2}[，。,]\s*[\u4e00-\u9fff]{2}", row["body"] or ""))
    return [*queries, *mixed[:4], *(m.upper() for m in mixed[:2]), "作风建设", "作风 建设",
            "发展 改革", f'"{phrase}"', "䶮", "版主"]


@pytest.fixture(scope="module")
def sqlite_engine(crawled):
    engine = db.make_engine(crawled.db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def stored_rows(sqlite_engine) -> list[dict]:
    with sqlite_engine.connect() as conn:
        return list(db.export_records(conn))


@pytest.fixture(scope="module")
def postgres_engine(postgres_url, stored_rows):
    """The crawled records written into PostgreSQL through the upserts (the write path)."""
    engine = db.make_engine(postgres_url)
    Base.metadata.drop_all(engine)
    db.create_schema(engine)
    with engine.connect() as conn:
        site_id = db.upsert_site(conn, stored_rows[0]["site"], "sample", "Asia/Shanghai")
        forums = {(r["forum_id"], r["forum_name"]) for r in stored_rows if r["forum_id"]}
        db.upsert_forums(conn, site_id, [{"forum_id": f, "name": n} for f, n in forums])
        threads = {r["thread_id"]: r for r in stored_rows}.values()
        db.upsert_threads(conn, site_id, [{"thread_id": r["thread_id"], "forum_id": r["forum_id"],
                                           "title": r["thread_title"]} for r in threads])
        db.upsert_posts(conn, site_id, [
            r | {"posted_at": datetime.fromisoformat(r["posted_at"]),
                 "fetched_at": datetime.fromisoformat(r["fetched_at"]),
                 "edited_at": r["edited_at"] and datetime.fromisoformat(r["edited_at"])}
            for r in stored_rows
        ])
    yield engine
    Base.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request):
    return request.getfixturevalue(f"{request.param}_engine")


def test_queries_find_exactly_the_brute_force_hits(engine, stored_rows):
    queries = sample_queries(stored_rows)
    assert {len(q) for q in queries} >= {1, 2, 3, 4}
    with engine.connect() as conn:
        for query in queries:
            expected = brute_force(stored_rows, query)
            assert found(conn, query) == expected, query
    assert sum(bool(brute_force(stored_rows, q)) for q in queries) > len(queries) * 0.8


def test_a_two_character_word_inside_longer_text_is_found(engine, stored_rows):
    with engine.connect() as conn:
        hits = found(conn, "作风")
    assert hits == brute_force(stored_rows, "作风") and len(hits) >= 1


@pytest.mark.parametrize("name", ["author", "forum_id", "forum_name", "thread", "since", "until"])
def test_filters_narrow_hits_like_brute_force(engine, stored_rows, name):
    query = "的"
    middle = sorted(r["posted_at"] for r in stored_rows)[len(stored_rows) // 2]
    moment = datetime.fromisoformat(middle)
    busiest = max({r["author"] for r in stored_rows}, key=[r["author"] for r in stored_rows].count)
    some = stored_rows[len(stored_rows) // 3]
    filters, keep = {
        "author": (PostFilters(author=busiest), lambda r: r["author"] == busiest),
        "forum_id": (PostFilters(forum=some["forum_id"]), lambda r: r["forum_id"] == some["forum_id"]),
        "forum_name": (PostFilters(forum=some["forum_name"]), lambda r: r["forum_name"] == some["forum_name"]),
        "thread": (PostFilters(thread_id=some["thread_id"]), lambda r: r["thread_id"] == some["thread_id"]),
        "since": (PostFilters(since=moment), lambda r: datetime.fromisoformat(r["posted_at"]) >= moment),
        "until": (PostFilters(until=moment), lambda r: datetime.fromisoformat(r["posted_at"]) < moment),
    }[name]
    expected = brute_force(stored_rows, query, keep)
    with engine.connect() as conn:
        assert found(conn, query, filters) == expected
    assert 0 < len(expected) < len(brute_force(stored_rows, query))


def test_hits_are_ranked_limited_and_highlighted(engine):
    with engine.connect() as conn:
        every = search_posts(conn, "作风", limit=None)
        first_two = search_posts(conn, "作风", limit=2)
    scores = [hit["score"] for hit in every]
    assert scores == sorted(scores)
    assert [h["floor"] for h in first_two] == [h["floor"] for h in every[:2]]
    for hit in every:
        assert "«作风»" in hit["snippet"]
        assert any(piece == "作风" and is_match for piece, is_match in hit["snippet_segments"])


def test_a_limited_search_ranks_only_the_newest_matches(engine, stored_rows):
    """With a limit, the best hits among the newest max(limit, candidates) body matches
    (by posts.id) and title matches (by threads.id), never an older match."""
    query, candidates = "的", 3
    with engine.connect() as conn:
        post_ids = {(t, f): i for i, t, f in conn.execute(sa.text("SELECT id, thread_id, floor FROM posts"))}
        thread_ids = dict(conn.execute(sa.text("SELECT thread_id, id FROM threads")).all())
        best_two = search_posts(conn, query, limit=2, candidates=candidates)
        best_three = search_posts(conn, query, limit=3, candidates=candidates)
        best_five = search_posts(conn, query, limit=5, candidates=candidates)
    opening = opening_floors(stored_rows)
    newest_bodies = sorted(((r["thread_id"], r["floor"]) for r in stored_rows if query in normalized(r["body"])),
                           key=post_ids.get, reverse=True)
    newest_titles = sorted(((r["thread_id"], r["floor"]) for r in stored_rows
                            if r["floor"] == opening[r["thread_id"]] and query in normalized(r["thread_title"])),
                           key=lambda key: thread_ids[key[0]], reverse=True)
    assert len(brute_force(stored_rows, query)) > 4 * candidates  # the bound is what chooses
    keys = [(hit["thread_id"], hit["floor"]) for hit in best_two]
    assert len(keys) == 2 and set(keys) <= set(newest_bodies[:candidates]) | set(newest_titles[:candidates])
    assert best_three[:2] == best_two
    five = {(hit["thread_id"], hit["floor"]) for hit in best_five}
    assert len(five) == 5 and five <= set(newest_bodies[:5]) | set(newest_titles[:5])


def test_title_hits_are_the_opening_post(engine, stored_rows):
    title = stored_rows[0]["thread_title"]
    word = re.findall(r"[\u4e00-\u9fff]{3}", title)[0]
    with engine.connect() as conn:
        hits = search_posts(conn, word, PostFilters(thread_id=stored_rows[0]["thread_id"]), None)
    assert any("title" in hit["matched_in"] and hit["floor"] == 1 for hit in hits)


@pytest.mark.parametrize("query", ['"', "* AND NEAR(", "'); DROP TABLE posts; --", "作风 OR",
                                   'NEAR("作风" "建设", 2)', "(((作风", "a*b", "AND", "-"])
def test_hostile_queries_are_text_or_a_clear_error(engine, stored_rows, query):
    with engine.connect() as conn:
        try:
            hits = found(conn, query)
        except ValueError as error:
            assert repr(query) in str(error)
            return
        assert hits == brute_force(stored_rows, query)
        assert conn.execute(sa.text("SELECT count(*) FROM posts")).scalar_one() == len(stored_rows)


def test_index_follows_inserts_updates_and_deletes(engine, stored_rows):
    marker, replaced = "鹦鹉螺号潜艇", "翡翠琉璃盏"
    row = stored_rows[0]
    new_post = {"thread_id": row["thread_id"], "floor": 9999, "author": "测试",
                "body": f"关于{marker}的帖子", "fetched_at": datetime.now(UTC)}

    def write(change) -> None:
        with engine.begin() as conn:
            change(conn, conn.execute(sa.text("SELECT id FROM sites")).scalar_one())

    def search(query: str) -> set[tuple[int, int]]:
        with engine.connect() as conn:
            return found(conn, query)

    def set_title(title: str):
        return lambda conn, site: db.upsert_threads(conn, site, [{"thread_id": row["thread_id"], "title": title}])

    try:
        write(lambda conn, site: db.upsert_posts(conn, site, [new_post]))
        assert search("螺号") == {(row["thread_id"], 9999)}
        write(lambda conn, site: db.upsert_posts(conn, site, [new_post | {"body": f"换成{replaced}"}]))
        assert search("螺号") == set() and search("琉璃") == {(row["thread_id"], 9999)}
        write(set_title(f"新标题{marker}"))
        assert (row["thread_id"], 1) in search("潜艇")
    finally:
        write(lambda conn, site: conn.execute(sa.text("DELETE FROM posts WHERE floor = 9999")))
        write(set_title(row["thread_title"]))
    assert search("琉璃") == set() and search("潜艇") == set()
    assert search(row["thread_title"]) >= {(row["thread_id"], 1)}


def test_rebuild_gives_the_same_answers(tmp_path, crawled, stored_rows):
    from db.search_index import rebuild_search_index
    from tests.conftest import copy_sqlite

    engine = db.make_engine(copy_sqlite(crawled.db_url, tmp_path))
    with engine.begin() as conn:
        rebuild_search_index(conn)
    with engine.connect() as conn:
        assert found(conn, "作风") == brute_force(stored_rows, "作风")
    engine.dispose()


def test_until_a_date_includes_that_whole_day():
    from forum_harvest.cli_filters import post_filters

    filters = post_filters(None, "2", None, None, "2024-03-01", "2024-03-31", "Asia/Shanghai")
    assert filters.forum == 2
    assert filters.since == datetime(2024, 2, 29, 16, tzinfo=UTC)
    assert filters.until - filters.since == timedelta(days=31)


def test_scores_favour_more_occurrences_and_shorter_texts():
    from db.search_score import text_scores
    from db.search_tokens import parse_query

    texts = ["作风一二三四五六七八作风作风", "作风一二三四五六七八九十一二", "作风", "买了IPHONE，15个", None]
    more, once, short, mixed, missing = text_scores(texts, parse_query("作风"))
    assert more < once and short < once and missing == 0.0
    assert text_scores(texts, parse_query('"iphone 15"'))[3] < 0 == text_scores(texts, parse_query("iphone15"))[3]
