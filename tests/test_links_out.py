"""Where a board's redirect leads (``scraper.links_out.leads_elsewhere``): off the forum (another
host or port, a path outside its root, a page none of the engine's URL forms names) or to a page
of it (a board, a thread, the index, the login page that refuses a guest); and the run's words
for the boards found to be links."""

from __future__ import annotations

import pytest

from scraper.engines import by_name
from scraper.links_out import leads_elsewhere, links_out_note

SITE = "http://forum.example.org/bbs/"


@pytest.mark.parametrize(("url", "elsewhere"), [
    ("https://example.org/sub-link", True),  # another host
    ("http://forum.example.org:8080/bbs/forumdisplay.php?fid=3", True),  # another port
    ("http://forum.example.org/wiki/Main_Page", True),  # outside the forum's root
    ("http://forum.example.org/bbs/wiki.php?page=Main", True),  # no page of the engine's
    ("http://forum.example.org/bbs/forumdisplay.php?fid=3", False),  # a board
    ("https://forum.example.org/bbs/forum-3.html", False),  # a board in another form, over https
    ("http://forum.example.org:80/bbs/showthread.php?tid=1", False),  # a thread, the default port named
    ("http://forum.example.org/bbs/login/", False),  # a login page (scraper.refusal): a refusal
])
def test_where_a_redirect_leads(url, elsewhere):
    assert leads_elsewhere(by_name("mybb"), SITE, url) is elsewhere


def test_the_note_counts_the_boards():
    assert links_out_note([]) is None
    assert links_out_note(["A (http://a/)"]) == "1 board is a link to elsewhere: A (http://a/)"
    assert links_out_note(["A (http://a/)", "B (http://b/)"]) == (
        "2 boards are links to elsewhere: A (http://a/), B (http://b/)")
