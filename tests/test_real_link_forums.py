"""Link forums on real engines' pages (tests/fixtures/*-linkforums, captured on loopback by
``tests.real_mybb.link_forums`` and ``tests.real_smf.link_boards``): a forum that only sends a
visitor to another address (MyBB's ``linkto``, SMF 2.x's redirect board), one in a category and
one inside a board. The index reader lists each as a link out, never a board, in every URL form
and User-Agent; a board page's sub-forums leave it out; ``forum-harvest crawl`` from the index,
replayed on loopback, never asks it and stores every post the forum's tables hold.

A board that turns out to be a link only when fetched (its row shows nothing of it): its page
answers as a link forum's does (the capture's real 302), to another site or to a page of the
site that is no board. The crawl records it as a link out (summary line and run record), never
asks where it leads, and ends complete; a redirect to a board of the site is followed."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from scraper.engines import by_name
from tests.conftest import FAST, run_cli
from tests.engine_pages import FIXTURES, Captured
from tests.exports import export
from tests.saved_pages import SavedPage, SavedPagesServer
from tests.test_real_engine_crawls import Replay

CAPTURES = ["mybb-1.8-linkforums", "mybb-1.8-linkforums-googleseo", "smf-2.1-linkforums", "smf-2.0-linkforums"]


def _engine(captured: Captured) -> str:
    return captured.expected["engine"].lower()


def _forums(captured: Captured) -> tuple[set[tuple], set[tuple]]:
    """(boards, link forums) as the tables hold them: (id, name, parent board id or None)."""
    truth = captured.expected["truth"]
    if "boards" in truth:  # SMF: ``redirect`` names where a redirect board sends its visitor
        rows = [(b["id_board"], b["name"], b["id_parent"] or None, bool(b["redirect"])) for b in truth["boards"]]
    else:  # MyBB: forums (not categories); a parent that is a category is no board
        kinds = {f["fid"]: f["type"] for f in truth["forums"]}
        rows = [(f["fid"], f["name"], f["pid"] if kinds.get(f["pid"]) == "f" else None, bool(f["linkto"]))
                for f in truth["forums"] if f["type"] == "f"]
    return ({row[:3] for row in rows if not row[3]}, {row[:3] for row in rows if row[3]})


def _listed(links) -> set[tuple]:
    return {(link.forum_id, link.name, link.parent_forum_id) for link in links}


@pytest.mark.parametrize("capture", CAPTURES)
def test_the_index_lists_link_forums_as_links_out(capture):
    captured = Captured(FIXTURES / capture)
    engine = by_name(_engine(captured))
    boards, links = _forums(captured)
    indexes = captured.entries("index-")
    assert indexes and links
    for entry in indexes:
        view = engine.index_page(captured.response(entry))
        assert (_listed(view.forums), _listed(view.links_out)) == (boards, links), entry["file"]


@pytest.mark.parametrize("capture", CAPTURES)
def test_a_board_page_leaves_its_link_forum_out_of_its_sub_forums(capture):
    captured = Captured(FIXTURES / capture)
    engine = by_name(_engine(captured))
    boards, links = _forums(captured)
    pages = [e for e in captured.files() if e["file"].endswith(".html") and
             (ref := engine.classify("http://127.0.0.1/" + e["url"])) and ref.kind == "forum"]
    shown = set()
    for entry in pages:
        view = engine.forum_page(captured.response(entry))
        shown |= _listed(view.subforums)
    assert pages and shown == {board for board in boards if board[2] is not None}


@pytest.mark.parametrize("capture", CAPTURES)
def test_a_crawl_from_the_index_never_asks_a_link_forum(capture, tmp_path):
    captured = Captured(FIXTURES / capture)
    engine = by_name(_engine(captured))
    boards, links = _forums(captured)
    server = Replay(captured)
    result, _, records = _crawled(server, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    asked = [engine.classify(server.url + path.lstrip("/")) for path in server.asked]
    link_ids = {link[0] for link in links}
    assert not [ref for ref in asked if ref and ref.kind == "forum" and ref.forum_id in link_ids]
    slugs = captured.expected["truth"].get("google_seo", {}).get("forums", {})
    assert not {f"/Forum-{slugs[str(fid)]}" for fid in link_ids if str(fid) in slugs} & \
        {urlsplit(path).path for path in server.asked}
    asked_boards = {ref.forum_id for ref in asked if ref and ref.kind == "forum"}
    assert {board[0] for board in boards} <= asked_boards
    assert sorted((r["post_id"], r["author"]) for r in records) == sorted(_posts(captured))


def _crawled(server: Replay, tmp_path) -> tuple:
    """(``forum-harvest crawl``'s result from the server's start page, the database, its export);
    the server shut down."""
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    try:
        result = run_cli("crawl", server.url + server.start, "--db", db_url, "--no-warc", *FAST)
        return result, db_url, export(db_url)
    finally:
        server.shutdown()


def _posts(captured: Captured) -> list[tuple[int, str]]:
    truth = captured.expected["truth"]
    if "messages" in truth:
        return [(m["id_msg"], m["poster_name"]) for m in truth["messages"]]
    return [(p["pid"], p["username"]) for p in truth["posts"] if p["visible"] == 1]


class BoardRedirected(Replay):
    """The MyBB link-forum capture, with Sub Board (fid 3, a board on its index and in My
    Forum's list) answering as the capture's link forum Sub Link did (its real 302), to
    ``target`` (a URL, or a path of this site); the SEO form's pages served too."""

    def __init__(self, target: str) -> None:
        self.captured = Captured(FIXTURES / "mybb-1.8-linkforums")
        super().__init__(self.captured, forms=("plain", "seo"))
        self.target = target if "://" in target else self.url + target
        self.link = next(e for e in self.captured.files() if e["file"] == "link-forum-5-plain-robot.http")

    def page(self, path: str) -> SavedPage | None:
        if path == "/forumdisplay.php?fid=3":
            return SavedPage(b"", status=self.link["status"], location=self.target)
        return super().page(path)


class Elsewhere(SavedPagesServer):
    """Another site: every path a 404, every ask kept."""

    def page(self, path: str) -> SavedPage | None:
        return None


def _crawl_board_redirected(tmp_path, target: str) -> tuple:
    """(the crawl's result, the paths the forum was asked, the runs' rows, the posts stored)."""
    server = BoardRedirected(target)
    result, db_url, records = _crawled(server, tmp_path)
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        runs = conn.execute(sa.text("SELECT status, errors, message FROM crawl_runs")).all()
    engine.dispose()
    return result, server.asked, runs, sorted((r["post_id"], r["author"]) for r in records)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2"], ids=["another port", "another host"])
def test_a_board_redirecting_to_another_site_is_a_link_out_never_asked(host, tmp_path):
    elsewhere = Elsewhere(host)
    try:
        result, asked, runs, posts = _crawl_board_redirected(tmp_path, elsewhere.url + "sub-link")
    finally:
        elsewhere.shutdown()
    assert result.returncode == 0, result.stdout + result.stderr
    assert elsewhere.asked == []
    assert "/forumdisplay.php?fid=3" in asked
    note = f"1 board is a link to elsewhere: Sub Board ({elsewhere.url}sub-link)"
    assert note in " ".join(result.stdout.split())
    assert [(status, errors) for status, errors, _ in runs] == [("finished", 0)] and note in runs[0][2]
    assert posts == sorted(_posts(Captured(FIXTURES / "mybb-1.8-linkforums")))


def test_a_board_redirecting_to_a_page_of_the_site_that_is_no_board_is_a_link_out(tmp_path):
    result, asked, runs, posts = _crawl_board_redirected(tmp_path, "wiki/Main_Page")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "/wiki/Main_Page" not in asked
    assert "1 board is a link to elsewhere: Sub Board" in " ".join(result.stdout.split())
    assert [(status, errors) for status, errors, _ in runs] == [("finished", 0)]


def test_a_board_redirecting_to_a_board_of_the_site_is_followed(tmp_path):
    result, asked, runs, posts = _crawl_board_redirected(tmp_path, "forum-2.html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "/forum-2.html" in asked
    assert "link to elsewhere" not in result.stdout
    assert runs == [("finished", 0, None)]
    assert posts == sorted(_posts(Captured(FIXTURES / "mybb-1.8-linkforums")))
