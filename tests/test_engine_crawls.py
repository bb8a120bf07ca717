"""Crawls of engines other than Discuz, end to end: real saved pages (tests/fixtures/<engine>-*)
served on loopback at their own paths, crawled by ``forum-harvest crawl`` into SQLite, the
engine found from the page; and the one-line answers to a forced engine the page is not."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper.engines import ENGINE_NAMES
from tests import cli_process
from tests import invision3_template_pages as board3
from tests.conftest import FAST, REPO, run_cli
from tests.exports import export
from tests.saved_pages import SavedPage, SavedPagesServer

FIXTURES = Path(__file__).parent / "fixtures"
# path?query on our server -> saved page (its truth beside it, its engine the folder's name up
# to a dash): the paths the pages had on their sites.
PAGES = {
    "/community/threads/a-dark-theme-option.8276/": "xenforo-2/thread.html",
    "/index.php?threads/notice-changelog-patch-notes-09-02-2021.603/": "xenforo-2/thread-603.html",
    "/t/57.json": "discourse/t-57.json",
    "/forum/topic/1393830-hello-everyone/": "invision-4.4/thread-neowin-1393830.html",
    "/topic/86747-help-us-build-the-next-great-bittorrent-product/": "invision-4.4/thread-utorrent-86747.html",
    "/port/index.php?showtopic=567": "invision-3.4/thread-stripzona-567.html",
    "/annonces-officielles/78761-moderateurs.html": "vbulletin-4-fr/thread.html",
    "/foro/showthread.php?t=3411406": "vbulletin-3-es/thread-3411406.html",
    "/forum/threads/ram-upgrade-auf-32-gb-fuer-3700x.1940201/": "xenforo-2-de/thread-1940201.html",
}
# A saved page a crawl only starts from: a Discourse topic's HTML (its JSON is what is read).
DISCOURSE_HTML_TOPIC = "/t/how-to-build-an-android-apk-file-without-using-android-studio-in-a-capacitor-project/177814"
START_PAGES = {DISCOURSE_HTML_TOPIC: "discourse/t-177814.html"}
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".json": "application/json; charset=utf-8"}
# The saved pages in another charset than UTF-8, served as their sites served them.
LATIN_1 = {"vbulletin-4-fr/thread.html", "vbulletin-3-es/thread-3411406.html"}
# The saved pages stating no zone, crawled in the zone their truth reads them in (``times_read_in``).
NO_STATED_ZONE = {"vbulletin-3-es/thread-3411406.html"}


class SavedThreads(SavedPagesServer):
    def page(self, path: str) -> SavedPage | None:
        saved = PAGES.get(path) or START_PAGES.get(path)
        if not saved:
            return None
        kind = "text/html; charset=ISO-8859-1" if saved in LATIN_1 else CONTENT_TYPES[Path(saved).suffix]
        return SavedPage((FIXTURES / saved).read_bytes(), kind)


@pytest.fixture(scope="module")
def saved_site() -> Iterator[SavedThreads]:
    server = SavedThreads()
    yield server
    server.shutdown()


@pytest.mark.parametrize("path", sorted(PAGES))
def test_a_saved_thread_is_crawled_and_stored_as_its_engine_shows_it(saved_site, tmp_path, path):
    saved = FIXTURES / PAGES[path]
    truth = json.loads(saved.with_name(saved.stem + ".expected.json").read_text(encoding="utf-8"))
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    zone = ("--tz", truth["times_read_in"]) if PAGES[path] in NO_STATED_ZONE else ()
    result = run_cli("crawl", saved_site.url + path.lstrip("/"), "--db", db_url, "--no-warc", *zone, *FAST)
    assert result.returncode == 0, result.stderr
    records = sorted(export(db_url), key=lambda record: record["floor"])
    assert [(r["post_id"], r["floor"], r["author"], r["posted_at"]) for r in records] == [
        (post["post_id"], post["floor"], post["author"], post["time_utc"]) for post in truth["posts"]]
    assert {(r["engine"], r["thread_id"], r["thread_title"]) for r in records} == {
        (saved.parent.name.split("-")[0], truth["thread_id"], truth["title"])}
    assert [r["body"] for r in records] == [post["body"] for post in truth["posts"]]


class Board3(SavedPagesServer):
    """An IP.Board 3.x site shaped by its templates: the index, the category 3, forum 5 holding
    topic 88 (``topic``: its pages by path and query, ``replies`` in its list row), the empty
    forum 8; only 3.x's plain script URLs and the root are answered."""

    def __init__(self, topic: dict[str, str], replies: int) -> None:
        self.pages = {"/": board3.index_page(), "/index.php?showforum=3": board3.index_page(),
                      "/index.php?showforum=5": board3.forum_page(replies=replies, pages=1, other=False),
                      "/index.php?showforum=8": board3.empty_forum_page("Boot issues"), **topic}
        super().__init__()

    def page(self, path: str) -> SavedPage | None:
        body = self.pages.get(path)
        return SavedPage(body.replace(board3.SITE, self.url).encode()) if body else None


