"""The order of numeric dates (``03/01/18``: 3 January or 1 March?) is decided per page, and per
site in a crawl, never per date (``scraper.engines.date_order``): the page's own dates, the
site's pages, FORUM_DATE_ORDER (a site profile's ``date_order``), the page's language, the
engine's default; a page whose dates contradict each other leaves the dates either order reads
unread and counted.

Real pages: forospyware.com's vBulletin 4.2 index in Spanish (tests/fixtures/vbulletin-4-es-index,
``d/m/y`` with four dates a month-first reader got wrong) and MyBB 1.8.37's thread 1, page 3
(tests/fixtures/mybb-1.8, ``m-d-Y``, ``lang="en"``), whose dates (12-03-2026, 12-04-2026,
12-06-2026) either order reads. The variations of the MyBB page change one thing each: its
``lang``, or one of its dates, everywhere the page prints it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from forum_harvest.config import load_config
from forum_harvest.crawl import crawl_settings
from forum_harvest.site_profile import profile_settings
from pipeline.cleaning_stage import CleanPostPipeline
from pipeline.page_mode import clean_page
from pipeline.post_cleaning import CleaningContext
from scraper.engines import by_name, date_order
from scraper.engines.fragments import page_tree
from scraper.engines.shown_times import DAY_FIRST, MONTH_FIRST, UNDECIDABLE
from scraper.engines.vbulletin.pages import page_timezone
from scraper.items import ThreadPageItem
from scraper.spiders.forum import ForumSpider
from tests.engine_pages import FIXTURES, SITE, Captured

SPANISH_INDEX = FIXTURES / "vbulletin-4-es-index"
MYBB = Captured(FIXTURES / "mybb-1.8")
(PAGE_3,) = [e for e in MYBB.entries("thread-1-page3-plain-browser")]
(PAGE_1,) = [e for e in MYBB.entries("thread-1-page1-plain-browser")]
FETCHED = datetime.fromisoformat(PAGE_3["fetched_at_utc"])
BOARD_OFFSET = "UTC+01:00"  # MyBB's timezoneoffset 1 (tests/test_engine_mybb.py)
# Page 3's posts (pid 7, 8), as MyBB's tables have them (expected.json), and the same wall
# clock read day-first: "12-03-2026, 07:02 AM" is 12 March, "12-04-2026, 01:15 AM" 12 April.
# Post 7's edit line says "This post was last modified: 12-06-2026, 10:12 PM by Zoë.".
TABLES = [datetime(2026, 12, 3, 6, 2, tzinfo=UTC), datetime(2026, 12, 4, 0, 15, tzinfo=UTC)]
DAY_FIRST_READING = [datetime(2026, 3, 12, 6, 2, tzinfo=UTC), datetime(2026, 4, 12, 0, 15, tzinfo=UTC)]


def _page_3(lang: str = "en", dates: dict[str, str] | None = None) -> str:
    html = MYBB.text(PAGE_3)
    assert html.count('lang="en"') == 2  # <html xml:lang="en" lang="en">
    html = html.replace('lang="en"', f'lang="{lang}"')
    for shown, other in (dates or {}).items():
        assert shown in html
        html = html.replace(shown, other)
    return html


def _posted(html: str, setting: str | None = None) -> tuple[list[datetime | None], int]:
    """Page 3 as HTML mode cleans it: its posts' times and how many it could not read."""
    context = CleaningContext(FETCHED, BOARD_OFFSET, date_order=setting)
    thread = clean_page(html, context=context, url=SITE + PAGE_3["url"], engine="mybb")
    return [datetime.fromisoformat(post["posted_at"]) if post["posted_at"] else None
            for post in thread.posts], thread.counts.times_unparsed


