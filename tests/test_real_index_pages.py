"""Real board-index pages of the closed engines (tests/fixtures/<engine>-<version>-index): the
engine is found from the page alone, and its own index reader finds every board and sub-board
the page links, as the page's truth (``*.expected.json``, read with BeautifulSoup, not with our
readers) lists them."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper import markup
from scraper.engines import detect
from tests.engine_truth import FIXTURES, load

INDEX_PAGES = sorted(FIXTURES.glob("*-index/index*.html"))


def _id(page: Path) -> str:
    return f"{page.parent.name}/{page.name}"


def _owner(page: Path) -> str:
    return page.parent.name.split("-")[0]


@pytest.mark.parametrize("page", INDEX_PAGES, ids=_id)
def test_the_engine_is_found_from_the_page_alone(page: Path) -> None:
    engine = detect(markup.parse(page.read_bytes().decode("utf-8")))
    assert engine is not None and engine.name == _owner(page)


@pytest.mark.parametrize("page", INDEX_PAGES, ids=_id)
def test_the_index_reader_finds_every_board(page: Path) -> None:
    response, truth = load(page)
    view = detect(markup.parse(response.text)).index_page(response)
    got = [(link.forum_id, link.name, link.url, link.category, link.parent_forum_id) for link in view.forums]
    want = [(board["forum_id"], board["name"], board["url"], board["category"], board["parent_forum_id"])
            for board in truth["forums"]]
    assert got == want
    assert view.site_name == truth["site_name"]