def _crawled(server: Board3, tmp_path: Path) -> list[dict]:
    """The records a crawl of ``server`` from its root stored (the server shut down after)."""
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    try:
        result = run_cli("crawl", server.url, "--db", db_url, "--no-warc", *FAST)
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    return sorted(export(db_url), key=lambda record: record["floor"])


def test_a_3x_invision_site_is_crawled_in_its_plain_urls(tmp_path):
    server = Board3({"/index.php?showtopic=88": board3.topic_page(start=0, total=4)}, replies=3)
    records = _crawled(server, tmp_path)
    assert "/index.php?showtopic=88" in server.asked and not any("/page/" in path for path in server.asked)
    assert [(r["post_id"], r["floor"], r["author"], r["engine"], r["thread_title"]) for r in records] == [
        (1001, 1, "alice", "invision", "A topic"), (1002, 2, "bob", "invision", "A topic"),
        (1003, 3, "Visitor", "invision", "A topic"), (1004, 4, "mallory", "invision", "A topic")]


def test_a_3x_topics_later_page_is_asked_by_the_offset_its_pager_names(tmp_path):
    """A 3.0–3.1 site: topic 88's second page is answered only at its offset (``st=20``; 3.0–3.1
    read no ``page=``)."""
    server = Board3({"/index.php?showtopic=88": board3.topic_page(start=0, total=24),
                     "/index.php?showtopic=88&st=20": board3.topic_page(start=20, total=24, first_pid=2001)},
                    replies=23)
    records = _crawled(server, tmp_path)
    assert "/index.php?showtopic=88&st=20" in server.asked and not any("page=" in path for path in server.asked)
    assert [(r["post_id"], r["floor"]) for r in records] == [
        (1001, 1), (1002, 2), (1003, 3), (1004, 4), (2001, 21), (2002, 22), (2003, 23), (2004, 24)]


def test_a_discourse_topic_html_start_is_crawled_through_its_json(saved_site, tmp_path):
    """The crawler view prints no post ids: the crawl asks the topic's JSON and stores nothing
    from the HTML (here the JSON was not saved, so nothing is stored)."""
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    run_cli("crawl", saved_site.url + DISCOURSE_HTML_TOPIC.lstrip("/"), "--db", db_url, "--no-warc", *FAST)
    assert "/t/177814.json" in saved_site.asked
    assert export(db_url) == []


def test_a_forced_engine_the_page_is_not_is_one_line(saved_site, tmp_path):
    path = "/community/threads/a-dark-theme-option.8276/"
    result = run_cli("crawl", saved_site.url + path.lstrip("/"), "--db", f"sqlite:///{tmp_path / 'x.db'}",
                     "--engine", "vbulletin", *FAST)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert "is a XenForo page, not vBulletin: use --engine xenforo, or leave --engine out" in lines[0]


def test_the_sample_discuz_forced_as_another_engine_is_one_line(sample_site, tmp_path):
    _, server = sample_site
    result = run_cli("crawl", server.url + "forum.php", "--db", f"sqlite:///{tmp_path / 'x.db'}",
                     "--engine", "xenforo", *FAST)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert "is a Discuz! page, not XenForo: use --engine discuz" in lines[0]


def test_scrapy_has_the_forum_spider_and_one_per_engine():
    """``scrapy crawl forum`` detects the engine; ``scrapy crawl phpbb`` and the like force theirs."""
    listed = cli_process.run([sys.executable, "-m", "scrapy", "list"], cwd=REPO, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert set(listed.stdout.split()) == {"forum", *ENGINE_NAMES}
