"""A whole-site crawl of the real NodeBB 4.11.2 (tests/fixtures/nodebb-4.11), replayed on
loopback as it served our User-Agent (its ``robot-`` captures, each at the path and query it
was asked at, with its status, ``Content-Type`` and ``Date``): ``forum-harvest crawl`` from the
home page finds the engine, reads the category list, every category and every page of every
topic from the read API, and stores every post the forum shows a guest, as its truth says."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import pytest

from tests.conftest import FAST, run_cli
from tests.exports import export
from tests.nodebb_capture import CAPTURE, truths
from tests.saved_pages import SavedPage, SavedPagesServer


class Replay(SavedPagesServer):
    def __init__(self) -> None:
        self.pages = {"/" + e["url"]: e for e in CAPTURE.files() if e["mode"] == "robot"}
        super().__init__()

    def page(self, path: str) -> SavedPage | None:
        entry = self.pages.get(path)
        if entry is None:
            return None
        # The forum's absolute links named its port at capture time: they point here now.
        body = re.sub(rb"http://127\.0\.0\.1:53961/", self.url.encode(), (CAPTURE.directory / entry["file"]).read_bytes())
        return SavedPage(body, content_type=entry["content_type"], status=entry["status"],
                         served_at=datetime.fromisoformat(entry["fetched_at_utc"]))


@pytest.fixture(scope="module")
def replay() -> Iterator[Replay]:
    server = Replay()
    yield server
    server.shutdown()


def test_a_whole_real_nodebb_is_crawled_into_its_posts(replay, tmp_path) -> None:
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    result = run_cli("crawl", replay.url, "--db", db_url, "--no-warc", *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    records = export(db_url)
    readable = [t for t in truths() if t["thread_id"] != 6]  # topic 6: in the category guests may not read
    expected = sorted((t["thread_id"], p["floor"], p["post_id"], p["author"], p["time_utc"], t["title"], p["body"],
                       p["edited_at"], p["content_hidden"]) for t in readable for p in t["posts"])
    got = sorted((r["thread_id"], r["floor"], r["post_id"], r["author"], r["posted_at"], r["thread_title"], r["body"],
                  r["edited_at"], r["content_hidden"]) for r in records)
    assert got == expected
    assert {r["engine"] for r in records} == {"nodebb"}
    assert "/api/topic/7?page=2" in replay.asked and "/api/topic/6" not in replay.asked
