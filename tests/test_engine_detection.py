"""Every real page in tests/fixtures is recognized by its own engine and by no other one, so
``detect`` does not depend on the order it tries them in (scraper.engines.ENGINE_NAMES)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper import markup
from scraper.engines import ENGINE_NAMES, registered

FIXTURES = Path(__file__).parent / "fixtures"
# A fixture folder is named after its engine: discuz-x35, mybb-1.8, xenforo-2, discourse…
PAGES = sorted(page for page in FIXTURES.glob("*/**/*.html")
               if page.relative_to(FIXTURES).parts[0].split("-")[0] in ENGINE_NAMES)


def test_every_engine_has_real_pages():
    assert {page.relative_to(FIXTURES).parts[0].split("-")[0] for page in PAGES} == set(ENGINE_NAMES)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(FIXTURES)))
def test_a_real_page_is_its_own_engines_only(page: Path) -> None:
    owner = page.relative_to(FIXTURES).parts[0].split("-")[0]
    parsed = markup.parse(page.read_bytes().decode("utf-8", "replace"))
    assert [engine.name for engine in registered() if engine.recognizes(parsed)] == [owner]
