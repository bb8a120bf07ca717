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
