"""Invision Community 5.x pages, shaped by 5.0's compiled templates (tests/invision5_template_pages.py;
no saved real 5.x page was found, see docs/engines/invision.md): a topic page's ids, title and
pager, positions counted from the pager, authors in both post layouts, exact times, the quote
with its author and time, a banned author (the signature and the edit line: tests/test_engine_invision.py); a topic list's rows,
counts, pins, last posts and pager; the index; recognition by the Invision engine alone."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse

from pipeline.clean import clean_post_html
from scraper.engines import registered
from scraper.engines.invision import ENGINE
from tests import invision5_template_pages as shaped

FETCHED = datetime(2020, 2, 1, tzinfo=timezone.utc)


def _response(url: str, html: str) -> HtmlResponse:
    return HtmlResponse(url, body=html.encode(), encoding="utf-8")


@pytest.fixture(scope="module")
def topic():
    return ENGINE.thread_page(_response(shaped.SITE + "topic/77-a-topic/page/2/", shaped.topic_page()))


def test_the_page_names_its_topic_forum_title_and_pager(topic) -> None:
    assert (topic.thread_id, topic.forum_id, topic.title, topic.page, topic.page_count) == (77, 5, "A topic", 2, 3)


def test_positions_come_from_the_pager_and_authors_from_either_layout(topic) -> None:
    assert [(post.post_id, post.floor, post.author) for post in topic.posts] == [
        (502, 26, "bob"), (503, 27, "bob"), (504, 28, "dave")]


def test_without_quote_data_the_name_is_the_username_box_without_the_group() -> None:
    html = shaped.topic_page().replace("data-quotedata=", "data-was-quotedata=")
    posts = ENGINE.thread_page(_response(shaped.SITE + "topic/77-a-topic/page/2/", html)).posts
    assert [post.author for post in posts] == ["bob", "bob", "dave"]


def test_times_are_exact_and_their_text_is_the_long_form(topic) -> None:
    assert [(post.time_text, post.time_title) for post in topic.posts] == [
        ("January 8, 2020", "2020-01-08T22:10:00Z"), ("January 9, 2020", "2020-01-09T08:00:05Z"),
        ("January 9, 2020", "2020-01-09T08:53:20Z")]
    moment, precision = ENGINE.wording.parse_time(topic.posts[0].time_text, topic.posts[0].time_title, FETCHED, "UTC")
    assert (moment, precision) == (datetime(2020, 1, 8, 22, 10, tzinfo=timezone.utc), "second")


def test_the_quote_keeps_its_author_and_time_and_leaves_its_citation(topic) -> None:
    body = topic.posts[0].body_html
    assert 'data-quote-author="alice"' in body and "2020-01-08T22:09:53+00:00" in body
    assert "said:" not in body and "ipsQuote" not in body
    cleaned = clean_post_html(body, fetched_at=FETCHED, tz="UTC", parse_time=ENGINE.wording.parse_time)
    assert cleaned.body == "Yes, from the card first, then USB."
    assert [(quote["author"], quote["posted_at"]) for quote in cleaned.quotes] == [("alice", "2020-01-08T22:09:53+00:00")]


def test_a_banned_members_group_marks_the_author(topic) -> None:
    assert [post.author_banned for post in topic.posts] == [False, False, True]


def test_a_topic_list_gives_rows_counts_pins_and_last_posts() -> None:
    view = ENGINE.forum_page(_response(shaped.SITE + "forum/5-help/", shaped.forum_page()))
    assert (view.forum_id, view.name, view.page_count, view.pagination.current) == (5, "Help", 2, 1)
    assert [(forum.forum_id, forum.name) for forum in view.subforums] == [(8, "Boot issues")]
    assert [(row.thread_id, row.title, row.author, row.replies, row.views, row.sticky, row.last_poster,
             row.last_post_text, row.last_post_attr) for row in view.threads] == [
        (77, "A topic", "bob", 52, 1204, True, "erin", "February 1, 2020", "2020-02-01T12:00:00Z"),
        (78, "Another", "alice", 3, None, False, "erin", "February 1, 2020", "2020-02-01T12:00:00Z")]
    assert [row.url for row in view.threads] == [shaped.SITE + "topic/77-t/", shaped.SITE + "topic/78-t/"]


def test_the_index_lists_categories_forums_and_subforums() -> None:
    view = ENGINE.index_page(_response(shaped.SITE, shaped.index_page()))
    assert (view.site_root, view.site_name) == (shaped.SITE, "Example Community")
    assert [(forum.forum_id, forum.name) for forum in view.forums] == [(3, "General"), (5, "Help"), (8, "Boot issues")]


def test_the_5x_error_box_is_read_as_its_message() -> None:
    page = ("<html><body data-ips-hook='body' class='ipsApp ipsApp_front'><section id='elError' class='ipsBox "
            "ipsBox--padding i-text-align_center'><div id='elErrorMessage' class='i-font-size_4'>"
            "We could not locate the item you are trying to view.</div></section></body></html>")
    view = ENGINE.thread_page(_response(shaped.SITE + "topic/9-gone/", page))
    assert (view.posts, view.message_kind) == ([], "deleted")


@pytest.mark.parametrize("page", [shaped.topic_page, shaped.forum_page, shaped.index_page])
def test_only_invision_recognizes_5x_pages(page) -> None:
    selector = Selector(text=page(), type="html")
    assert [engine.name for engine in registered() if engine.recognizes(selector)] == ["invision"]


def test_a_5x_post_alone_is_recognized() -> None:
    """A fragment without the page's chrome (what a post pasted elsewhere keeps): its article."""
    html = shaped.topic_page()
    fragment = html[html.index('<article data-ips-hook="postWrapper"'):html.index("</article>") + len("</article>")]
    assert ENGINE.recognizes(Selector(text=f"<div>{fragment}</div>", type="html"))
    posts = ENGINE.thread_page(_response(shaped.SITE + "topic/77-a-topic/", f"<div>{fragment}</div>")).posts
    assert [(post.post_id, post.floor, post.author) for post in posts] == [(502, None, "bob")]
