"""Full-text search over post bodies and thread titles, ranked, with snippets.

A hit is a post: one whose body contains every query term, or the opening post (lowest
stored floor) of a thread whose title does. Filters (:class:`PostFilters`) apply to the
post. Ranking is BM25 on SQLite and ts_rank on PostgreSQL; a title match weighs
TITLE_WEIGHT times a body match. See :mod:`db.search_tokens` for what matches.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float, Integer, Select, column, func, select, text

from db.engine import Executor
from db.models import Post, Thread
from db.post_records import PostFilters, as_record, post_records_query
from db.search_index import dialect_name
from db.search_tokens import QueryTerm, fts5_expression, parse_query, tsquery_text
from db.snippets import marked, snippet_segments

TITLE_WEIGHT = 2.0
_posts, _threads = Post.__table__, Thread.__table__
# Lower score = better, on both backends (FTS5's bm25() is negative, ts_rank is negated).
_HITS_SQL = {
    "sqlite": "SELECT rowid AS id, bm25({index}) AS score FROM {index} WHERE {index} MATCH :query",
    "postgresql": "SELECT {key} AS id, -ts_rank(tokens, CAST(:query AS tsquery)) AS score "
    "FROM {index} WHERE tokens @@ CAST(:query AS tsquery)",
}


def search_posts(
    conn: Executor, query: str, filters: PostFilters | None = None, limit: int | None = 20
) -> list[dict[str, Any]]:
    """The best ``limit`` hits (all if None) for ``query``, best first: export records plus
    ``score`` (lower is better), ``matched_in`` (title, body or title,body), ``snippet``
    (matches between « and ») and ``snippet_segments`` ((text, is_match) pieces).

    Raises ValueError naming the query when it holds nothing searchable."""
    if limit is not None and limit < 1:
        raise ValueError(f"search limit {limit}: expected a positive number")
    terms = parse_query(query)
    chosen = filters or PostFilters()
    dialect = dialect_name(conn)
    expression = fts5_expression(terms) if dialect == "sqlite" else tsquery_text(terms)
    hits: dict[tuple[Any, ...], dict[str, Any]] = {}
    for where, weight in (("body", 1.0), ("title", TITLE_WEIGHT)):
        for row in conn.execute(_hits_query(dialect, where, chosen, limit), {"query": expression}):
            record = as_record(row)
            score = record.pop("score") * weight
            key = (record["site"], record["thread_id"], record["floor"])
            if key in hits:
                hits[key]["score"] += score
                hits[key]["matched_in"] = "title,body"
            else:
                hits[key] = record | {"score": score, "matched_in": where}
    ranked = sorted(hits.values(), key=lambda hit: (hit["score"], hit["site"], hit["thread_id"], hit["floor"]))
    return [_with_snippet(hit, terms) for hit in ranked[:limit]]


def _hits_query(dialect: str, where: str, filters: PostFilters, limit: int | None) -> Select[Any]:
    index, key = ("post_search", "post_id") if where == "body" else ("thread_search", "thread_id")
    hits_sql = _HITS_SQL[dialect].format(index=index, key=key)
    if where == "body" and limit is not None and not filters.conditions():
        hits_sql += f" ORDER BY score LIMIT {int(limit)}"  # rank only inside the index
    hits = (
        text(hits_sql)
        .columns(column("id", Integer), column("score", Float))
        .subquery(f"{index}_hits")
    )
    query = post_records_query(filters).add_columns(hits.c.score)
    if where == "body":
        query = query.join(hits, hits.c.id == _posts.c.id)
    else:
        floors = _posts.alias("thread_floors")
        opening_floor = (
            select(func.min(floors.c.floor))
            .where(floors.c.site_id == _posts.c.site_id, floors.c.thread_id == _posts.c.thread_id)
            .scalar_subquery()
        )
        query = query.join(hits, hits.c.id == _threads.c.id).where(_posts.c.floor == opening_floor)
    return query.order_by(hits.c.score).limit(limit)


def _with_snippet(hit: dict[str, Any], terms: list[QueryTerm]) -> dict[str, Any]:
    shown = hit["body"] if "body" in hit["matched_in"] else hit["thread_title"]
    segments = snippet_segments(shown, terms)
    return hit | {"snippet": marked(segments), "snippet_segments": segments}
