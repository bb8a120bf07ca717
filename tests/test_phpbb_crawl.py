"""Whole-board crawls of the real phpBB pages (tests/fixtures/phpbb-*: 3.3.10, 3.2.11, 3.2.2,
3.1.8, 3.0.14 in prosilver and subsilver2, 2.0.23 in ISO-8859-1; 3.3.10 with phpBB SEO's
rewritten links, whose pages the crawl asks as they are linked, never by phpBB's own URLs, which
the extension's "zero duplicate" answers with a 301), replayed on loopback as a guest received
them with the ``Date`` they were served with: ``forum-harvest crawl`` from the board index finds
the engine, walks the forum's list pages and every topic's pages, and stores every post the
board's tables hold, by id, at its floor, under its author, topic and title, with its text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from scraper.engines.phpbb import ENGINE
from tests.conftest import FAST, dump, run_cli
from tests.exports import export
from tests.saved_pages import SavedPage, SavedPagesServer
from tests.real_phpbb.forum_truth import plain_text

FIXTURES = Path(__file__).parent / "fixtures"
BOARDS = ["phpbb-33-live", "phpbb-3211-prosilver", "phpbb-322-prosilver", "phpbb-318-prosilver",
          "phpbb-30-prosilver", "phpbb-30-subsilver2", "phpbb-20-subsilver",
          # with phpBB SEO's extension: every link rewritten (forumN.html, topicN-K.html…)
          "phpbb-33-seo/simple", "phpbb-33-seo/advanced", "phpbb-33-seo/vfolder", "phpbb-33-seo/remids",
          "phpbb-33-seo/remids-vfolder",
          "phpbb-33-seo/zerodupe"]  # phpBB's own URLs answer 301 to the rewritten ones
VARIANTS = ("-relative-", "-closed-", "-zone-", "-t9999-", "-f99-")  # the same URLs in another state


class Replay(SavedPagesServer):
    """A captured board's guest pages by their canonical URL; 404 for anything else."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.expected = json.loads((directory / "expected.json").read_text("utf-8"))
        entries = json.loads((directory / "pages.json").read_text("utf-8"))["files"]
        self.pages = {_key("http://board/" + e["url"]): e for e in entries
                      if e["mode"] == "guest" and not any(v in (e["file"] or "") for v in VARIANTS)}
        # 2.0 ran on PHP before 5.6, which sent no charset: the page's <meta> says ISO-8859-1.
        self.content_type = "text/html" if self.expected["version"].startswith("2.") else "text/html; charset=UTF-8"
        super().__init__()

    def page(self, path: str) -> SavedPage | None:
        entry = self.pages.get(_key("http://board" + path))
        if entry is None:
            return None
        location = entry.get("location")  # phpBB SEO's "zero duplicate": on the capture's port
        body = (self.directory / entry["file"]).read_bytes() if entry["file"] else b""
        return SavedPage(body, self.content_type,
                         datetime.fromisoformat(entry["fetched_at_utc"]), entry["status"],
                         urljoin(self.url, urlsplit(location)._replace(scheme="", netloc="").geturl())
                         if location else None)


def _key(url: str) -> str:
    parts = urlsplit(ENGINE.canonicalize(url))
    return parts.path.lstrip("/") + ("?" + parts.query if parts.query else "")


@pytest.fixture(scope="module", params=BOARDS)
def replay(request) -> Iterator[Replay]:
    server = Replay(FIXTURES / request.param)
    yield server
    server.shutdown()


def _visible(expected: dict) -> list[tuple[int, int, int, str]]:
    """(post id, topic id, floor, author) of every post a guest sees, floors counted per topic
    in the order phpBB shows them (time, then id)."""
    found, floors = [], {}
    for post in sorted(expected["posts"], key=lambda p: (p["topic_id"], p["post_time"], p["post_id"])):
        if post["post_visibility"] == 1:
            floors[post["topic_id"]] = floors.get(post["topic_id"], 0) + 1
            found.append((post["post_id"], post["topic_id"], floors[post["topic_id"]], post["author"]))
    return found


