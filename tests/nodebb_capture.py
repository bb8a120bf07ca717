"""The captured NodeBB 4.11.2 (tests/fixtures/nodebb-4.11): its pages as responses and, for each
topic page, the truth of the posts it shows (from the topic's ``truth-topic-ID.json``, read
from NodeBB's Redis). Shared by the reader tests and the crawl test."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from scrapy.http import TextResponse

from tests.engine_pages import FIXTURES, SITE, Captured

CAPTURE = Captured(FIXTURES / "nodebb-4.11")
# Posts a topic page shows, by the User-Agent it was captured with: NodeBB serves a spider 20
# (src/user/settings.js), a browser's guest the admin's 3.
POSTS_PER_PAGE = {"robot": 20, "browser": 3}


def response(entry: dict[str, Any]) -> TextResponse:
    """A captured page as Scrapy would have it, with the status it was served with."""
    return TextResponse(url=SITE + entry["url"], body=(CAPTURE.directory / entry["file"]).read_bytes(),
                        encoding="utf-8", status=entry["status"])


def entries(prefix: str) -> list[dict[str, Any]]:
    """Every capture (redirects left out) whose file name starts with ``prefix``."""
    return [e for e in CAPTURE.files() if e["file"].startswith(prefix) and not e["file"].endswith(".http")]


@cache
def topic_truth(thread_id: int) -> dict[str, Any]:
    return json.loads((CAPTURE.directory / f"truth-topic-{thread_id}.json").read_text("utf-8"))


def truths() -> list[dict[str, Any]]:
    return [json.loads(path.read_text("utf-8")) for path in sorted(CAPTURE.directory.glob("truth-topic-*.json"))]


def page_truth(entry: dict[str, Any], thread_id: int, page: int) -> dict[str, Any]:
    """The truth of one topic page: its posts by floor, and the time it was fetched."""
    size = POSTS_PER_PAGE[entry["mode"]]
    posts = [p for p in topic_truth(thread_id)["posts"] if (page - 1) * size < p["floor"] <= page * size]
    return {"fetched_at": entry["fetched_at_utc"], "posts": posts}
