"""XenForo engine: real saved pages of 1.x and 2.x (English, German) against their truth, URL
forms, recognition and every time form the pages print."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from parsel import Selector

from scraper.engines.base import PageRef
from scraper.engines.xenforo import ENGINE
from tests.engine_truth import FIXTURES, assert_reads_its_truth, load

THREAD_PAGES = sorted(FIXTURES.glob("xenforo-*/thread*.html"))
OTHER_PAGES = sorted(page for page in FIXTURES.glob("**/*.htm*") if not page.parent.name.startswith("xenforo"))


def _selector(page: Path) -> Selector:
    return Selector(body=page.read_bytes(), type="html")


@pytest.mark.parametrize("page", THREAD_PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_thread_page_equals_its_truth(page: Path) -> None:
    assert_reads_its_truth(ENGINE, page)


def test_quotes_keep_their_author_and_leave_their_header() -> None:
    response, _ = load(FIXTURES / "xenforo-1" / "thread.html")
    body = ENGINE.thread_page(response).posts[1].body_html
    assert 'data-quote-author="Higure"' in body and 'data-quote-author="TheBleachDoctor"' in body
    assert "said:" not in body and "Click to expand" not in body


def test_the_edit_note_gives_its_exact_time() -> None:
    """The note shows "Feb 9, 2021"; its ``data-time`` says when to the second, and wins."""
    from pipeline.post_cleaning import edited_by_notice

    response, _ = load(FIXTURES / "xenforo-2" / "thread-603.html")
    post = ENGINE.thread_page(response).posts[0]
    assert (post.edit_notice, post.edit_time) == ("Last edited: Feb 9, 2021", "1612894129")
    fetched = datetime(2021, 2, 18, tzinfo=timezone.utc)
    assert edited_by_notice(post.edit_notice, ENGINE.wording, fetched, "UTC", post.edit_time) == (
        datetime(2021, 2, 9, 18, 8, 49, tzinfo=timezone.utc), None)


@pytest.mark.parametrize(("post_id", "edited_at", "editor"), [
    (11453880, datetime(2019, 3, 4, 19, 26, 45, tzinfo=timezone.utc), None),  # "Zuletzt bearbeitet: 04.03.2019"
    (11454107, datetime(2019, 3, 4, 19, 19, 6, tzinfo=timezone.utc), "einem Moderator"),
])
def test_the_german_edit_note_gives_its_exact_time(post_id: int, edited_at: datetime, editor: str | None) -> None:
    from pipeline.post_cleaning import edited_by_notice

    response, truth = load(FIXTURES / "xenforo-2-de" / "thread.html")
    post = next(post for post in ENGINE.thread_page(response).posts if post.post_id == post_id)
    fetched = datetime.fromisoformat(truth["fetched_at"])
    assert edited_by_notice(post.edit_notice, ENGINE.wording, fetched, "UTC", post.edit_time) == (edited_at, editor)


def test_the_german_weekday_times_read_without_their_epoch() -> None:
    """computerbase.de, saved on Thursday 2020-04-30 (its ``data-csrf``), prints last Friday's
    posts as "Freitag um 00:40 Uhr" (Europe/Berlin, as its epochs show): read from the words
    alone they fall on the same minute as their ``data-time``, and so does the edit note's."""
    from pipeline.post_cleaning import edited_by_notice

    response, truth = load(FIXTURES / "xenforo-2-de" / "thread-1940201.html")
    fetched = datetime.fromisoformat(truth["fetched_at"])
    posts = [post for post in ENGINE.thread_page(response).posts if "um" in post.time_text]
    read = [ENGINE.wording.parse_time(post.time_text, None, fetched, "Europe/Berlin") for post in posts]
    exact = [datetime.fromtimestamp(int(post.time_title), timezone.utc).replace(second=0) for post in posts]
    assert read == [(moment, "minute") for moment in exact] and len(read) == 3
    edited = next(post for post in posts if post.edit_notice)
    assert edited_by_notice(edited.edit_notice, ENGINE.wording, fetched, "Europe/Berlin") == (
        datetime(2020, 4, 23, 22, 46, tzinfo=timezone.utc), None)  # "Zuletzt bearbeitet: Freitag um 00:46 Uhr"


def test_a_guest_stand_in_is_no_body_text_but_hidden_content() -> None:
    from forum_harvest.sample_forum import SampleForum, render

    forum = SampleForum.build()
    hider = next(post for post in forum.posts if post.hidden_lines)
    page = render(forum, f"/threads/{hider.thread_id}/", engine="xenforo")
    from scrapy.http import HtmlResponse

    post = next(p for p in ENGINE.thread_page(HtmlResponse("http://h/", body=page.encode(), encoding="utf-8")).posts
                if p.post_id == hider.post_id)
    assert post.content_hidden and "log in or register" not in post.body_html


def test_a_forum_page_names_itself_without_a_pager() -> None:
    from scrapy.http import HtmlResponse

    response = HtmlResponse("http://h/forums/news.7/", body=b'<html id="XF"><h1 class="p-title-value">News</h1></html>')
    view = ENGINE.forum_page(response)
    assert (view.pagination.current, view.ref) == (None, PageRef("forum", forum_id=7))


