"""Datasette plugin (loaded by ``forum-harvest browse`` with --plugins-dir): a readable page
per thread at ``/-/thread/<threads.id>`` (``forum_harvest.thread_page``), linked from the
titles of the ``threads`` and ``v_threads`` rows.

``browse`` serves the media store under ``/-/media/`` (Datasette's ``--static``) and tells
this plugin so in its metadata (``plugins.forum-harvest.media_url``): the page's stored
pictures and attachments then come from the store, never from the site.
"""

from __future__ import annotations

import asyncio
from functools import cache
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape
from sqlalchemy.engine import Engine

from db.engine import make_engine
from forum_harvest.thread_page import read_thread

PLUGIN = "forum-harvest"
THREAD_TABLES = ("threads", "v_threads")


@cache
def _engine(path: str) -> Engine:
    return make_engine(f"sqlite:///{path}")


def _read(path: str, row_id: int, media_url: str | None) -> dict[str, Any]:
    with _engine(path).connect() as conn:
        return read_thread(conn, row_id, media_url)


async def thread_page(datasette: Any, request: Any) -> Response:
    row_id = int(request.url_vars["row_id"])
    config = datasette.plugin_config(PLUGIN) or {}
    media_url = datasette.urls.path(config["media_url"]) if config.get("media_url") else None
    try:
        context = await asyncio.to_thread(_read, datasette.get_database().path, row_id, media_url)
    except ValueError as error:
        return Response.html(str(escape(str(error))), status=404)
    return Response.html(await datasette.render_template("fh_thread.html", context, request=request))


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/thread/(?P<row_id>\d+)$", thread_page)]


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, datasette: Any) -> Markup | None:
    if table not in THREAD_TABLES or column != "title":
        return None
    href = datasette.urls.path(f"/-/thread/{row['id']}")
    return Markup(f'<a class="fh-thread-link" href="{escape(href)}">{escape(value or "(untitled)")}</a>')
