"""``clean --mode html`` parses a page once: the tree its engine is found on is the one its
reader reads (``scraper.markup.ParsedPage``). Real saved pages of several engines; the real
parser runs, wrapped only to count what it is given."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.page_mode import clean_page
from pipeline.post_cleaning import CleaningContext
from scraper import markup

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = {  # saved page -> the URL it had (or none: the page alone)
    "discuz-x35/viewthread-tid2-page2.html": "http://127.0.0.1/forum.php?mod=viewthread&tid=2&page=2",
    "discuz-x35/archiver-tid1.html": "http://127.0.0.1/archiver/?tid-1.html",
    "xenforo-2/thread.html": "",
    "discourse/t-177814.html": "https://forum.ionicframework.com/t/how-to-build/177814",
    "mybb-1.8/post-5-plain-browser.html": "",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_is_parsed_once_and_its_posts_read(name, monkeypatch):
    html = (FIXTURES / name).read_text(encoding="utf-8")
    parsed: list[int] = []
    real_parse = markup.parse

    def counted(text: str):
        if len(text) >= len(html) // 2:  # the page itself, not a post's fragment
            parsed.append(len(text))
        return real_parse(text)

    monkeypatch.setattr(markup, "parse", counted)
    thread = clean_page(html, url=PAGES[name], context=CleaningContext(datetime(2026, 12, 1, tzinfo=UTC)))
    assert thread.posts and all(post["author"] for post in thread.posts)
    assert len(parsed) == 1
