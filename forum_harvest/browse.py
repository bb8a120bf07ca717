"""``forum-harvest browse``: the SQLite database in Datasette, with a Chinese-aware search.

Datasette's own search box would send the typed words to FTS5 as they are, which cannot
match our bigram index; instead a canned query ``search`` (Datasette's "Queries" list)
takes ``q``, turns it into an index expression with ``fh_fts_query`` (our plugin) and shows
the newest matching posts from ``v_posts`` (FTS5 reads its index newest-first and stops at
the limit; ranking every match with bm25() takes seconds for a common 2-character word at a
million posts — ``forum-harvest search`` ranks). The raw index tables are hidden.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

PLUGINS_DIR = Path(__file__).parent / "datasette_plugins"
SEARCH_SQL = """SELECT v.site, v.forum_name, v.thread_id, v.thread_title, v.floor, v.author,
       v.posted_at, v.body, v.url
FROM post_search JOIN v_posts v ON v.id = post_search.rowid
WHERE post_search MATCH fh_fts_query(:q)
ORDER BY post_search.rowid DESC
LIMIT 200"""


def datasette_metadata(database_name: str) -> dict:
    hidden = {"hidden": True}
    return {
        "title": "forum-harvest",
        "databases": {
            database_name: {
                "tables": {
                    name: hidden
                    for index in ("post_search", "thread_search")
                    for name in (index, f"{index}_config", f"{index}_data", f"{index}_docsize",
                                 f"{index}_idx", f"{index}_content")
                },
                "queries": {
                    "search": {
                        "title": "Search posts (Chinese-aware full text)",
                        "description": "Any substring of one or more characters; terms "
                        "separated by spaces must all occur. Newest 200 matches first.",
                        "sql": SEARCH_SQL,
                    }
                },
            }
        },
    }


def run_datasette(database_url: str, host: str, port: int, open_browser: bool) -> int:
    """Serve until interrupted; Datasette's exit status."""
    parsed = make_url(database_url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise ValueError(f"browse needs a SQLite database file, not {database_url!r}: "
                         "for PostgreSQL use forum-harvest sql or any PostgreSQL tool")
    try:
        import datasette  # noqa: F401
    except ImportError:
        raise ValueError("Datasette is not installed: pip install 'forum-harvest[browse]'") from None
    path = Path(parsed.database)
    with tempfile.TemporaryDirectory() as folder:
        metadata = Path(folder) / "metadata.json"
        metadata.write_text(json.dumps(datasette_metadata(path.stem), ensure_ascii=False))
        command = [sys.executable, "-m", "datasette", "serve", str(path), "--metadata",
                   str(metadata), "--plugins-dir", str(PLUGINS_DIR), "--host", host,
                   "--port", str(port), *(["--open"] if open_browser else [])]
        datasette = subprocess.Popen(command)
        # A SIGTERM to us (a service manager, a test) must stop Datasette too, not orphan it.
        signal.signal(signal.SIGTERM, lambda signum, frame: datasette.terminate())
        try:
            return datasette.wait()
        except KeyboardInterrupt:  # Ctrl-C reached Datasette as well: let it finish
            datasette.wait()
            return 0
