"""Datasette plugin (loaded by ``forum-harvest browse`` with --plugins-dir): the SQL
functions our search needs, so canned queries can turn a typed query into an index query.

``fh_fts_query(:q)`` is the FTS5 expression for what a user typed (see db.search_tokens);
an empty or missing ``q``, or one with no letters or digits, matches nothing (an empty
result, not an error page);
``fh_search_tokens(text)`` is how stored text is tokenized.
"""

from __future__ import annotations

from datasette import hookimpl

from db.search_tokens import fts5_expression, parse_query, register_sqlite_function


# An empty FTS5 phrase: valid syntax that no row matches.
MATCH_NOTHING = '""'


def fts_query(query: str | None) -> str:
    try:
        return fts5_expression(parse_query(query or ""))
    except ValueError:  # nothing searchable in it
        return MATCH_NOTHING


@hookimpl
def prepare_connection(conn):  # type: ignore[no-untyped-def]
    register_sqlite_function(conn)
    conn.create_function("fh_fts_query", 1, fts_query, deterministic=True)
