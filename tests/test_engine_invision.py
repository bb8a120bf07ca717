"""Invision Community engine: the real saved 4.7 page against its truth; quotes, signatures,
edit lines, pagers, topic lists and the index on pages shaped by the 4.x templates
(tests/invision_template_pages.py; signatures and edit lines on 5.x's too); URL forms of 3.x and 4.x; recognition; time forms."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse

from pipeline.clean import clean_post_html
from pipeline.post_cleaning import edited_by_notice
from scraper.engines.base import PageRef
from scraper.engines.invision import ENGINE
from scraper.engines.site_facts import SiteFacts
from tests import invision5_template_pages as shaped5
from tests import invision_template_pages as shaped
from tests.engine_truth import FIXTURES, assert_reads_its_truth, load

SHAPED_FETCHED = datetime(2020, 2, 1, tzinfo=timezone.utc)  # after the shaped pages' posts
THREAD_PAGES = sorted(FIXTURES.glob("invision-*/thread*.html"))
OTHER_PAGES = sorted(page for page in FIXTURES.glob("**/*.htm*") if not page.parent.name.startswith("invision"))


def _response(url: str, html: str) -> HtmlResponse:
    return HtmlResponse(url, body=html.encode(), encoding="utf-8")


@pytest.mark.parametrize("page", THREAD_PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_thread_page_equals_its_truth(page: Path) -> None:
    assert_reads_its_truth(ENGINE, page)


def test_a_fragment_of_a_page_gives_no_positions_but_a_whole_page_counts_them() -> None:
    response, _ = load(FIXTURES / "invision-4.7" / "thread.html")
    assert [post.floor for post in ENGINE.thread_page(response).posts] == [None, None]
    whole = "<html><body class='ipsApp ipsApp_front'>" + response.text + "</body></html>"
    assert [post.floor for post in ENGINE.thread_page(_response(response.url, whole)).posts] == [1, 2]


@pytest.fixture(scope="module")
def topic():
    return ENGINE.thread_page(_response(shaped.SITE + "topic/77-a-topic/page/2/", shaped.topic_page()))


def test_a_topic_page_names_itself_and_counts_positions_from_its_pager(topic) -> None:
    assert (topic.thread_id, topic.forum_id, topic.title, topic.page, topic.page_count) == (77, 5, "A topic", 2, 3)
    assert [(post.post_id, post.floor, post.author) for post in topic.posts] == [
        (502, 26, "bob"), (503, 27, "bob"), (504, 28, "dave")]
    assert [post.time_title for post in topic.posts] == [
        "2020-01-08T22:10:00Z", "2020-01-09T08:00:05Z", "2020-01-09T08:53:20Z"]


def test_quotes_keep_their_author_and_time_and_leave_their_citation(topic) -> None:
    first, _, legacy = topic.posts
    assert 'data-quote-author="alice"' in first.body_html and "2020-01-08T22:09:53+00:00" in first.body_html
    assert "said:" not in first.body_html and "ipsQuote" not in first.body_html
    assert 'data-quote-author="carol"' in legacy.body_html and "ipsBlockquote" not in legacy.body_html


@pytest.fixture(scope="module", params=[shaped, shaped5], ids=["4.x templates", "5.x templates"])
def either_topic(request):
    """The same topic page printed by the 4.x and by the 5.x templates."""
    return ENGINE.thread_page(_response(request.param.SITE + "topic/77-a-topic/page/2/", request.param.topic_page()))


def test_the_signature_is_apart_from_the_body(either_topic) -> None:
    post = either_topic.posts[0]
    assert post.signature_html == "<p>Bob's boards: RK3229, RK3318</p>"
    assert "RK3318" not in post.body_html


def test_the_edit_line_leaves_the_body_and_gives_its_exact_time(either_topic) -> None:
    post = either_topic.posts[1]
    assert (post.edit_notice, post.edit_time) == ("Edited January 9, 2020 by bob", "2020-01-09T08:00:05Z")
    cleaned = clean_post_html(post.body_html, fetched_at=SHAPED_FETCHED, tz="UTC", parse_time=ENGINE.wording.parse_time)
    assert cleaned.body == "Fixed the link above."
    assert edited_by_notice(post.edit_notice, ENGINE.wording, SHAPED_FETCHED, "UTC", post.edit_time) == (
        datetime(2020, 1, 9, 8, 0, 5, tzinfo=timezone.utc), "bob")


def test_a_banned_members_group_marks_the_author(topic) -> None:
    assert [post.author_banned for post in topic.posts] == [False, False, True]


def test_the_3x_edit_line_reads() -> None:
    from pipeline.post_cleaning import edited_by_notice

    fetched = datetime(2013, 6, 1, tzinfo=timezone.utc)
    assert edited_by_notice("Edited by carol, 09 January 2013 - 10:09 PM.", ENGINE.wording, fetched, "UTC") == (
        datetime(2013, 1, 9, 22, 9, tzinfo=timezone.utc), "carol")


def test_a_topic_list_gives_rows_counts_and_pins() -> None:
    view = ENGINE.forum_page(_response(shaped.SITE + "forum/5-help/", shaped.forum_page()))
    assert (view.forum_id, view.name, view.page_count, view.pagination.current) == (5, "Help", 2, 1)
    assert [(forum.forum_id, forum.name) for forum in view.subforums] == [(8, "Boot issues")]
    assert [(row.thread_id, row.title, row.author, row.replies, row.views, row.sticky, row.last_poster,
             row.last_post_attr) for row in view.threads] == [
        (77, "A topic", "bob", 52, 1204, True, "erin", "2020-02-01T12:00:00Z"),
        (78, "Another", "alice", 3, None, False, "erin", "2020-02-01T12:00:00Z")]


def test_the_index_lists_categories_forums_and_subforums() -> None:
    view = ENGINE.index_page(_response(shaped.SITE, shaped.index_page()))
    assert (view.site_root, view.site_name) == (shaped.SITE, "Example Community")
    assert [(forum.forum_id, forum.name) for forum in view.forums] == [(3, "General"), (5, "Help"), (8, "Boot issues")]


def test_an_error_page_is_read_as_its_message() -> None:
    page = ("<html><body class='ipsApp ipsApp_front'><section id='elError' class='ipsType_center'>"
            "<div id='elErrorMessage'>We could not locate the item you are trying to view.</div></section></body></html>")
    view = ENGINE.thread_page(_response(shaped.SITE + "topic/9-gone/", page))
    assert (view.posts, view.message_kind) == ([], "deleted")


@pytest.mark.parametrize("page", THREAD_PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_recognizes_its_pages(page: Path) -> None:
    assert ENGINE.recognizes(Selector(body=page.read_bytes(), type="html"))


@pytest.mark.parametrize("page", OTHER_PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_recognizes_no_other_engine(page: Path) -> None:
    assert not ENGINE.recognizes(Selector(body=page.read_bytes(), type="html"))


@pytest.mark.parametrize(("url", "ref"), [
    ("https://x.org/topic/34923-csc-armbian/", PageRef("thread", thread_id=34923)),
    ("https://x.org/forums/topic/34923-csc-armbian/page/2/", PageRef("thread", thread_id=34923, page=2)),
    ("https://x.org/forum/topic/12-a/page-3", PageRef("thread", thread_id=12, page=3)),
    ("https://x.org/topic/12-a/page__st__40", PageRef("thread", thread_id=12, page=3, start=40)),
    ("https://x.org/index.php?/topic/12-a/page/2/", PageRef("thread", thread_id=12, page=2)),
    ("https://x.org/index.php?/topic/12-a/&do=findComment&comment=99", PageRef("post", thread_id=12, post_id=99)),
    ("https://x.org/topic/34923-csc/?do=findComment&amp;comment=92583", PageRef("post", thread_id=34923, post_id=92583)),
    ("https://x.org/index.php?showtopic=123&page=2", PageRef("thread", thread_id=123, page=2)),
    ("https://x.org/index.php?showtopic=123&st=20", PageRef("thread", thread_id=123, page=2, start=20)),
    ("https://x.org/index.php?showforum=5&st=40", PageRef("forum", forum_id=5, page=3, start=40)),
    ("https://x.org/forum/5-help/page__st__40", PageRef("forum", forum_id=5, page=3, start=40)),
    ("https://x.org/forum/5-help/page__prune_day__100__sort_key__last_post__topicfilter__all__st__40",
     PageRef("forum", forum_id=5, page=3, start=40)),
    ("https://x.org/topic/76063-a/page__st__140__gopid__8431028#entry8431028",
     PageRef("thread", thread_id=76063, page=8, start=140)),
    ("https://x.org/index.php?/topic/16633-a/page__view__findpost__p__262013",
     PageRef("post", thread_id=16633, post_id=262013)),
    ("https://x.org/index.php?app=forums&module=forums&section=findpost&pid=77", PageRef("post", post_id=77)),
    ("https://x.org/index.php?app=forums&module=forums&controller=topic&id=5&page=4",
     PageRef("thread", thread_id=5, page=4)),
    ("https://x.org/index.php?app=forums&module=forums&controller=forums&id=6", PageRef("forum", forum_id=6)),
    ("https://x.org/forum/5-help/", PageRef("forum", forum_id=5)),
    ("https://x.org/forums/forum/5-help/page/2/", PageRef("forum", forum_id=5, page=2)),
    ("https://x.org/index.php?showforum=5", PageRef("forum", forum_id=5)),
    ("https://x.org/", PageRef("index")),
    ("https://x.org/forums/", PageRef("index")),
    ("https://x.org/index.php?act=idx", PageRef("index")),
    ("https://x.org/profile/13603-fabiobassa/", None),
    ("https://x.org/topic/34923-csc/?do=showReactionsComment&comment=92583", PageRef("thread", thread_id=34923)),
])
def test_classify(url: str, ref: PageRef | None) -> None:
    assert ENGINE.classify(url) == ref


def test_canonical_urls() -> None:
    assert ENGINE.page_url("https://x.org/forums", "thread", 5, 3) == "https://x.org/forums/topic/5--/page/3/"
    assert ENGINE.page_url("https://x.org/", "forum", 7) == "https://x.org/forum/7--/"
    assert ENGINE.classify(ENGINE.page_url("https://x.org/", "thread", 5, 3)) == PageRef("thread", thread_id=5, page=3)
    assert ENGINE.canonicalize("https://X.org/topic/5-a/page/1/?csrfKey=abc") == "https://x.org/topic/5-a/"
    assert ENGINE.canonicalize("https://x.org/index.php?/topic/5-a/&s=1") == "https://x.org/index.php?/topic/5-a/"
    assert ENGINE.site_root("https://x.org/forums/topic/5-a/") == "https://x.org/forums/"
    assert ENGINE.site_root("https://x.org/index.php?/topic/5-a/") == "https://x.org/"
    assert ENGINE.site_root("https://x.org/index.php?showtopic=5") == "https://x.org/"


FETCHED = datetime(2020, 1, 9, 12, 0, tzinfo=timezone.utc)  # a Thursday


@pytest.mark.parametrize(("text", "attr", "utc", "precision"), [
    ("January 8, 2020", "2020-01-08T22:09:53Z", "2020-01-08T22:09:53+00:00", "second"),
    ("January 8, 2020", None, "2020-01-08T00:00:00+00:00", "day"),
    ("Yesterday at 10:09 PM", None, "2020-01-08T22:09:00+00:00", "minute"),
    ("Monday at 10:09 PM", None, "2020-01-06T22:09:00+00:00", "minute"),
    ("5 minutes ago", None, "2020-01-09T11:55:00+00:00", "minute"),
    ("Just now", None, "2020-01-09T12:00:00+00:00", "minute"),
    ("09 January 2013 - 10:09 PM", None, "2013-01-09T22:09:00+00:00", "minute"),
])
def test_parse_time(text: str, attr: str | None, utc: str, precision: str) -> None:
    moment, shown = ENGINE.wording.parse_time(text, attr, FETCHED, "UTC")
    assert (moment.isoformat(), shown) == (utc, precision)


@pytest.fixture(scope="module")
def sample():
    from forum_harvest.sample_forum import SampleForum

    return SampleForum.build()


def _sample_answer(forum, target: str):
    """(status, Location, the page as the reader reads it) of the sample forum served as Invision."""
    from forum_harvest.sample_forum.engines import responder
    from forum_harvest.sample_forum.layout import View

    answer = responder("invision")(View(forum, shaped.SITE, forum.now), target)
    page = HtmlResponse(shaped.SITE + target.lstrip("/"), status=answer.status, body=answer.body.encode(), encoding="utf-8")
    return answer.status, answer.headers.get("Location"), ENGINE.thread_page(page) if answer.body else None


def test_the_sample_answers_a_post_link_with_the_page_holding_it(sample) -> None:
    from forum_harvest.sample_forum.invision import POSTS_PER_PAGE

    thread_id = max(sample.threads, key=lambda t: len(sample.thread_posts(t.thread_id))).thread_id
    post = sample.thread_posts(thread_id)[POSTS_PER_PAGE + 1]
    status, location, _ = _sample_answer(sample, f"/topic/{thread_id}-x/?do=findComment&comment={post.post_id}")
    assert status == 301 and ENGINE.classify(location) == PageRef("thread", thread_id=thread_id, page=2)
    assert location.endswith(f"#comment-{post.post_id}")
    status, _, page = _sample_answer(sample, "/" + location.split("#")[0].removeprefix(shaped.SITE))
    assert (status, page.page, page.posts[1].post_id, page.posts[1].floor) == (200, 2, post.post_id, POSTS_PER_PAGE + 2)


def test_the_sample_answers_missing_and_closed_topics_with_their_error_pages(sample) -> None:
    status, _, page = _sample_answer(sample, "/topic/9999--/")
    assert (status, page.posts, page.message_kind) == (404, [], "deleted")
    closed = next(t for t in sample.threads if not t.readable)
    status, _, page = _sample_answer(sample, f"/topic/{closed.thread_id}--/")
    assert (status, page.posts, page.message_kind) == (403, [], "forbidden")


def test_without_quote_data_the_author_pane_gives_the_name_without_its_badges() -> None:
    page = FIXTURES / "invision-4.4" / "thread-utorrent-23012.html"
    response, truth = load(page)
    without = response.text.replace("data-quoteData=", "data-was-quotedata=")
    posts = ENGINE.thread_page(_response(response.url, without)).posts
    assert [post.author for post in posts] == [post["author"] for post in truth["posts"]]


def test_the_3x_russian_edit_line_and_time_words_read() -> None:
    from pipeline.post_cleaning import edited_by_notice

    fetched = datetime(2013, 6, 1, 12, tzinfo=timezone.utc)
    assert edited_by_notice("Сообщение отредактировал carol: 09 января 2013 - 22:09", ENGINE.wording, fetched,
                            "UTC") == (datetime(2013, 1, 9, 22, 9, tzinfo=timezone.utc), "carol")
    assert [ENGINE.wording.parse_time(text, None, fetched, "UTC") for text in ("Сегодня, 10:45", "Вчера, 09:12")] == [
        (datetime(2013, 6, 1, 10, 45, tzinfo=timezone.utc), "minute"),
        (datetime(2013, 5, 31, 9, 12, tzinfo=timezone.utc), "minute")]


def test_a_4x_site_is_asked_in_its_own_urls() -> None:
    response, _ = load(FIXTURES / "invision-4.4" / "thread-neowin-1393830.html")
    assert ENGINE.url_form(response) == "dynamic"


def test_a_real_3x_pager_gives_the_offset_a_later_page_is_asked_by() -> None:
    """IP.Board 3.4.7's page jump: ``{ url: "…?showtopic=415", stKey: 'st', perPage: 20, … }``."""
    response, _ = load(FIXTURES / "invision-3.4" / "thread-stripzona-415.html")
    assert ENGINE.url_form(response) == "board3"
    facts = SiteFacts()
    ENGINE.thread_page(response, facts)
    site = ENGINE.site_root(response.url)
    assert ENGINE.page_url(site, "thread", 415, 2, form="board3", facts=facts) == site + "index.php?showtopic=415&st=20"


@pytest.mark.parametrize("page", THREAD_PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_a_topic_page_gives_its_reply_count_where_it_prints_one(page: Path) -> None:
    response, truth = load(page)
    assert ENGINE.thread_page(response).replies == truth["replies"]
