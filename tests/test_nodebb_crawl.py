"""A whole-site crawl of the real NodeBB 4.11.2 and 3.12.7 (tests/fixtures/nodebb-4.11,
nodebb-3.12), each replayed on loopback as it served our User-Agent (its ``robot-`` captures,
each at the path and query it was asked at, with its status, ``Content-Type``, ``Location``
and ``Date``): ``forum-harvest crawl`` from the home page or ``/categories`` finds the engine,
reads the category list, every category and every page of every topic from the read API, and
stores every post the forum shows a guest, as its truth says; with the API refused (403 for every ``/api/`` path, as a proxy
might), the same from the HTML pages (NodeBB's redirects to their slug URLs included); a
recrawl of the unchanged forum asks the lists and no topic page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

import pytest

from tests.conftest import FAST, run_cli
from tests.exports import export
from tests.nodebb_capture import CAPTURES, Capture
from tests.saved_pages import SavedPage, SavedPagesServer


class Replay(SavedPagesServer):
    def __init__(self, capture: Capture, refuse_api: bool) -> None:
        self.capture, self.refuse_api = capture, refuse_api
        self.pages = {"/" + e["url"]: e for e in capture.captured.files() if e["mode"] == "robot" and "state" not in e}
        self.base_url_then = json.loads((capture.captured.directory / "pages.json").read_text("utf-8"))["base_url"]
        super().__init__()

    def page(self, path: str) -> SavedPage | None:
        if self.refuse_api and path.startswith("/api/"):
            return SavedPage(b"Forbidden", content_type="text/plain", status=403)
        entry = self.pages.get(path)
        if entry is None:
            return None
        # The forum's absolute links named its port at capture time: they point here now.
        body = (self.capture.captured.directory / entry["file"]).read_bytes().replace(
            f"{self.base_url_then}/".encode(), self.url.encode())
        return SavedPage(body, content_type=entry["content_type"], status=entry["status"],
                         served_at=datetime.fromisoformat(entry["fetched_at_utc"]), location=entry["location"])


@pytest.fixture(params=[(c, refused) for c in CAPTURES for refused in ("api", "api refused")],
                ids=lambda p: f"{p[0].folder}-{p[1]}")
def replay(request) -> Iterator[Replay]:
    capture, refused = request.param
    server = Replay(capture, refuse_api=refused == "api refused")
    yield server
    server.shutdown()


@pytest.mark.parametrize("start", ["", "categories"])
def test_a_whole_real_nodebb_is_crawled_into_its_posts(replay, start, tmp_path) -> None:
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    result = run_cli("crawl", replay.url + start, "--db", db_url, "--no-warc", *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    records = export(db_url)
    readable = [t for t in replay.capture.truths() if t["thread_id"] != 6]  # topic 6: in the category guests may not read
    expected = sorted((t["thread_id"], p["floor"], p["post_id"], p["author"], p["time_utc"], t["title"], p["body"],
                       p["edited_at"], p["content_hidden"]) for t in readable for p in t["posts"])
    got = sorted((r["thread_id"], r["floor"], r["post_id"], r["author"], r["posted_at"], r["thread_title"], r["body"],
                  r["edited_at"], r["content_hidden"]) for r in records)
    assert got == expected
    assert {r["engine"] for r in records} == {"nodebb"}
    assert "/api/topic/6" not in replay.asked and "/topic/6" not in replay.asked
    if replay.refuse_api:
        assert "/topic/7/busy-thread-with-many-replies/1?page=2" in replay.asked
    else:
        assert "/api/topic/7?page=2" in replay.asked and not any(p.startswith("/topic/") for p in replay.asked)


@pytest.mark.parametrize("capture", CAPTURES, ids=lambda c: c.folder)
def test_a_recrawl_of_an_unchanged_nodebb_asks_its_lists_and_no_topic(capture, tmp_path) -> None:
    """Each list row's reply count and last-post time say the topic did not change."""
    server = Replay(capture, refuse_api=False)
    try:
        db_url = f"sqlite:///{tmp_path / 'forum.db'}"
        assert run_cli("crawl", server.url, "--db", db_url, "--no-warc", *FAST).returncode == 0
        server.asked.clear()
        result = run_cli("crawl", server.url, "--db", db_url, "--no-warc", *FAST)
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stdout + result.stderr
    assert any(path.startswith("/api/category/") for path in server.asked)
    assert not any(path.startswith("/api/topic/") for path in server.asked), server.asked