def test_a_whole_board_is_crawled_into_its_own_posts(replay, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    result = run_cli("crawl", replay.url + "index.php", "--db", db_url, "--no-warc", *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    records = export(db_url)
    assert sorted((r["post_id"], r["thread_id"], r["floor"], r["author"]) for r in records) == \
        sorted(_visible(replay.expected))
    assert {r["engine"] for r in records} == {"phpbb"}
    posts = {post["post_id"]: post for post in replay.expected["posts"]}
    titles = {topic["topic_id"]: topic["topic_title"] for topic in replay.expected["topics"]}
    version = tuple(int(part) for part in replay.expected["version"].split(".")[:3])
    precise = version >= (3, 2, 9)  # <time datetime>; else minutes
    for record in records:
        post = posts[record["post_id"]]
        assert record["thread_title"] == titles[record["thread_id"]]
        assert " ".join(record["body"].replace("[图片]", " ").split()) == plain_text(post["post_text"], image=""), record
        posted = datetime.fromisoformat(record["posted_at"]).timestamp()
        assert 0 <= post["post_time"] - posted < (1 if precise else 60), record
    if "phpbb-33-seo" in replay.directory.parts:
        # every forum and topic page a capture holds was linked rewritten: none asked by phpBB's own URL
        assert [path for path in replay.asked if "viewforum.php" in path or "viewtopic.php" in path] == []


SEO_FOLDERS = {"phpbb-33-seo/vfolder": "your-first-forum-f2/", "phpbb-33-seo/remids-vfolder": "your-first-forum/"}


@pytest.mark.parametrize("board", sorted(SEO_FOLDERS))
def test_a_crawl_started_at_a_forum_s_folder_reads_that_forum_under_the_board_root(board, tmp_path):
    """phpBB SEO's virtual folder of forum 2 as the start URL: the forum (its list pages, every
    topic), the board's root its parent directory, not the folder."""
    server = Replay(FIXTURES / board)
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    try:
        result = run_cli("crawl", server.url + SEO_FOLDERS[board], "--db", db_url, "--no-warc", *FAST)
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted((r["post_id"], r["thread_id"], r["floor"], r["author"]) for r in export(db_url)) == \
        sorted(_visible(server.expected))
    stored = dump(db_url)
    assert [site["url"] for site in stored["sites"]] == [server.url]
    assert [(forum["forum_id"], forum["name"]) for forum in stored["forums"]] == [(2, "Your first forum")]
    assert "/index.php" not in server.asked


@pytest.fixture
def closed_board() -> Iterator[Replay]:
    """The 3.3 board after Guests lost its forum: the forum's and a topic's pages are the login box."""
    server = Replay(FIXTURES / "phpbb-33-live")
    entries = json.loads((server.directory / "pages.json").read_text("utf-8"))["files"]
    server.pages = {_key("http://board/" + e["url"]): e for e in entries if "-closed-" in e["file"]}
    forum = next(entry for entry in server.pages.values() if entry["file"].startswith("viewforum"))
    server.pages["index.php"] = forum  # a board closed to guests as a whole: the same login box
    yield server
    server.shutdown()


def test_a_forum_closed_to_guests_is_the_forum_s_answer_not_a_refusal(closed_board, tmp_path):
    """A login box in the board's own page is read as the forum's "login required" (the crawl
    goes on, nothing is stored), not taken for a wall before the site (retried, then stopping)."""
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    result = run_cli("crawl", closed_board.url + "viewforum.php?f=2", "--db", db_url, "--no-warc", *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "refused" not in result.stdout + result.stderr
    assert closed_board.asked.count("/viewforum.php?f=2") == 1  # read once, not retried
    assert export(db_url) == []


def test_a_board_closed_to_guests_ends_in_one_line_with_its_reason(closed_board, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    result = run_cli("crawl", closed_board.url + "index.php", "--db", db_url, "--no-warc", *FAST)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: {closed_board.url}index.php: the forum says: "
        "The board requires you to be registered and logged in to view this forum.")


def test_a_listed_topic_gone_by_the_time_it_is_read_is_deleted_not_a_failed_page(tmp_path):
    """3.3 answers a topic that does not exist with its message page and HTTP 404 (the capture's
    ``viewtopic-t9999``): served for a topic the list still names, the topic is marked deleted
    and the crawl finishes, no gap recorded."""
    server = Replay(FIXTURES / "phpbb-33-live")
    entries = json.loads((server.directory / "pages.json").read_text("utf-8"))["files"]
    server.pages["viewtopic.php?t=3"] = next(e for e in entries if "-t9999-" in e["file"])
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    try:
        result = run_cli("crawl", server.url + "index.php", "--db", db_url, "--no-warc", *FAST)
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stdout + result.stderr
    assert {row["thread_id"]: row["status"] for row in dump(db_url)["threads"]}[3] == "deleted"
    assert {r["thread_id"] for r in export(db_url)} == {1, 2, 4, 5}
