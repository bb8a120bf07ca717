"""Three real crawls of a real Discuz! X3.5 thread, replayed from the pages it served our
default User-Agent (robot mode, no floor numbers; tests/fixtures/discuz-x35-live, and the
same scenario in GBK and Big5: discuz-x35-gbk, discuz-x35-big5, and with URL rewriting on:
discuz-x35-rewrite, at the URLs they were served at; and on a real X3.4: discuz-x34, and its
published SC_GBK package: discuz-x34-gbk, and the last X3.4: discuz-x34-20230520; and on a real X3.3:
discuz-x33), with the
Content-Type it served them with: seeded,
after a moderator's delete (the next view of the page answered once with a 302 to itself on
X3.5 and the last X3.4, to the thread's first page on X3.4 of 2019 and X3.3),
after two replies and an edit. Each crawl must leave the forum's own posts, by pid, at the
floors Discuz gave them, and the deleted post kept and marked."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.conftest import FAST, dump, run_cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CAPTURES = ("discuz-x35-live", "discuz-x35-gbk", "discuz-x35-big5", "discuz-x35-rewrite", "discuz-x34",
            "discuz-x34-gbk", "discuz-x34-20230520", "discuz-x33")
THREAD = 1


def _files(capture: Path) -> list[dict]:
    return json.loads((capture / "pages.json").read_text())["files"]


def _content_type(entry: dict) -> str:
    """As served (captures before it was kept: UTF-8)."""
    return entry.get("content_type") or "text/html; charset=utf-8"


class ReplayServer(ThreadingHTTPServer):
    """Thread 1's pages of one step at the URLs they were captured at (page 1 also without
    ``&page=1``, as Discuz answers it), and at the Location of the step's captured 302 when
    that is no page's URL (with rewriting on, the dynamic URL: Discuz serves the page there
    too); anything else is a 404. The 302 says its Location as captured (X3.4 of 2019's and X3.3's are relative)."""

    def __init__(self, capture: Path) -> None:
        super().__init__(("127.0.0.1", 0), ReplayHandler)
        self.capture = capture
        self.pages: dict[int, tuple[bytes, str]] = {}  # page -> (body, Content-Type)
        self.paths: dict[str, int] = {}  # URL path and query -> page
        self.redirect_once: set[int] = set()  # pages whose next view is a 302 to themselves
        self.locations: dict[int, str] = {}  # page -> its 302's Location, without the capture's host
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    @property
    def start(self) -> str:
        """Where a crawl starts: the thread's first page."""
        return self.url + min(self.paths, key=len).lstrip("/")

    def show(self, step: str) -> None:
        entries = [entry for entry in _files(self.capture) if entry["step"] == step and entry["mode"] == "robot"
                   and entry["file"].startswith(f"viewthread-tid{THREAD}-") and entry["file"].endswith(".html")]
        numbers = {entry["file"]: int(re.search(r"-page(\d+)-", entry["file"])[1]) for entry in entries}
        self.pages = {numbers[entry["file"]]: (self.moved_here(entry["file"]), _content_type(entry))
                      for entry in entries}
        self.paths = {"/" + url: numbers[entry["file"]] for entry in entries
                      for url in {entry["url"], entry["url"].removesuffix("&page=1")}}
        self.locations = {int(re.search(r"-page(\d+)-", entry["file"])[1]):
                          re.sub(r"^http://127\.0\.0\.1:\d+", "", entry["location"])
                          for entry in _files(self.capture) if entry["step"] == step and entry.get("location")
                          and entry["file"].startswith(f"viewthread-tid{THREAD}-")}
        for page, location in self.locations.items():
            self.paths.setdefault(urljoin("/", location), page)

    def moved_here(self, name: str) -> bytes:
        """The page with the forum's absolute URLs (its port at capture time) pointing here."""
        return re.sub(rb"http://127\.0\.0\.1:\d+/", self.url.encode(), (self.capture / name).read_bytes())