def test_thread_list_equals_its_truth() -> None:
    response, truth = load(FIXTURES / "xenforo-2" / "forum.html")
    view = ENGINE.forum_page(response)
    assert (view.forum_id, view.name, view.page_count) == (truth["forum_id"], truth["name"], truth["page_count"])
    got = [(row.thread_id, row.title, row.author, row.replies, row.views, row.sticky, row.last_post_attr, row.last_poster,
            row.last_post_id) for row in view.threads]
    # The last post is linked as threads/slug.ID/latest: no post id.
    want = [(row["thread_id"], row["title"], row["author"], row["replies"], row["views"], row["sticky"],
             row["last_post_attr"], row["last_poster"], None) for row in truth["threads"]]
    assert got == want


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("xenforo-*/*.html")), ids=lambda page: f"{page.parent.name}/{page.name}")
def test_recognizes_its_pages(page: Path) -> None:
    assert ENGINE.recognizes(_selector(page))


@pytest.mark.parametrize("page", OTHER_PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_recognizes_no_other_engine(page: Path) -> None:
    assert not ENGINE.recognizes(_selector(page))


@pytest.mark.parametrize(("url", "ref"), [
    ("https://x.org/community/threads/a-dark-theme-option.8276/", PageRef("thread", thread_id=8276)),
    ("https://x.org/threads/a-dark-theme-option.8276/page-2", PageRef("thread", thread_id=8276, page=2)),
    ("https://x.org/threads/8276/", PageRef("thread", thread_id=8276)),
    ("https://x.org/threads/a.8276/post-114210", PageRef("post", thread_id=8276, post_id=114210)),
    ("https://x.org/posts/114210/", PageRef("post", post_id=114210)),
    ("goto/post?id=2146285#post-2146285", PageRef("post", post_id=2146285)),
    ("https://x.org/forums/news.525/page-3", PageRef("forum", forum_id=525, page=3)),
    ("https://x.org/categories/official-announcements.520/", PageRef("forum", forum_id=520)),
    ("https://x.org/index.php?threads/notice.603/page-2", PageRef("thread", thread_id=603, page=2)),
    ("/index.php?forums/news-notice-and-events.7/", PageRef("forum", forum_id=7)),
    ("https://x.org/", PageRef("index")),
    ("https://x.org/community/", PageRef("index")),
    ("https://x.org/forums/", PageRef("index")),
    ("https://x.org/members/maxadmin.38963/", None),
])
def test_classify(url: str, ref: PageRef | None) -> None:
    assert ENGINE.classify(url) == ref


def test_canonical_urls() -> None:
    assert ENGINE.page_url("https://x.org/community", "thread", 5, 3) == "https://x.org/community/threads/5/page-3"
    assert ENGINE.page_url("https://x.org/", "forum", 7) == "https://x.org/forums/7/"
    assert ENGINE.canonicalize("https://X.org/threads/a.5/page-1?s=abc") == "https://x.org/threads/a.5/"
    assert ENGINE.canonicalize("https://x.org/index.php?threads/a.5/page-2&s=1") == "https://x.org/index.php?threads/a.5/page-2"
    assert ENGINE.site_root("https://x.org/community/threads/a.5/") == "https://x.org/community/"
    assert ENGINE.site_root("https://x.org/index.php?threads/a.5/") == "https://x.org/"


FETCHED = datetime(2021, 2, 11, 5, 39, 7, tzinfo=timezone.utc)  # a Thursday


@pytest.mark.parametrize(("text", "attr", "utc", "precision"), [
    ("Feb 9, 2021", "1612855784", "2021-02-09T07:29:44+00:00", "second"),
    ("Feb 9, 2021", "2021-02-09T07:29:44+0000", "2021-02-09T07:29:44+00:00", "second"),
    ("Oct 30, 2014", "Oct 30, 2014 at 10:48 PM", "2014-10-30T22:48:00+00:00", "minute"),
    ("Nov 21, 2010", None, "2010-11-21T00:00:00+00:00", "day"),
    ("Tuesday at 7:29 AM", None, "2021-02-09T07:29:00+00:00", "minute"),
    ("Today at 1:05 AM", None, "2021-02-11T01:05:00+00:00", "minute"),
    ("Yesterday at 11:59 PM", None, "2021-02-10T23:59:00+00:00", "minute"),
    ("Last edited: Dec 4, 2014", None, "2014-12-04T00:00:00+00:00", "day"),
    ("A moment ago", None, "2021-02-11T05:39:07+00:00", "minute"),
    ("04.03.2019", "04.03.2019 um 14:39", "2019-03-04T14:39:00+00:00", "minute"),  # the German pack's title
    ("Zuletzt bearbeitet: 10.03.2019", None, "2019-03-10T00:00:00+00:00", "day"),
])
def test_parse_time(text: str, attr: str | None, utc: str, precision: str) -> None:
    moment, shown = ENGINE.wording.parse_time(text, attr, FETCHED, "UTC")
    assert (moment.isoformat(), shown) == (utc, precision)


def test_unreadable_time_is_none() -> None:
    assert ENGINE.wording.parse_time("Smarch 40, 2014", None, FETCHED, "UTC") == (None, None)


def test_edit_notice_wording() -> None:
    plain = ENGINE.wording.edit_notices[0].search("Last edited: Dec 4, 2014")
    moderator = ENGINE.wording.edit_notices[0].search("Last edited by a moderator: Nov 21, 2010")
    assert (plain.group("author"), plain.group("time")) == (None, "Dec 4, 2014")
    assert (moderator.group("author"), moderator.group("time")) == ("a moderator", "Nov 21, 2010")

