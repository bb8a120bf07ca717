"""``forum-harvest demo``: serve the sample forum on loopback, crawl it, summarise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import db
from forum_harvest.crawl import run_crawl
from forum_harvest.crawl_outcome import CrawlOutcome
from forum_harvest.sample_forum import SampleForum, start_server

# A fixed port keeps the demo site's identity (its root URL) the same across runs, so a
# second `make demo` updates the same rows; a busy port falls back to a free one.
DEMO_PORT = 8765
# The sample forum is ours and on loopback: no need to be gentle with it.
DEMO_SETTINGS = {"AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "CRITICAL"}


@dataclass
class DemoSummary:
    site: str
    database_url: str
    outcome: CrawlOutcome
    forums: list[dict[str, Any]]
    threads: int
    posts: int


def run_demo(database_url: str) -> DemoSummary:
    forum = SampleForum.build()
    try:
        server = start_server(forum, port=DEMO_PORT)
    except OSError:
        server = start_server(forum, port=0)
    try:
        outcome = run_crawl(server.url + "forum.php", database_url, DEMO_SETTINGS)
    finally:
        server.stop()
    engine = db.open_existing(database_url)
    try:
        with engine.connect() as conn:
            forums = db.forum_summary(conn, site=server.url)
    finally:
        engine.dispose()
    return DemoSummary(
        site=server.url,
        database_url=database_url,
        outcome=outcome,
        forums=forums,
        threads=sum(row["threads"] for row in forums),
        posts=sum(row["posts"] for row in forums),
    )
