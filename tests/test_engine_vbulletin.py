"""vBulletin engine: real saved pages of 3.8, 4.2 (English, German, French) and 5.5 against
their truth, URL forms, recognition and every time form the pages print."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import ClassVar

import pytest
from lxml import etree
from parsel import Selector

from scraper.engines.base import PageRef
from scraper.engines.vbulletin import ENGINE
from scraper.engines.vbulletin.lists import _TITLES
from scraper.markup import ParsedPage
from tests.engine_truth import FIXTURES, compare, load

PAGES = sorted(FIXTURES.glob("vbulletin-*/thread*.html"))
OTHER_PAGES = sorted(page for page in FIXTURES.glob("**/*.htm*") if not page.parent.name.startswith("vbulletin"))


def _selector(page: Path) -> Selector:
    return Selector(body=page.read_bytes(), type="html")


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.parent.name)
def test_thread_page_equals_its_truth(page: Path) -> None:
    response, truth = load(page)
    view = ENGINE.thread_page(response)
    assert (view.thread_id, view.forum_id, view.title, view.page, view.page_count, view.page_timezone) == (
        truth["thread_id"], truth["forum_id"], truth["title"], truth["page"], truth["page_count"], truth["page_timezone"])
    figures, problems = compare(view.posts, truth, ENGINE.wording, view.page_timezone or "UTC")
    assert problems == []
    assert figures.posts == figures.ids == figures.authors == figures.times == figures.floors > 0


def test_quotes_keep_their_author_and_leave_their_header() -> None:
    response, _ = load(FIXTURES / "vbulletin-3" / "thread.html")
    body = ENGINE.thread_page(response).posts[0].body_html
    assert 'data-quote-author="TinyRedLeaf"' in body
    assert "Originally Posted by" not in body and "Quote:" not in body


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.parent.name)
def test_recognizes_its_pages(page: Path) -> None:
    assert ENGINE.recognizes(_selector(page))


@pytest.mark.parametrize("page", OTHER_PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_recognizes_no_other_engine(page: Path) -> None:
    assert not ENGINE.recognizes(_selector(page))


@pytest.mark.parametrize(("url", "ref"), [
    ("http://x.org/forum/showthread.php?t=5&page=3", PageRef("thread", thread_id=5, page=3)),
    ("http://x.org/showthread.php?p=77#post77", PageRef("post", post_id=77)),
    ("http://x.org/showpost.php?p=9&postcount=3", PageRef("post", post_id=9)),
    ("http://x.org/showthread.php?9687-Bob-Dorr/page2&s=0a1b", PageRef("thread", thread_id=9687, page=2)),
    ("http://x.org/showthread.php/9687-Bob-Dorr/page2", PageRef("thread", thread_id=9687, page=2)),
    ("http://x.org/threads/9687-bob-dorr/page4", PageRef("thread", thread_id=9687, page=4)),
    ("https://x.net/forum/anime/general/727744-isekai-quartet/page2", PageRef("thread", thread_id=727744, page=2)),
    ("https://x.net/node/55", PageRef("thread", thread_id=55)),
    ("http://x.org/forumdisplay.php?f=12&page=2", PageRef("forum", forum_id=12, page=2)),
    ("http://x.org/forumdisplay.php?12-News/page3", PageRef("forum", forum_id=12, page=3)),
    ("forumdisplay.php/380-Air-Force", PageRef("forum", forum_id=380)),
    ("http://x.org/forums/12-news", PageRef("forum", forum_id=12)),
    ("http://x.org/index.php", PageRef("index")),
    ("http://x.org/member.php?u=1", None),
])
def test_classify(url: str, ref: PageRef | None) -> None:
    assert ENGINE.classify(url) == ref


def test_canonical_urls() -> None:
    assert ENGINE.page_url("http://x.org/forum", "thread", 5, 2) == "http://x.org/forum/showthread.php?t=5&page=2"
    assert ENGINE.page_url("http://x.org/", "forum", 12) == "http://x.org/forumdisplay.php?f=12"
    assert ENGINE.canonicalize("http://X.org/showthread.php?s=abc&page=1&t=5") == "http://x.org/showthread.php?t=5"
    assert ENGINE.canonicalize("http://x.org/showthread.php?9687-Bob/page2&s=abc") == "http://x.org/showthread.php?9687-Bob/page2"
    assert ENGINE.site_root("http://x.org/forum/showthread.php?t=5") == "http://x.org/forum/"


FETCHED = datetime(2019, 7, 3, 5, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("text", "attr", "tz", "utc", "precision"), [
    ("06-15-2016, 03:03 PM", None, "UTC", "2016-06-15T15:03:00+00:00", "minute"),
    ("2016-02-01, 02:21", None, "UTC-05:00", "2016-02-01T07:21:00+00:00", "minute"),
    ("15-06-2016, 15:03", None, "UTC+01:00", "2016-06-15T14:03:00+00:00", "minute"),
    ("Today, 10:45 PM", None, "UTC-06:00", "2019-07-03T04:45:00+00:00", "minute"),  # still the 2nd in GMT-6
    ("Yesterday, 09:12", None, "UTC", "2019-07-02T09:12:00+00:00", "minute"),
    ("30th Apr 2011, 17:10", None, "UTC", "2011-04-30T17:10:00+00:00", "minute"),
    ("04-09-2019, 10:37 AM", "1554824243", "UTC-05:00", "2019-04-09T15:37:23+00:00", "second"),
    ("04-09-2019, 10:37 AM", "2019-04-09T08:37:23", "UTC-05:00", "2019-04-09T15:37:00+00:00", "minute"),
    ("Last edited by Shirohige; 2016-02-01 at 03:31.", None, "UTC-05:00", "2016-02-01T08:31:00+00:00", "minute"),
    ("2 hours ago", None, "UTC", "2019-07-03T03:00:00+00:00", "hour"),
    ("08.11.2009, 11:49", None, "UTC+02:00", "2009-11-08T09:49:00+00:00", "minute"),  # the German pack
    ("08.11.2009 um 13:53 Uhr", None, "UTC+02:00", "2009-11-08T11:53:00+00:00", "minute"),
    ("10/05/2006, 13h16", None, "UTC+01:00", "2006-05-10T12:16:00+00:00", "minute"),  # the French pack
    ("30/09/2009 à 19h14", None, "UTC+01:00", "2009-09-30T18:14:00+00:00", "minute"),
    ("Aujourd'hui, 13h16", None, "UTC+01:00", "2019-07-03T12:16:00+00:00", "minute"),
])
def test_parse_time(text: str, attr: str | None, tz: str, utc: str, precision: str) -> None:
    moment, shown = ENGINE.wording.parse_time(text, attr, FETCHED, tz)
    assert (moment.isoformat(), shown) == (utc, precision)


@pytest.mark.parametrize("text", ["13-13-2016, 10:00", "Feb 30, 2016", "sometime", None])
def test_unreadable_time_is_none(text: str | None) -> None:
    assert ENGINE.wording.parse_time(text, None, FETCHED, "UTC") == (None, None)


def test_edit_notice_wording() -> None:
    match = ENGINE.wording.edit_notices[0].search("Last edited by Marina2; 2016-02-13 at 07:31.")
    assert (match.group("author"), match.group("time")) == ("Marina2", "2016-02-13 at 07:31")


@pytest.mark.parametrize(("page", "post_id", "edited_at", "editor"), [
    ("vbulletin-4-de/thread.html", 148147, datetime(2009, 12, 24, 18, 30, tzinfo=timezone.utc), "yellow"),  # Grund
    ("vbulletin-4-de/thread.html", 136533, datetime(2009, 11, 8, 11, 53, tzinfo=timezone.utc), "MK204"),
    ("vbulletin-4-de/thread-1548322.html", 26293690, datetime(2020, 1, 4, 12, 51, tzinfo=timezone.utc), "Opodeldox"),
    ("vbulletin-4-fr/thread.html", 4040226, datetime(2012, 6, 13, 17, 20, tzinfo=timezone.utc), "obi76"),
    ("vbulletin-4-fr/thread-12735.html", 96558, datetime(2019, 4, 9, 8, 38, tzinfo=timezone.utc), "mach3"),  # Motif
])
def test_the_packs_edit_notes_give_editor_and_time(page: str, post_id: int, edited_at: datetime,
                                                   editor: str) -> None:
    """The German ("Geändert von X (08.11.2009 um 13:53 Uhr) Grund: …") and French ("Dernière
    modification par X ; 13/06/2012 à 18h20. Motif: …") notes of real pages, in the zone each
    states."""
    from pipeline.post_cleaning import edited_by_notice

    response, truth = load(FIXTURES / page)
    view = ENGINE.thread_page(response)
    post = next(post for post in view.posts if post.post_id == post_id)
    fetched = datetime.fromisoformat(truth["fetched_at"])
    assert edited_by_notice(post.edit_notice, ENGINE.wording, fetched, view.page_timezone) == (edited_at, editor)


@pytest.mark.parametrize(("fixture", "advertisements"), [("vbulletin-4-de", 1), ("vbulletin-4-fr", 6)])
def test_advertisements_in_the_postbit_markup_are_no_posts(fixture: str, advertisements: int) -> None:
    """drwindows.de's block has no post id (``li#post_``); futura-sciences' repeat the id of
    the post above them: neither is read, and no real post is lost to them."""
    response, truth = load(FIXTURES / fixture / "thread.html")
    blocks = response.xpath("//li[contains(@class, 'postcontainer')]")
    ids = [post.post_id for post in ENGINE.thread_page(response).posts]
    assert len(blocks) - len(ids) == advertisements
    assert ids == [post["post_id"] for post in truth["posts"]]


@pytest.mark.parametrize(("url", "ref"), [
    ("https://www.drwindows.de/windows-7-allgemein/16340-zufall-entdeckte-problemloesungen.html",
     PageRef("thread", thread_id=16340)),
    ("https://www.drwindows.de/windows-7-allgemein/16340-zufall-entdeckte-problemloesungen-2.html?s=ab674f49",
     PageRef("thread", thread_id=16340, page=2)),
    ("https://www.drwindows.de/windows-7-allgemein/16340-zufall-entdeckte-problemloesungen-post136533.html#post136533",
     PageRef("post", thread_id=16340, post_id=136533)),
    ("https://www.drwindows.de/windows-7-allgemein/16340-zufall-entdeckte-problemloesungen-next-thread.html", None),
    ("https://www.drwindows.de/attachments/12202d1257676501-zufall-entdeckte-problemloesungen-1.png", None),
])
def test_vbseo_urls(url: str, ref: PageRef | None) -> None:
    """vBSEO's forms, as the links of a real page print them (drwindows.de's page 1 of 10 links
    its pages 2–10 as ``…-N.html``, a post as ``…-postN.html``)."""
    assert ENGINE.classify(url) == ref


def test_vbseo_page_links_of_a_real_page_name_their_pages() -> None:
    response, truth = load(FIXTURES / "vbulletin-4-de" / "thread.html")
    refs = [ENGINE.classify(link) for link in response.xpath("//a/@href").getall() if "/16340-" in link]
    assert {ref.page for ref in refs if ref and ref.kind == "thread"} == {1, 2, 3, 4, 5, 10}
    posted = {ref.post_id for ref in refs if ref and ref.kind == "post"}
    assert 136533 in posted and posted <= {post["post_id"] for post in truth["posts"]}  # each post's own link
    assert ENGINE.canonicalize(
        "https://www.drwindows.de/windows-7-allgemein/16340-zufall-entdeckte-problemloesungen-2.html?s=ab674f49"
    ) == "https://www.drwindows.de/windows-7-allgemein/16340-zufall-entdeckte-problemloesungen-2.html"


SPANISH_FETCHED = datetime(2015, 7, 10, 21, 44, 38, tzinfo=timezone.utc)  # forocoches.com's Date header


@pytest.mark.parametrize(("text", "utc"), [
    ("15-mar-2003, 15:21", "2003-03-15T15:21:00+00:00"),
    ("16-ene-2005, 21:27", "2005-01-16T21:27:00+00:00"),
    ("01-abr-2003, 02:34", "2003-04-01T02:34:00+00:00"),
    ("03-ago-2014, 11:29", "2014-08-03T11:29:00+00:00"),
    ("01-dic-2014, 16:43", "2014-12-01T16:43:00+00:00"),
    ("01-abr-2003 a las 02:54", "2003-04-01T02:54:00+00:00"),  # the edit note's
    ("Hoy, 12:30", "2015-07-10T12:30:00+00:00"),
    ("Ayer, 23:10", "2015-07-09T23:10:00+00:00"),
])
def test_the_spanish_packs_times(text: str, utc: str) -> None:
    """The 3.x Spanish pack's ``d-M-Y`` with its month abbreviations, as forocoches.com prints
    them, and its day words, to the minute shown."""
    assert ENGINE.wording.parse_time(text, None, SPANISH_FETCHED, "UTC") == (datetime.fromisoformat(utc), "minute")


def test_the_spanish_edit_note_gives_editor_and_time() -> None:
    from pipeline.post_cleaning import edited_by_notice

    response, truth = load(FIXTURES / "vbulletin-3-es" / "thread.html")
    post = next(post for post in ENGINE.thread_page(response).posts if post.post_id == 110)
    assert post.edit_notice == "Última edición por Forfi 1.4 fecha: 01-abr-2003 a las 02:54."
    assert edited_by_notice(post.edit_notice, ENGINE.wording, SPANISH_FETCHED, "UTC") == (
        datetime(2003, 4, 1, 2, 54, tzinfo=timezone.utc), "Forfi 1.4")


def test_the_spanish_quote_keeps_its_author_and_leaves_its_header() -> None:
    response, _ = load(FIXTURES / "vbulletin-3-es" / "thread.html")
    body = next(post for post in ENGINE.thread_page(response).posts if post.post_id == 3583534).body_html
    assert 'data-quote-author="Ibai_S"' in body
    assert "Originalmente Escrito por" not in body and "Cita:" not in body


@pytest.mark.parametrize(("page", "thread_id", "message", "kind"), [
    ("gone-3875766.html", 3875766, "Tema especificado inválido.", "deleted"),
    ("gone-no-id.html", None, "Ningún Tema especificado.", "deleted"),
    ("refused-3902693.html", 3902693, None, "login_required"),
])
def test_the_spanish_pages_in_place_of_a_thread(page: str, thread_id: int | None, message: str | None,
                                               kind: str) -> None:
    """forocoches.com's answers (as the server sent them, 2015-07-10) for a thread that is not
    there, for no thread id, and its own page for a thread only invited members may read."""
    from scrapy.http import HtmlResponse

    url = f"http://www.forocoches.com/foro/showthread.php?t={thread_id or 10000000000000000}"
    view = ENGINE.thread_page(HtmlResponse(url, body=(FIXTURES / "vbulletin-3-es" / page).read_bytes()))
    assert (view.posts, view.message_kind) == ([], kind)
    assert view.message == message if message else "USUARIOS REGISTRADOS CON INVITACIÓN" in view.message


def test_a_vbseo_list_page_names_its_forum_by_its_feed() -> None:
    """vBSEO answers ``forumdisplay.php?f=30`` with its ``/windows-7-allgemein/``, a URL with no id:
    the page's head links the forum's feed as drwindows.de's real thread page does (the site's
    feed, then the forum's ``forumids=30``), and that names the forum."""
    from scrapy.http import HtmlResponse

    head = ('<link rel="alternate" type="application/rss+xml" href="https://www.drwindows.de/external.php?type=RSS2"/>'
            '<link rel="alternate" type="application/rss+xml"'
            ' href="https://www.drwindows.de/external.php?type=RSS2&amp;forumids=30"/>')
    row = ('<li class="threadbit" id="thread_16340"><a class="title" id="thread_title_16340"'
           ' href="https://www.drwindows.de/windows-7-allgemein/16340-zufall-entdeckte-problemloesungen.html">Zufall</a></li>')
    body = f'<html id="vbulletin_html"><head>{head}</head><body><ol id="threads">{row}</ol></body></html>'
    view = ENGINE.forum_page(HtmlResponse("https://www.drwindows.de/windows-7-allgemein/", body=body.encode()))
    assert (view.forum_id, [row.thread_id for row in view.threads]) == (30, [16340])


class _AskedElement(etree.ElementBase):
    """lxml's element, noting every XPath a reader asks of it."""

    asked: ClassVar[list[str]] = []

    def xpath(self, path, **variables):
        _AskedElement.asked.append(path)
        return super().xpath(path, **variables)


@pytest.mark.parametrize("fixture", ["vbulletin-3-index", "vbulletin-4-index", "vbulletin-38-mythweavers-index"])
def test_the_index_reader_asks_for_the_board_titles_once(fixture: str) -> None:
    """The board titles' XPath is the costliest of an index page; asking it once finds the same
    boards, in the same order, as the page read the ordinary way."""
    from scrapy.http import HtmlResponse

    page = FIXTURES / fixture / "index.html"
    response = HtmlResponse("https://forum.example/index.php", body=page.read_bytes())
    parser = etree.HTMLParser()
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=_AskedElement))
    tree = Selector(root=etree.fromstring(response.text, parser), type="html")
    _AskedElement.asked.clear()
    forums = ENGINE.index_page(ParsedPage(response.url, response.text, tree)).forums
    assert sum(_TITLES in path for path in _AskedElement.asked) == 1
    assert forums == ENGINE.index_page(response).forums and forums