def test_the_mybb_page_is_as_its_tables_say():
    truth = {post["pid"]: post["dateline"] for post in MYBB.expected["truth"]["posts"]}
    assert [datetime.fromtimestamp(truth[pid] // 60 * 60, UTC) for pid in (7, 8)] == TABLES


def test_an_english_page_of_dates_either_order_reads_is_read_month_first():
    assert _posted(_page_3()) == (TABLES, 0)


def test_the_same_page_in_spanish_is_read_day_first():
    assert _posted(_page_3("es")) == (DAY_FIRST_READING, 0)


@pytest.mark.parametrize(("lang", "setting", "expected"), [
    ("en", DAY_FIRST, DAY_FIRST_READING), ("es", MONTH_FIRST, TABLES), ("en-GB", MONTH_FIRST, TABLES)])
def test_the_user_s_setting_wins_over_the_page_s_language(lang, setting, expected):
    assert _posted(_page_3(lang), setting) == (expected, 0)


@pytest.mark.parametrize(("lang", "expected"), [("en-GB", DAY_FIRST_READING), ("en-US", TABLES),
                                                ("pt-BR", DAY_FIRST_READING), ("ja", TABLES)])
def test_a_language_decides_as_its_region_writes_dates(lang, expected):
    """en-GB and Brazil write d/m/Y, the US m/d/Y; Japanese writes the year first, so says nothing."""
    assert _posted(_page_3(lang)) == (expected, 0)


def test_one_date_only_day_first_reads_decides_the_page_whatever_its_language():
    """Post 7's edit line shown as 13-06-2026 (13 June): the page is day-first, and its posts'
    dates are read so too, on a page saying it is American English."""
    assert _posted(_page_3("en-US", {"12-06-2026, 10:12 PM": "13-06-2026, 10:12 PM"})) == (DAY_FIRST_READING, 0)


def test_one_date_only_month_first_reads_decides_a_spanish_page_against_the_setting():
    html = _page_3("es", {"12-06-2026, 10:12 PM": "06-13-2026, 10:12 PM"})
    assert _posted(html, DAY_FIRST) == (TABLES, 0)


def test_a_page_whose_dates_contradict_each_other_leaves_the_undecided_ones_unread_and_counted():
    """13-06-2026 is only day-first, 12-13-2026 only month-first: the page has no order, and
    post 7's 12-03-2026, which either order reads, is not guessed at, whatever the language or
    the setting; post 8's is read as only it can be."""
    html = _page_3("es", {"12-06-2026, 10:12 PM": "13-06-2026, 10:12 PM",
                          "12-04-2026, 01:15 AM": "12-13-2026, 01:15 AM"})
    assert _posted(html, DAY_FIRST) == ([None, datetime(2026, 12, 13, 0, 15, tzinfo=UTC)], 1)


def test_the_spanish_vbulletin_index_is_read_day_first_to_the_second():
    """forospyware.com's index: "03/01/18, 03:31:22" is 3 January (the page also shows
    16/03/18, which only day-first reads), in the zone its footer states (GMT -4)."""
    body = (SPANISH_INDEX / "index.html").read_bytes()
    response = HtmlResponse("http://www.forospyware.com/", body=body, encoding="cp1252")
    engine = by_name("vbulletin")
    view = engine.index_page(response)
    order = date_order.page_order(view, response.text, wording=engine.wording)
    assert order == DAY_FIRST
    zone = page_timezone(page_tree(response))
    assert zone == "UTC-04:00"
    wording = engine.wording.ordered(order)
    fetched_at = datetime(2018, 3, 18, 5, 56, 43, tzinfo=UTC)
    read = {shown.split(" by ")[0]: wording.parse_time(shown, None, fetched_at, zone)
            for shown in view.shown_times if shown[:1].isdigit()}
    truth = json.loads((SPANISH_INDEX / "expected.json").read_text("utf-8"))["last_posts"]
    assert read == {row["shown"]: (datetime.fromisoformat(row["utc"]), "second") for row in truth}


def test_a_d_m_y_board_s_clock_still_gives_its_zone():
    """MyBB's footer "Current time: 12-06-2026, 10:12 PM" against the Date header gives the
    board's UTC+01:00; the same clock printed d-m-Y (06-12-2026) gives it too: of its two
    readings only 6 December is within hours of when the page was served."""
    engine = by_name("mybb")
    as_served = MYBB.response(PAGE_3)
    assert engine.thread_page(as_served).page_timezone == BOARD_OFFSET
    html = MYBB.text(PAGE_3).replace("</strong> 12-06-2026, 10:12 PM", "</strong> 06-12-2026, 10:12 PM")
    assert engine.thread_page(as_served.replace(body=html.encode("utf-8"))).page_timezone == BOARD_OFFSET


def test_language_tags():
    assert [date_order.language_order(tag) for tag in ("es", "en-GB", "en_gb", "en-US", "en", "en-XX", "fr-CA",
                                                       "es-PA", "zz", None)] == [
        DAY_FIRST, DAY_FIRST, DAY_FIRST, MONTH_FIRST, None, None, None, MONTH_FIRST, None, None]
    assert date_order.language_order("en-gb", by_name("phpbb").wording.pack_languages) is None


def test_the_page_s_language_is_found_in_its_head():
    assert date_order.language_of('<html xmlns="x" dir="ltr" lang="es" id="vbulletin_html"><head>') == "es"
    assert date_order.language_of('<html><head><meta http-equiv="Content-Language" content="en-gb" />') == "en-gb"
    assert date_order.language_of("<html><head></head>", "de-DE, en") == "de-DE"
    assert date_order.language_of("<html><head></head><body lang='fr'>") is None


def test_the_shown_dates_prove_an_order_or_none():
    assert date_order.shown_order(["03/01/18, 03:31:22", "Ayer, 16:15:19"]) is None
    assert date_order.shown_order(["03/01/18", "16/03/18"]) == DAY_FIRST
    assert date_order.shown_order(["06-15-2016, 03:03 PM", "04-09-2019"]) == MONTH_FIRST
    assert date_order.shown_order(["08.11.2009 um 13:53 Uhr"]) == DAY_FIRST
    assert date_order.shown_order(["2016-02-01, 02:21", "1554824243"]) is None
    assert date_order.shown_order(["16/03/18", "03/16/18"]) == UNDECIDABLE


def _spider(settings: dict | None = None) -> ForumSpider:
    crawler = get_crawler(ForumSpider, settings_dict={"FORUM_MAX_PAGES_PER_THREAD": 5000, **(settings or {})})
    crawler.stats.open_spider()
    spider = ForumSpider.from_crawler(crawler, url=SITE + "index.php", engine="mybb")
    spider.site = SITE
    return spider


def _crawled(spider: ForumSpider, entry: dict, html: str | None = None) -> list[datetime | None]:
    """A thread page through the spider and the cleaning stage, as a crawl reads it."""
    response = MYBB.response(entry)
    response = response.replace(body=html.encode("utf-8") if html is not None else response.body,
                                request=Request(response.url))
    (item,) = [out for out in spider.parse_thread(response) if isinstance(out, ThreadPageItem)]
    cleaning = CleanPostPipeline(spider.crawler.stats, [], "injected")
    for post in item.posts:
        cleaning.clean(post)
    return [post.posted_at for post in item.posts]


def test_a_crawl_reads_a_page_its_dates_do_not_decide_in_the_order_the_site_s_pages_proved():
    """Page 1 shows 11-26-2026 (only month-first): the Spanish page 3 read after it in the same
    crawl is month-first too; read first, it goes by its language."""
    spider = _spider()
    _crawled(spider, PAGE_1)
    assert _crawled(spider, PAGE_3, _page_3("es")) == TABLES
    assert _crawled(_spider(), PAGE_3, _page_3("es")) == DAY_FIRST_READING


def test_a_crawl_takes_forum_date_order():
    assert _crawled(_spider({"FORUM_DATE_ORDER": DAY_FIRST}), PAGE_3) == DAY_FIRST_READING


def test_a_site_profile_s_date_order_is_the_crawl_s_setting(tmp_path):
    path = tmp_path / "forum-harvest.toml"
    path.write_text('[sites.s]\nurl = "http://x.org/"\ndate_order = "day-first"\n', encoding="utf-8")
    assert profile_settings(load_config(path).sites["s"])["FORUM_DATE_ORDER"] == DAY_FIRST


def test_a_forum_date_order_that_is_none_stops_the_crawl_before_it_starts():
    with pytest.raises(ValueError, match="FORUM_DATE_ORDER='dmy': expected one of day-first, month-first"):
        crawl_settings("sqlite://", {"FORUM_DATE_ORDER": "dmy"})
    assert crawl_settings("sqlite://", {"FORUM_DATE_ORDER": DAY_FIRST}).get("FORUM_DATE_ORDER") == DAY_FIRST


def test_a_discuz_page_takes_no_order():
    assert date_order.page_order(None, "<html lang='en-GB'>", wording=by_name("discuz").wording,
                                 setting=DAY_FIRST) is None
    assert by_name("discuz").wording.ordered(DAY_FIRST) is by_name("discuz").wording


def test_the_fixture_is_the_stored_file():
    """Its length and two places the store reports (``find_string``'s ``match_at``): see the README."""
    text = (SPANISH_INDEX / "index.html").read_bytes().decode("cp1252")
    assert len(text) == 46001
    assert text.find('">03/01/18, <span class="time">03:31:22</span>') == 17872
    assert text.find("if (is_ie || is_moz) { var cpost=document.locat") == 45747
