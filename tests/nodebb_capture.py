"""The captured NodeBB forums (tests/fixtures/nodebb-4.11 and nodebb-3.12): their pages as
responses and, for each topic page, the truth of the posts it shows (from the topic's
``truth-topic-ID.json``, read from NodeBB's Redis). Shared by the reader tests and the crawl
test."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from scrapy.http import TextResponse

from tests.engine_pages import FIXTURES, SITE, Captured


@dataclass(frozen=True)
class Capture:
    """One capture. ``page_sizes``: (posts, topics) a page, by the User-Agent a page was asked
    with: NodeBB 4.x serves a spider 20 and 20 (src/user/settings.js), a browser's guest the
    admin's 3 and 2; 3.x caps a spider's at the admin's."""

    folder: str
    page_sizes: dict[str, tuple[int, int]]

    @cached_property
    def captured(self) -> Captured:
        return Captured(FIXTURES / self.folder)

    def response(self, entry: dict[str, Any]) -> TextResponse:
        """A captured page as Scrapy would have it, with the status it was served with."""
        return TextResponse(url=SITE + entry["url"], body=(self.captured.directory / entry["file"]).read_bytes(),
                            encoding="utf-8", status=entry["status"])

    def entries(self, prefix: str) -> list[dict[str, Any]]:
        """Every capture (redirects left out) whose file name starts with ``prefix``."""
        return [e for e in self.captured.files() if e["file"].startswith(prefix) and not e["file"].endswith(".http")]

    def truth(self, name: str) -> Any:
        return json.loads((self.captured.directory / name).read_text("utf-8"))

    def state(self, entry: dict[str, Any] | None) -> dict[str, Any]:
        """What was done before a page captured after the capture proper (its ``state``: bob set
        a signature, 李雷 was banned, alice posted uploads; ``truth-states.json``)."""
        empty = {"signatures": {}, "banned": [], "added_posts": {}}
        return {**empty, **self.truth("truth-states.json").get((entry or {}).get("state"), {})}

    def topic_truth(self, thread_id: int, entry: dict[str, Any] | None = None) -> dict[str, Any]:
        """A topic's truth, as it stood when ``entry`` was captured."""
        topic = self.truth(f"truth-topic-{thread_id}.json")
        added = self.state(entry)["added_posts"].get(str(thread_id), [])
        return {**topic, "posts": topic["posts"] + added, "replies": topic["replies"] + len(added)}

    def truths(self) -> list[dict[str, Any]]:
        return [self.truth(path.name) for path in sorted(self.captured.directory.glob("truth-topic-*.json"))]

    def page_truth(self, entry: dict[str, Any], thread_id: int, page: int) -> dict[str, Any]:
        """The truth of one topic page: its posts by floor, with the signatures and bans of the
        moment it was captured, and the time it was fetched."""
        size = self.page_sizes[entry["mode"]][0]
        state = self.state(entry)
        posts = [{**p, "signature": state["signatures"].get(p["author"]), "author_banned": p["author"] in state["banned"]}
                 for p in self.topic_truth(thread_id, entry)["posts"] if (page - 1) * size < p["floor"] <= page * size]
        return {"fetched_at": entry["fetched_at_utc"], "posts": posts}


CAPTURES = (Capture("nodebb-4.11", {"robot": (20, 20), "browser": (3, 2)}),
            Capture("nodebb-3.12", {"robot": (3, 2), "browser": (3, 2)}))
