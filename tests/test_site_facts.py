"""What a crawl learns of its site is its own (``scraper.engines.site_facts.SiteFacts``): a crawl
that read a phpBB SEO board (``tests/fixtures/phpbb-33-seo/remids``: its forum linked by title
alone, 3 posts a page) knows its pages by their links and its page size; another crawl in the
same process knows what a new process knows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scrapy.http import HtmlResponse

from scraper.engines.base import PageRef
from scraper.engines.phpbb import ENGINE
from scraper.engines.phpbb.linked import FORM
from scraper.engines.site_facts import SiteFacts
from scraper.spiders.forum import ForumSpider

BOARD = Path(__file__).parent / "fixtures" / "phpbb-33-seo" / "remids"
BASE = "http://127.0.0.1:8080/"
# The forum's link (no id), page 2 of topic 2 linked rewritten, and in phpBB's own URL.
URLS = [BASE + "your-first-forum.html", BASE + "long-topic-t2-3.html", BASE + "viewtopic.php?t=2&start=3"]


def _read(facts: SiteFacts) -> None:
    """The board's index and topic 2's first page, as a crawl reads them."""
    for url, name in (("index.php", "index-guest.html"), ("viewtopic.php?t=2", "viewtopic-t2-guest.html")):
        response = HtmlResponse(BASE + url, body=(BOARD / name).read_bytes())
        (ENGINE.index_page if name.startswith("index") else ENGINE.thread_page)(response, facts)


def _in_a_new_process() -> str:
    code = (f"from scraper.engines.phpbb import ENGINE; print(repr([ENGINE.classify(url) for url in {URLS!r}]),"
            f" ENGINE.page_url({BASE!r}, 'thread', 2, 2, form={FORM!r}))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).parent.parent).stdout.strip()


def test_a_crawl_s_facts_are_not_another_crawl_s():
    first, second = SiteFacts(), SiteFacts()
    _read(first)
    assert [ENGINE.classify(url, first) for url in URLS] == [
        PageRef("forum", 2, start=0), PageRef("thread", None, 2, page=2, start=3), PageRef("thread", None, 2, page=2, start=3)]
    assert ENGINE.page_url(BASE, "thread", 2, 2, form=FORM, facts=first) == BASE + "long-topic-t2-3.html"
    unknown = [None, PageRef("thread", None, 2, page=1, start=3), PageRef("thread", None, 2, page=1, start=3)]
    assert [ENGINE.classify(url, second) for url in URLS] == [ENGINE.classify(url) for url in URLS] == unknown
    asked = ENGINE.page_url(BASE, "thread", 2, 2, form=FORM, facts=second)
    assert asked == BASE + "viewtopic.php?t=2&start=10"  # phpBB's own URL, 10 posts a page
    assert _in_a_new_process() == f"{unknown!r} {asked}"


def test_each_crawl_asks_its_own_site_s_pages_by_what_it_read():
    crawls = [ForumSpider(url=BASE + "index.php", engine="phpbb") for _ in range(2)]
    for crawl in crawls:
        crawl.site, crawl.url_form = BASE, FORM
    _read(crawls[0].facts)
    assert [crawl.listing_url("thread", 2, 2, None) for crawl in crawls] == [
        BASE + "long-topic-t2-3.html", BASE + "viewtopic.php?t=2&start=10"]
    assert [crawl.listing_url("forum", 2, 1, None) for crawl in crawls] == [
        BASE + "your-first-forum.html", BASE + "viewforum.php?f=2"]


def test_a_recrawl_that_read_the_lists_asks_a_topic_s_later_pages_as_the_board_links_them():
    """A recrawl resumes a topic at its last stored page before reading the topic: the list's row
    links its pages (``phpbb-33-seo/zerodupe``, "zero duplicate" on: phpBB's own URL is a 301),
    3 posts a page. Before, ``viewtopic.php?t=2&start=10`` and ``&start=20``: phpBB's own URLs,
    at phpBB's default 10 posts a page."""
    board = BOARD.parent / "zerodupe"
    files = {entry["url"]: entry["file"] for entry in json.loads((board / "pages.json").read_text("utf-8"))["files"]
             if entry.get("file")}
    crawl = ForumSpider(url=BASE + "index.php", engine="phpbb")
    crawl.site, crawl.url_form = BASE, FORM
    for url in ("index.php", "forum2.html", "forum2-3.html"):
        read = ENGINE.index_page if url == "index.php" else ENGINE.forum_page
        read(HtmlResponse(BASE + url, body=(board / files[url]).read_bytes()), crawl.facts)
    assert [crawl.listing_url("thread", 2, page, None) for page in (1, 2, 3)] == [
        BASE + "topic2.html", BASE + "topic2-3.html", BASE + "topic2-6.html"]
