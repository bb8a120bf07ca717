"""A sample forum switched to a skin the page readers do not know, between two crawls.

The sample forum's own skins (``--skin x25|d7|custom|touch``) are all read completely, so
switching to one of them is rightly no alarm (``tests/test_crawl_health.py`` checks that too).
``switch_skin`` wraps the running server's page variant so that thread pages show the author
only in an attribute and the post time as a bare timestamp attribute: what a new template
does to readers written for the old one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forum_harvest.sample_forum import SampleServer
from forum_harvest.sample_forum.variants import Variant

_AUTHOR_LINK = re.compile(r'<a href="home\.php\?mod=space&amp;uid=\d+" target="_blank" class="xw1">([^<]*)</a>')
_POST_TIME = re.compile(r'<em id="authorposton(\d+)">.*?</em>', re.S)


@dataclass(frozen=True)
class OtherSkin(Variant):
    def finish(self, html: str) -> str:
        html = _AUTHOR_LINK.sub(r'<span class="uname" title="\1"></span>', super().finish(html))
        return _POST_TIME.sub(r'<em class="when" data-pid="\1"></em>', html)


def switch_skin(server: SampleServer) -> Variant:
    """Serve the other skin from now on; returns the variant to switch back to."""
    old = server.variant
    server.variant = OtherSkin(old.charset, old.declare_charset, old.rewrite_urls)
    return old
