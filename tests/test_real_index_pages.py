"""Real board-index pages of the closed engines (tests/fixtures/<engine>-<version>-index): the
engine is found from the page alone, and its own index reader finds every board and sub-board
the page links, as the page's truth (``*.expected.json``, read with BeautifulSoup, not with our
readers) lists them; ``forum-harvest crawl`` started at the page, served as a site's root on
loopback, goes on to every one of those boards; thread rows a page also shows are read by the
engine's thread-list reader to their truth."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from scraper import markup
from scraper.engines import by_name, detect
from scraper.engines.base import ForumLink
from tests.conftest import FAST, run_cli
from tests.engine_truth import FIXTURES, load
from tests.saved_pages import SavedPage, SavedPagesServer

INDEX_PAGES = sorted(FIXTURES.glob("*-index/index*.html"))


def _id(page: Path) -> str:
    return f"{page.parent.name}/{page.name}"


def _asked(url: str) -> str:
    """The path and query a request for ``url`` asks for."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _owner(page: Path) -> str:
    return page.parent.name.split("-")[0]


@pytest.mark.parametrize("page", INDEX_PAGES, ids=_id)
def test_the_engine_is_found_from_the_page_alone(page: Path) -> None:
    engine = detect(markup.parse(load(page)[0].text))
    assert engine is not None and engine.name == _owner(page)


def _boards(links: list[ForumLink]) -> list[tuple[object, ...]]:
    return [(link.forum_id, link.name, link.url, link.category, link.parent_forum_id) for link in links]


def _truth_boards(boards: list[dict[str, Any]]) -> list[tuple[object, ...]]:
    return [(board["forum_id"], board["name"], board["url"], board["category"], board["parent_forum_id"])
            for board in boards]


@pytest.mark.parametrize("page", INDEX_PAGES, ids=_id)
def test_the_index_reader_finds_every_board(page: Path) -> None:
    """Every board to its truth; a board that only sends the visitor elsewhere (IP.Board 3.x's
    redirect forum, a XenForo link node, a phpBB link forum) is a link out, no board; a front page
    that lists no board names the board index it links (an Invision site's Pages front page: its
    forums app)."""
    response, truth = load(page)
    view = detect(markup.parse(response.text)).index_page(response)
    assert _boards(view.forums) == _truth_boards(truth["forums"])
    assert _boards(view.links_out) == _truth_boards(truth.get("links_out", []))
    assert view.board_index == truth.get("board_index")
    assert view.site_name == truth["site_name"]
    if "install_root" in truth:  # the engine's own directory, where the page is served outside it
        assert view.site_root == truth["install_root"]


ROW_FIELDS = ("thread_id", "title", "url", "author", "replies", "views", "sticky", "last_poster", "last_post_text",
              "last_post_attr")
LISTING = [page for page in INDEX_PAGES if "threads" in load(page)[1]]


@pytest.mark.parametrize("page", LISTING, ids=_id)
def test_the_list_reader_reads_every_thread_row_the_page_shows(page: Path) -> None:
    """A front page that also lists threads (a 1.x widget printing ``thread_list_item`` rows) is
    read by the engine's thread-list reader to its truth."""
    response, truth = load(page)
    view = detect(markup.parse(response.text)).forum_page(response)
    assert [tuple(getattr(row, field) for field in ROW_FIELDS) for row in view.threads] == \
        [tuple(row[field] for field in ROW_FIELDS) for row in truth["threads"]]


class SavedIndex(SavedPagesServer):
    """The saved index as the site's root; every other path a 404."""

    def __init__(self, page: Path) -> None:
        self.body = page.read_bytes()
        super().__init__()

    def page(self, path: str) -> SavedPage | None:
        return SavedPage(self.body, content_type="text/html") if path == "/" else None  # its own charset


@pytest.mark.parametrize("page", INDEX_PAGES, ids=_id)
def test_a_crawl_from_the_index_goes_to_every_board(page: Path, tmp_path: Path) -> None:
    server = SavedIndex(page)
    try:
        run_cli("crawl", server.url, "--db", f"sqlite:///{tmp_path / 'forum.db'}", "--no-warc", *FAST)
    finally:
        server.shutdown()
    response, truth = load(page)
    engine = by_name(_owner(page))
    form = engine.url_form(response)  # the form the crawl asks the site's pages in (IP.Board 3.x: showforum=N)
    in_form = {} if form == "dynamic" else {"form": form}
    site = urljoin(server.url, urlsplit(truth.get("install_root", "/")).path)  # the engine's directory

    def asked(boards: list[dict[str, Any]]) -> set[str]:
        return {_asked(engine.page_url(site, "forum", board["forum_id"], **in_form)) for board in boards}

    assert asked(truth["forums"]) <= set(server.asked)
    # a link out is asked neither as a board (the forum page of its id, where it has one) nor at
    # the address it links (XenForo 1's link-forums/slug.N/, which only redirects)
    out = truth.get("links_out", [])
    never = asked([link for link in out if link["forum_id"] is not None]) | {_asked(urljoin(site, link["url"]))
                                                                            for link in out}
    assert not never & set(server.asked)
    if board_index := truth.get("board_index"):  # the site's board index, asked of the loopback site
        assert _asked(board_index) in server.asked
