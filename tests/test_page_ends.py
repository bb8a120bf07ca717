"""A 200 is a whole page when it ends as its engine ends one: ``</html>``, or an engine's own
end (Discuz! X3's forum index served from its index cache, which stops without ``</html>``);
a page cut before that end is still retried as cut short."""

from __future__ import annotations

from scrapy.http import HtmlResponse

from scraper.page_checks import _cut_short
from tests.engine_truth import FIXTURES

CACHED_INDEX = (FIXTURES / "discuz-x3-mcyacg-index" / "index.html").read_bytes()


def test_a_discuz_index_served_from_its_cache_is_whole() -> None:
    assert not CACHED_INDEX.rstrip().endswith(b"</html>")
    assert _cut_short(HtmlResponse("http://127.0.0.1/", body=CACHED_INDEX)) is None


def test_a_discuz_index_cut_before_its_cache_script_ends_is_cut_short() -> None:
    for cut in (len(CACHED_INDEX) // 2, CACHED_INDEX.rindex(b"This page is cached"), len(CACHED_INDEX) - 12):
        problem = _cut_short(HtmlResponse("http://127.0.0.1/", body=CACHED_INDEX[:cut]))
        assert problem is not None and problem.startswith("cut short"), cut
