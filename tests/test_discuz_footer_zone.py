"""Discuz's footer states the zone its times are shown in ("GMT+8, 2024-5-1 12:00"): read as
the page's ``page_timezone``, as phpBB's "All times are UTC+01:00" is. Real X3.5 pages
(tests/fixtures/discuz-x35*) say GMT+8, the default FORUM_TIMEZONE's offset, so what they
expect does not change; a footer saying another zone moves the page's times."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.http import TextResponse

from scraper.engines.discuz import ENGINE

FIXTURES = Path(__file__).parent / "fixtures"
REAL_PAGES = sorted(page for folder in ("discuz-x35", "discuz-x35-live") for page in (FIXTURES / folder).glob("*.html")
                    if not page.name.startswith("archiver"))
THREAD = FIXTURES / "discuz-x35" / "viewthread-tid2-page2.html"
THREAD_URL = "http://127.0.0.1/forum.php?mod=viewthread&tid=2&page=2"
# 6.x/7.x's footer (template/default/footer.htm), as the sample forum's 7.x skin prints it.
D7_FOOTER = ('<html><body><div id="footer"><div class="wrap s_clear"><div id="footlinks">'
             '<p class="smalltext">\nGMT{zone}, 2009-5-1 12:00, <span id="debuginfo">Processed in 0.012345 second(s),'
             ' 6 queries</span>.\n</p></div></div></div></body></html>')


def _view(path: Path, url: str, footer_zone: str | None = None):
    html = path.read_text(encoding="utf-8")
    if footer_zone is not None:
        assert "\nGMT+8, " in html
        html = html.replace("\nGMT+8, ", f"\nGMT{footer_zone}, ")
    response = TextResponse(url, body=html.encode("utf-8"), encoding="utf-8")
    return ENGINE.thread_page(response) if "viewthread" in path.name else ENGINE.forum_page(response)


@pytest.mark.parametrize("page", REAL_PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_every_real_x35_page_states_gmt_plus_8(page):
    assert _view(page, "http://127.0.0.1/forum.php?mod=forumdisplay&fid=2").page_timezone == "UTC+08:00"


@pytest.mark.parametrize(("said", "zone"), [("-5", "UTC-05:00"), ("+5.5", "UTC+05:30"), ("+9", "UTC+09:00")])
def test_a_footer_in_another_zone_moves_the_page_s_times(said, zone):
    at_8, moved = _view(THREAD, THREAD_URL), _view(THREAD, THREAD_URL, said)
    assert moved.page_timezone == zone
    fetched_at = datetime(2026, 11, 25, 3, 2, tzinfo=UTC)
    times = [[ENGINE.wording.parse_time(post.time_text, post.time_title, fetched_at, view.page_timezone)[0]
              for post in view.posts] for view in (at_8, moved)]
    hours = int(zone[4:6]) + int(zone[7:9]) / 60
    shift = (8 - hours) if zone[3] == "+" else (8 + hours)
    assert times[0] and all(before is not None for before in times[0])
    assert [(after - before).total_seconds() / 3600 for before, after in zip(*times)] == [shift] * len(times[0])


@pytest.mark.parametrize(("said", "zone"), [("+8", "UTC+08:00"), ("-3", "UTC-03:00")])
def test_the_7x_footer_is_read(said, zone):
    response = TextResponse("http://127.0.0.1/viewthread.php?tid=5", body=D7_FOOTER.format(zone=said).encode(),
                            encoding="utf-8")
    assert ENGINE.thread_page(response).page_timezone == zone


def test_a_page_without_the_footer_states_no_zone():
    response = TextResponse("http://127.0.0.1/archiver/?tid-1.html",
                            body=(FIXTURES / "discuz-x35" / "archiver-tid1.html").read_bytes(), encoding="utf-8")
    assert ENGINE.thread_page(response, archiver=True).page_timezone is None
