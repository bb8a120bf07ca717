"""phpBB's URL forms and time shapes (``scraper.engines.phpbb.urls``, ``.wording``)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

import pytest

from scraper.engines.base import PageRef
from scraper.engines.phpbb import ENGINE, urls
from scraper.engines.phpbb.linked import FORM
from scraper.engines.phpbb.wording import EDIT_NOTICES, parse_time
from scraper.engines.site_facts import SiteFacts

SITE = "http://board.test/forum/"


@pytest.fixture
def engine():
    return ENGINE


@pytest.mark.parametrize("url, ref", [
    ("http://board.test/forum/", PageRef("index")),
    ("http://board.test/forum/index.php?sid=0123abcd", PageRef("index")),
    ("http://board.test/forum/viewforum.php?f=3", PageRef("forum", 3, start=0)),
    ("http://board.test/forum/viewforum.php?f=3&start=50", PageRef("forum", 3, page=3, start=50)),
    ("http://board.test/forum/viewtopic.php?t=5", PageRef("thread", None, 5, start=0)),
    ("http://board.test/forum/viewtopic.php?f=3&t=5&start=20&sid=ab", PageRef("thread", 3, 5, page=3, start=20)),
    ("http://board.test/forum/viewtopic.php?p=77#p77", PageRef("post", post_id=77)),
    ("http://board.test/forum/viewtopic.php?f=3&t=5&p=77#p77", PageRef("post", 3, 5, post_id=77)),
    ("http://board.test/forum/viewtopic.php?p=77#77", PageRef("post", post_id=77)),  # 2.0
    ("http://board.test/forum/viewtopic.php?t=5&view=print", None),
    ("http://board.test/forum/viewtopic.php?t=5&view=next", None),
    ("http://board.test/forum/viewforum.php", None),
    ("http://board.test/forum/memberlist.php?mode=viewprofile&u=2", None),
    ("http://board.test/forum/app.php/feed", None),
])
def test_classify_with_install_default_page_sizes(engine, url, ref):
    assert engine.classify(url) == ref


@pytest.mark.parametrize("url, ref", [
    # phpBB SEO's rewritten URLs (bizlog.ru's and centralclubs.com's real 3.0 indexes print these forms)
    ("http://bizlog.ru/forum77.html", PageRef("forum", 77, start=0)),
    ("http://www.centralclubs.com/forum-f198.html", PageRef("forum", 198, start=0)),
    ("http://board.test/forum/general-talk-f12-50.html", PageRef("forum", 12, page=3, start=50)),
    ("http://board.test/forum/general-talk-f12/", PageRef("forum", 12, start=0)),
    ("http://board.test/forum/general-talk-f12/page25.html", PageRef("forum", 12, page=2, start=25)),
    ("http://bizlog.ru/topic17985.html", PageRef("thread", None, 17985, start=0)),
    ("http://www.centralclubs.com/topic-t599-456.html", PageRef("thread", None, 599, page=46, start=456)),
    ("http://board.test/forum/general-talk-f12/a-question-t34.html", PageRef("thread", 12, 34, start=0)),
    ("http://bizlog.ru/post252169.html#p252169", PageRef("post", post_id=252169)),
    ("http://bizlog.ru/member57537.html", None),
    ("http://www.centralclubs.com/group-g10.html", None),
])
def test_classify_reads_phpbb_seo_rewritten_urls(engine, url, ref):
    assert engine.classify(url) == ref


def test_a_forum_virtual_folder_is_not_the_board_root(engine):
    assert engine.site_root("http://board.test/forum/general-talk-f12/page25.html") == SITE
    assert engine.site_root("http://bizlog.ru/forum77.html") == "http://bizlog.ru/"


def test_page_numbers_follow_the_page_size_the_readers_learned(engine):
    facts = SiteFacts()
    facts.learn_size(SITE, "thread", 15)  # 2.0's default, or a board's own setting
    assert engine.classify(SITE + "viewtopic.php?t=5&start=30", facts) == PageRef("thread", None, 5, page=3, start=30)
    assert engine.page_url(SITE, "thread", 5, 3, facts=facts) == SITE + "viewtopic.php?t=5&start=30"
    assert engine.page_url(SITE, "forum", 3, 2, facts=facts) == SITE + "viewforum.php?f=3&start=25"
    assert engine.page_url(SITE + "index.php", "thread", 5, 1, facts=facts) == SITE + "viewtopic.php?t=5"
    assert engine.page_url("http://board.test/forum", "forum", 3, 1, facts=facts) == SITE + "viewforum.php?f=3"
    # another crawl's facts, or none: phpBB's 10 posts a page
    assert engine.classify(SITE + "viewtopic.php?t=5&start=30", SiteFacts()) == PageRef("thread", None, 5, page=4, start=30)
    assert engine.page_url(SITE, "thread", 5, 3) == SITE + "viewtopic.php?t=5&start=20"


@pytest.mark.parametrize("url, canonical", [
    ("http://b.test/viewtopic.php?sid=ab12&t=5&f=3&start=0", "http://b.test/viewtopic.php?t=5"),
    ("http://b.test/viewtopic.php?f=3&t=5&start=10&hilit=word#p12", "http://b.test/viewtopic.php?t=5&start=10"),
    ("http://b.test/viewtopic.php?f=3&t=5&p=12&sid=ab#p12", "http://b.test/viewtopic.php?p=12"),
    ("http://b.test/viewtopic.php?t=5&postdays=0&postorder=asc&start=15&highlight=x",
     "http://b.test/viewtopic.php?t=5&start=15"),
    ("http://b.test/viewtopic.php?t=5&st=0&sk=t&sd=d", "http://b.test/viewtopic.php?t=5&sd=d"),
    ("http://b.test/viewforum.php?start=25&f=2&sid=x&topicdays=0", "http://b.test/viewforum.php?f=2&start=25"),
    ("http://b.test/index.php?sid=x", "http://b.test/index.php"),
])
def test_canonical_spelling(engine, url, canonical):
    assert engine.canonicalize(url) == canonical


@pytest.mark.parametrize("url, root", [
    ("http://b.test/forum/viewtopic.php?t=5", "http://b.test/forum/"),
    ("http://b.test/viewforum.php?f=2", "http://b.test/"),
    ("http://b.test/forum/app.php/feed/topic/2", "http://b.test/forum/"),
    ("http://b.test/forum/", "http://b.test/forum/"),
])
def test_site_root(engine, url, root):
    assert engine.site_root(url) == root


FETCHED = datetime(2026, 12, 6, 20, 45, 30, tzinfo=UTC)


@pytest.mark.parametrize("text, attr, tz, expected, precision", [
    ("Sun Dec 06, 2026 8:45 pm", "2026-12-06T20:45:34+00:00", "UTC", datetime(2026, 12, 6, 20, 45, 34), "second"),
    ("Sun Dec 06, 2026 8:45 pm", None, "UTC", datetime(2026, 12, 6, 20, 45), "minute"),
    ("by alice » Sun Dec 06, 2026 12:05 am", None, "UTC", datetime(2026, 12, 6, 0, 5), "minute"),
    ("06 Dec 2026, 20:45", None, "Europe/Berlin", datetime(2026, 12, 6, 19, 45), "minute"),
    ("Dec 6th, '26, 20:45", None, "UTC", datetime(2026, 12, 6, 20, 45), "minute"),
    ("December 6th, 2026, 8:45 pm", None, "UTC", datetime(2026, 12, 6, 20, 45), "minute"),
    ("Today, 20:40", None, "UTC", datetime(2026, 12, 6, 20, 40), "minute"),
    ("Yesterday, 9:15 am", None, "UTC", datetime(2026, 12, 5, 9, 15), "minute"),
    ("12 minutes ago", None, "UTC", datetime(2026, 12, 6, 20, 33, 30), "minute"),
    ("less than a minute ago", None, "UTC", datetime(2026, 12, 6, 20, 45, 30), "minute"),
    ("Sun Feb 30, 2026 8:45 pm", None, "UTC", None, None),
    ("Sun Dec 06, 2026 13:45 pm", None, "UTC", None, None),
    ("no time here", None, "UTC", None, None),
])
def test_parse_time(text, attr, tz, expected, precision):
    moment, found = parse_time(text, attr, FETCHED, tz)
    assert (moment, found) == ((expected.replace(tzinfo=UTC), precision) if expected else (None, None))


@pytest.mark.parametrize("notice, author, time", [
    ("Last edited by alice on Sun Dec 06, 2026 8:45 pm, edited 1 time in total.", "alice", "Sun Dec 06, 2026 8:45 pm"),
    ("Last edited by The Admin on Sun Dec 06, 2026 8:45 pm, edited 3 times in total. Reason: typo",
     "The Admin", "Sun Dec 06, 2026 8:45 pm"),
    ("Last edited by bob on Sat Mar 01, 2008 10:12 am; edited 2 times in total", "bob", "Sat Mar 01, 2008 10:12 am"),
])
def test_edit_notices(notice, author, time):
    match = next(filter(None, (pattern.search(notice) for pattern in EDIT_NOTICES)))
    assert (match["author"], match["time"]) == (author, time)


def test_a_page_is_asked_as_the_board_links_it_else_by_phpbb_s_own_url():
    """phpBB SEO's board: page 2 of topic 2 (3 posts a page) was linked rewritten, page 3 not yet;
    a forum's folder linked without an id is the forum it was linked for."""
    facts = SiteFacts({(SITE, "thread"): 3})
    facts.links.learn(SITE, "thread", 2, 3, SITE + "your-first-forum/long-topic-t2-3.html")
    asked = partial(urls.page_url, SITE, "thread", 2, facts=facts)
    assert asked(2, FORM) == SITE + "your-first-forum/long-topic-t2-3.html"
    assert asked(3, FORM) == SITE + "viewtopic.php?t=2&start=6"
    assert asked(2) == SITE + "viewtopic.php?t=2&start=3"  # an item's stored URL stays phpBB's own
    assert urls.classify(SITE + "your-first-forum/", facts) == PageRef("index")
    facts.links.learn(SITE, "forum", 2, 0, SITE + "your-first-forum/")
    assert urls.classify(SITE + "your-first-forum/", facts) == PageRef("forum", 2, start=0)
