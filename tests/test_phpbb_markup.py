"""Quote shapes the captured boards do not show: a quoted guest or deleted member (no profile
link in the cite), an unnamed quote, 3.2's time in a ``div.responsive-hide``."""

from __future__ import annotations

import pytest
from lxml import html

from scraper.engines.phpbb.markup import message_html


@pytest.mark.parametrize("fragment, expected", [
    ('<div><blockquote cite="./viewtopic.php?p=2#p2"><div><cite>Guest Name wrote: <a href="#p2" data-post-id="2">↑</a>'
     '<span class="responsive-hide">Sun Dec 06, 2026 8:45 pm</span></cite>body</div></blockquote>after</div>',
     '<blockquote cite="./viewtopic.php?p=2#p2" data-quote-author="Guest Name" data-quote-time="Sun Dec 06, 2026 8:45 pm">'
     '<div>body</div></blockquote>after'),
    ('<div><blockquote><div><cite><a href="./memberlist.php?u=3">bob</a> wrote: <a data-post-id="3">↑</a>'
     '<div class="responsive-hide">Mon Jan 01, 2018 1:00 pm</div></cite>x</div></blockquote></div>',
     '<blockquote data-quote-author="bob" data-quote-time="Mon Jan 01, 2018 1:00 pm"><div>x</div></blockquote>'),
    ('<div><blockquote class="uncited"><div>body</div></blockquote></div>',
     '<blockquote class="uncited"><div>body</div></blockquote>'),
    ('<div>a &lt;b&gt; &amp; c</div>', 'a &lt;b&gt; &amp; c'),
])
def test_quotes_in_the_contract_form(fragment, expected):
    assert message_html(html.fromstring(fragment)) == expected


@pytest.mark.parametrize("footer, zone", [
    ("<p>The team &bull; All times are UTC </p>", "UTC+00:00"),  # 3.0 prosilver
    ('<p>All times are <span title="Europe/Berlin">UTC+01:00</span></p>', "Europe/Berlin"),  # 3.2+
    ('<li>All times are <abbr title="Europe/Berlin">UTC+01:00</abbr></li>', "Europe/Berlin"),  # 3.1
    ("<p>All times are UTC + 1 hour [ DST ]</p>", "UTC+02:00"),  # 3.0: DST is one hour more
    ('<span class="gensmall">All times are GMT - 5 Hours</span>', "UTC-05:00"),  # 2.0
    ("<p>All times are UTC - 3:30 hours [ DST ]</p>", "UTC-02:30"),
    ("<p>Nothing stated</p>", None),
])
def test_the_zone_the_footer_states(footer, zone):
    from scrapy.http import HtmlResponse

    from scraper.engines.phpbb.pages import Page
    from scraper.engines.site_facts import SiteFacts

    page = Page(HtmlResponse(url="http://board.test/", body=f"<html><body>{footer}</body></html>".encode()), SiteFacts())
    assert page.timezone == zone
