"""Full-text search over post bodies and thread titles, ranked, with snippets.

A hit is a post: one whose body contains every query term, or the opening post (lowest
stored floor) of a thread whose title does. Filters (:class:`PostFilters`) apply to the
post. See :mod:`db.search_tokens` for what matches and :mod:`db.search_score` for the score
(lower is better); a title match weighs TITLE_WEIGHT times a body match.

Bounded ranking: with a ``limit``, only the newest max(limit, ``candidates``) body matches
(highest ``posts.id``) and as many title matches (highest ``threads.id``) that pass the
filters are scored; ``candidates`` defaults to RANKED_CANDIDATES. A query with fewer
matches has all of them ranked; a very common one (a frequent two-character word matches a
third of a large forum) returns the best hits among its newest matches, in milliseconds,
because the index hands out matches newest first and stops there. Without a limit
(exports) every match is ranked.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, Select, bindparam, column, select, text

from db.engine import Executor
from db.models import Post, Thread
from db.media import add_media
from db.post_attachments import attachments_of
from db.post_records import PostFilters, as_record, post_records_query
from db.search_index import dialect_name
from db.search_score import text_scores
from db.search_tokens import QueryTerm, fts5_expression, parse_query, tsquery_text
from db.snippets import marked, snippet_segments

TITLE_WEIGHT = 2.0
RANKED_CANDIDATES = 200
RECORDS_PER_QUERY = 10_000  # ids per IN (...) when fetching records, under every bind limit
_posts, _threads = Post.__table__, Thread.__table__
_RECORDS_BY_ID = (
    post_records_query(PostFilters())
    .add_columns(_posts.c.id.label("search_id"))
    .where(_posts.c.id.in_(bindparam("ids", expanding=True)))
)
_MATCHES_SQL = {
    "sqlite": "SELECT rowid AS id FROM {index} WHERE {index} MATCH :query",
    "postgresql": "SELECT {key} AS id FROM {index} WHERE tokens @@ CAST(:query AS tsquery)",
}


def search_posts(
    conn: Executor,
    query: str,
    filters: PostFilters | None = None,
    limit: int | None = 20,
    candidates: int = RANKED_CANDIDATES,
) -> list[dict[str, Any]]:
    """The best ``limit`` hits (all if None) for ``query``, best first, ranked among the
    newest max(limit, ``candidates``) matches (see the module doc): export records plus
    ``score`` (lower is better), ``matched_in`` (title, body or title,body), ``snippet``
    (matches between « and ») and ``snippet_segments`` ((text, is_match) pieces).

    Raises ValueError naming the query when it holds nothing searchable."""
    if limit is not None and limit < 1:
        raise ValueError(f"search limit {limit}: expected a positive number")
    terms = parse_query(query)
    chosen = filters or PostFilters()
    dialect = dialect_name(conn)
    expression = fts5_expression(terms) if dialect == "sqlite" else tsquery_text(terms)
    bound = None if limit is None else max(limit, candidates)
    scores: dict[int, float] = {}
    matched_in: dict[int, str] = {}
    for where, weight in (("body", 1.0), ("title", TITLE_WEIGHT)):
        candidates_query = _candidates_query(dialect, where, chosen).limit(bound)
        rows = conn.execute(candidates_query, {"query": expression}).all()
        for (post_id, _), score in zip(rows, text_scores([row[1] for row in rows], terms)):
            scores[post_id] = scores.get(post_id, 0.0) + score * weight
            matched_in[post_id] = "title,body" if post_id in matched_in else where
    # Ties go to the newest post, the order candidates come in.
    best = sorted(scores, key=lambda post_id: (scores[post_id], -post_id))[:limit]
    records = _records(conn, best)
    return [
        _with_snippet(records[post_id] | {"score": scores[post_id], "matched_in": matched_in[post_id]}, terms)
        for post_id in best
    ]


@lru_cache(maxsize=64)
def _candidates_query(dialect: str, where: str, filters: PostFilters) -> Select[Any]:
    """(posts.id, matched text) of the matches passing ``filters``, newest first: the
    index's own rowid order, so with a LIMIT SQLite stops reading there. Cached: building
    it costs more than running it for most queries."""
    index, key = ("post_search", "post_id") if where == "body" else ("thread_search", "thread_id")
    matches = (
        text(_MATCHES_SQL[dialect].format(index=index, key=key))
        .columns(column("id", Integer))
        .subquery(f"{index}_matches")
    )
    shown = _posts.c.body if where == "body" else _threads.c.title
    query = post_records_query(filters).with_only_columns(_posts.c.id, shown)
    if where == "body":
        query = query.join(matches, matches.c.id == _posts.c.id)
    else:
        floors = _posts.alias("thread_floors")
        opening_post = (
            select(floors.c.id)
            .where(floors.c.site_id == _threads.c.site_id, floors.c.thread_id == _threads.c.thread_id)
            .order_by(floors.c.floor)
            .limit(1)
            .scalar_subquery()
        )
        query = query.join(matches, matches.c.id == _threads.c.id).where(_posts.c.id == opening_post)
    return query.order_by(matches.c.id.desc())


def _records(conn: Executor, post_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Export records of these posts, by posts.id."""
    records = {}
    for start in range(0, len(post_ids), RECORDS_PER_QUERY):
        chunk = post_ids[start : start + RECORDS_PER_QUERY]
        attached = attachments_of(conn, chunk)
        for row in conn.execute(_RECORDS_BY_ID, {"ids": chunk}):
            record = as_record(row)
            row_id = record.pop("search_id")
            records[row_id] = record | {"attachments": attached.get(row_id, [])}
    add_media(conn, list(records.values()))
    return records


def _with_snippet(hit: dict[str, Any], terms: list[QueryTerm]) -> dict[str, Any]:
    shown = hit["body"] if "body" in hit["matched_in"] else hit["thread_title"]
    segments = snippet_segments(shown, terms)
    return hit | {"snippet": marked(segments), "snippet_segments": segments}
