"""``forum-harvest browse``: the SQLite database in Datasette, with a Chinese-aware search.

Datasette's own search box would send the typed words to FTS5 as they are, which cannot
match our bigram index; instead a canned query ``search`` (Datasette's "Queries" list)
takes ``q``, turns it into an index expression with ``fh_fts_query`` (our plugin) and shows
the newest matching posts from ``v_posts`` (FTS5 reads its index newest-first and stops at
the limit; ranking every match with bm25() takes seconds for a common 2-character word at a
million posts — ``forum-harvest search`` ranks). The raw index tables are hidden.

Each thread also reads as a page (``/-/thread/<threads.id>``, plugin ``thread_pages``),
whose downloaded pictures and attachments come from the media store, served under
``MEDIA_MOUNT`` by the same Datasette.
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
TEMPLATES_DIR = Path(__file__).parent / "browse_templates"
MEDIA_MOUNT = "-/media"
SEARCH_SQL = """SELECT v.site, v.forum_name, v.thread_id, v.thread_title, v.floor, v.author,
       v.posted_at, v.body, v.url
FROM post_search JOIN v_posts v ON v.id = post_search.rowid
WHERE post_search MATCH fh_fts_query(:q)
ORDER BY post_search.rowid DESC
LIMIT 200"""


def datasette_metadata(database_name: str, media_served: bool) -> dict:
    hidden = {"hidden": True}
    return {
        "title": "forum-harvest",
        "plugins": {"forum-harvest": {"media_url": f"/{MEDIA_MOUNT}/" if media_served else None}},
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


def run_datasette(database_url: str, host: str, port: int, open_browser: bool, media_root: Path) -> int:
    """Serve until interrupted (with the media store ``media_root`` when it exists);
    Datasette's exit status."""
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
        media_served = media_root.is_dir()
        metadata.write_text(json.dumps(datasette_metadata(path.stem, media_served), ensure_ascii=False))
        command = [sys.executable, "-m", "datasette", "serve", str(path), "--metadata",
                   str(metadata), "--plugins-dir", str(PLUGINS_DIR), "--template-dir", str(TEMPLATES_DIR),
                   "--host", host, "--port", str(port), *(["--open"] if open_browser else []),
                   *(["--static", f"{MEDIA_MOUNT}:{media_root}"] if media_served else [])]
        datasette = subprocess.Popen(command)
        # A SIGTERM to us (a service manager, a test) must stop Datasette too, not orphan it.
        signal.signal(signal.SIGTERM, lambda signum, frame: datasette.terminate())
        try:
            return datasette.wait()
        except KeyboardInterrupt:  # Ctrl-C reached Datasette as well: let it finish
            datasette.wait()
            return 0