class ReplayHandler(BaseHTTPRequestHandler):
    server: ReplayServer

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        page = self.server.paths.get(self.path)
        body, content_type = self.server.pages.get(page, (None, "text/plain"))
        if body is not None and page in self.server.redirect_once:
            self.server.redirect_once.discard(page)
            self.send_response(302)
            location = self.server.locations.get(page, self.path)
            self.send_header("Location", self.server.url.rstrip("/") + location if location.startswith("/") else location)
            self.end_headers()
            return
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", content_type)
        self.end_headers()
        self.wfile.write(body or b"not found")

    def log_message(self, *args: object) -> None:
        pass


def forum_posts(capture: Path, step: str) -> dict[int, tuple[int, str]]:
    """pid -> (floor, author) of the thread's visible posts at ``step``: floors are their order."""
    steps = {entry["step"]: entry for entry in json.loads((capture / "expected.json").read_text())["steps"]}
    visible = sorted((post for post in steps[step]["posts"] if post["tid"] == THREAD and post["invisible"] == 0),
                     key=lambda post: post["position"])
    return {post["pid"]: (floor, post["author"]) for floor, post in enumerate(visible, start=1)}


def stored_posts(db_url: str) -> tuple[dict[int, tuple[int, str]], set[int]]:
    """pid -> (floor, author) of the current posts, and the pids marked deleted."""
    posts = dump(db_url)["posts"]
    current = {post["post_id"]: (post["floor"], post["author"]) for post in posts if post["deleted_at"] is None}
    return current, {post["post_id"] for post in posts if post["deleted_at"] is not None}


@pytest.fixture(scope="module", params=CAPTURES)
def replay(request):
    server = ReplayServer(FIXTURES / request.param)
    yield server
    server.shutdown()
    server.server_close()


def crawl_step(replay: ReplayServer, start: str, db_url: str, step: str, gone: set[int]) -> None:
    """One crawl from ``start`` of the step's pages: finished without errors, every post of the
    forum stored at its floor, ``gone`` marked deleted."""
    result = run_cli("crawl", start, "--db", db_url, *FAST)
    assert result.returncode == 0, (step, result.stdout, result.stderr)
    assert "0 errors (finished)" in " ".join(result.stdout.split()), step
    assert stored_posts(db_url) == (forum_posts(replay.capture, step), gone), step


def test_three_crawls_of_a_real_thread_in_robot_mode_follow_the_forum(replay, tmp_path) -> None:
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    for step, gone in (("seeded", set()), ("after-delete", {5}), ("after-changes", {5})):
        replay.show(step)
        replay.redirect_once = {2} if step == "after-delete" else set()
        crawl_step(replay, replay.start, db_url, step, gone)
    assert not replay.redirect_once  # the 302 was met, and followed


@pytest.mark.parametrize("replay", ["discuz-x34", "discuz-x33"], indirect=True)
def test_a_page_x34_sends_to_the_first_page_before_that_was_asked_is_asked_again(replay, tmp_path) -> None:
    """A crawl that asks for page 2 before page 1 (here, one started there): X3.4's (and X3.3's) 302 to
    page 1 is not followed, page 2 is asked for again and read, then page 1."""
    replay.show("after-delete")
    replay.redirect_once = {2}
    page_two = next(path for path, page in replay.paths.items() if page == 2)
    crawl_step(replay, replay.url + page_two.lstrip("/"), f"sqlite:///{tmp_path / 'forum.db'}", "after-delete", set())
    assert not replay.redirect_once


@pytest.mark.parametrize("capture", CAPTURES)
@pytest.mark.parametrize(("step", "replies"), [("seeded", 8), ("after-delete", 7), ("after-changes", 9)])
def test_the_thread_header_of_a_real_x35_gives_the_reply_count(capture: str, step: str, replies: int) -> None:
    from scrapy.http import HtmlResponse

    from scraper.engines.discuz.pages import ThreadPage

    for mode in ("robot", "browser"):
        name = f"viewthread-tid1-page1-{mode}-{step}.html"
        entry = next(entry for entry in _files(FIXTURES / capture) if entry["file"] == name)
        page = ThreadPage.from_response(HtmlResponse(
            "http://127.0.0.1/forum.php?mod=viewthread&tid=1", body=(FIXTURES / capture / name).read_bytes(),
            headers={"Content-Type": _content_type(entry)}))
        assert page.replies == replies, mode
