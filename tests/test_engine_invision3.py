"""IP.Board 3.x pages, shaped by 3.4.8's compiled templates (tests/invision3_template_pages.py;
the real 3.4.7 pages are read in test_engine_invision.py): a topic page's facts from its JavaScript, printed positions,
authors, times, both quote forms, the edit line, the signature, a banned author; a topic list's
rows, counts, pins and pager; the index; recognition by the Invision engine alone."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse

from pipeline.clean import clean_post_html
from pipeline.post_cleaning import edited_by_notice
from scraper.engines import registered
from scraper.engines.invision import ENGINE
from scraper.engines.site_facts import SiteFacts
from tests import invision3_template_pages as shaped

FETCHED = datetime(2013, 6, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def topic():
    html = shaped.topic_page()
    return ENGINE.thread_page(HtmlResponse(shaped.SITE + "topic/88-a-topic/page-2", body=html.encode(), encoding="utf-8"))


def _cleaned(post):
    return clean_post_html(post.body_html, fetched_at=FETCHED, tz="UTC", parse_time=ENGINE.wording.parse_time)


def test_the_page_states_its_topic_forum_page_and_count_for_its_javascript(topic) -> None:
    assert (topic.thread_id, topic.forum_id, topic.title, topic.page, topic.page_count, topic.replies) == (
        88, 5, "A topic", 2, 3, 46)


def test_posts_give_their_printed_positions_authors_and_exact_times(topic) -> None:
    assert [(post.post_id, post.floor, post.author) for post in topic.posts] == [
        (1001, 21, "alice"), (1002, 22, "bob"), (1003, 23, "Visitor"), (1004, 24, "mallory")]
    assert [ENGINE.wording.parse_time(post.time_text, post.time_title, FETCHED, "UTC") for post in topic.posts[:2]] == [
        (datetime(2013, 1, 9, 22, 9, 53, tzinfo=timezone.utc), "second"),
        (datetime(2013, 1, 10, 7, 55, tzinfo=timezone.utc), "second")]


def test_both_quote_forms_keep_their_author_and_leave_the_body(topic) -> None:
    quoted, cited = _cleaned(topic.posts[1]), _cleaned(topic.posts[2])
    assert [(quote["author"], quote["posted_at"]) for quote in quoted.quotes] == [("alice", "2013-01-09T22:09:53+00:00")]
    assert [(quote["author"], quote["text"]) for quote in cited.quotes] == [("bob", "It boots from the card.")]
    assert (quoted.body, cited.body) == ("It boots from the card.", "Thanks, it works.")


def test_the_edit_line_and_its_reason_leave_the_body(topic) -> None:
    post = topic.posts[1]
    assert post.edit_notice == "Edited by bob, 10 January 2013 - 08:00 AM."
    assert "typo" not in post.body_html and "Edited" not in post.body_html
    assert edited_by_notice(post.edit_notice, ENGINE.wording, FETCHED, "UTC") == (
        datetime(2013, 1, 10, 8, 0, tzinfo=timezone.utc), "bob")


def test_the_signature_is_apart_and_the_banned_group_marks_its_author(topic) -> None:
    assert topic.posts[0].signature_html == "<p>Alice's boards: RK3229</p>"
    assert "RK3229" not in topic.posts[0].body_html
    assert [post.author_banned for post in topic.posts] == [False, False, False, True]


def test_only_the_invision_engine_recognizes_a_3x_page() -> None:
    page = Selector(text=shaped.topic_page())
    assert [engine.name for engine in registered() if engine.recognizes(page)] == ["invision"]


def test_a_topic_list_gives_rows_counts_pins_and_its_pager() -> None:
    html = shaped.forum_page()
    view = ENGINE.forum_page(HtmlResponse(shaped.SITE + "forum/5-help/", body=html.encode(), encoding="utf-8"))
    assert (view.forum_id, view.name, view.page_count, view.pagination.current) == (5, "Help", 2, 1)
    assert [(row.thread_id, row.title, row.author, row.replies, row.views, row.sticky, row.last_poster,
             row.last_post_text) for row in view.threads] == [
        (88, "A topic", "alice", 46, 1204, True, "mallory", "11 Jan 2013"),
        (89, "Another", "bob", 3, 12, False, "alice", "11 Jan 2013")]


def test_the_index_lists_categories_forums_and_subforums() -> None:
    html = shaped.index_page()
    view = ENGINE.index_page(HtmlResponse(shaped.SITE, body=html.encode(), encoding="utf-8"))
    assert (view.site_name, [(forum.forum_id, forum.name) for forum in view.forums]) == (
        "Example Board", [(3, "General"), (5, "Help"), (8, "Boot issues")])


def test_a_3_1_index_lists_forums_whose_cells_carry_no_class() -> None:
    view = ENGINE.index_page(HtmlResponse(shaped.SITE, body=shaped.index_page_31().encode(), encoding="utf-8"))
    assert [(forum.forum_id, forum.name) for forum in view.forums] == [(3, "General"), (5, "Help")]


def _on(site: str, html: str, path: str = "") -> HtmlResponse:
    """A template-shaped page as a site of its own serves it."""
    return HtmlResponse(site + path, body=html.replace(shaped.SITE, site).encode(), encoding="utf-8")


def test_a_3x_site_is_asked_in_its_plain_script_urls_by_offset_once_its_pager_gave_the_page_size() -> None:
    """The page sizes are the crawl's (its ``SiteFacts``): another crawl of the site knows none."""
    site, facts = "https://offsets.board.example/", SiteFacts()
    assert ENGINE.url_form(_on(site, shaped.index_page())) == "board3"
    asked = [("thread", 1), ("thread", 3), ("forum", 2)]
    plain = [site + "index.php?showtopic=88", site + "index.php?showtopic=88&page=3", site + "index.php?showforum=88&page=2"]
    assert [ENGINE.page_url(site, kind, 88, page, form="board3", facts=facts) for kind, page in asked] == plain
    ENGINE.thread_page(_on(site, shaped.topic_page(start=0), "index.php?showtopic=88"), facts)  # 20 posts a page
    ENGINE.forum_page(_on(site, shaped.forum_page(), "index.php?showforum=5"), facts)  # 40 topics a page
    assert [ENGINE.page_url(site, kind, 88, page, form="board3", facts=facts) for kind, page in asked] == [
        site + "index.php?showtopic=88", site + "index.php?showtopic=88&st=40", site + "index.php?showforum=88&st=40"]
    offsets = (site + "index.php?showtopic=88&page=3", site + "index.php?showtopic=88&st=40", site + "index.php?showforum=88&st=40")
    assert [ENGINE.classify(url, facts).page for url in offsets] == [3, 3, 2]
    assert [ENGINE.page_url(site, kind, 88, page, form="board3", facts=SiteFacts()) for kind, page in asked] == plain
    assert [ENGINE.classify(url, SiteFacts()).page for url in offsets] == [3, 3, 3]  # 20 a page assumed


def test_a_russian_3_0_citation_names_its_author() -> None:
    html = shaped.topic_page().replace("bob, on 10 January 2013 - 07:55 AM, said:", "bob (10 января 2013 - 07:55) писал:")
    page = ENGINE.thread_page(HtmlResponse(shaped.SITE + "topic/88-a-topic/page-2", body=html.encode(), encoding="utf-8"))
    assert [quote["author"] for quote in _cleaned(page.posts[2]).quotes] == ["bob"]


@pytest.mark.parametrize(("said", "kind"), [
    ("We could not determine which topic you were attempting to view.", "deleted"),
    ("Система не смогла найти тему, которую вы пытаетесь посмотреть.", "deleted"),
    ("You do not have permission to view this topic.", "forbidden")])
def test_an_error_page_is_read_as_its_message(said, kind) -> None:
    html = shaped.error_page(said)
    view = ENGINE.thread_page(HtmlResponse(shaped.SITE + "index.php?showtopic=9", body=html.encode(), encoding="utf-8",
                                           status=404))
    assert (view.posts, view.message, view.message_kind) == ([], said, kind)
