"""Discourse engine: real saved JSON answers against their truth, URL forms, recognition (and
the other engines' refusal of Discourse answers)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector
from scrapy.http import TextResponse

from pipeline.clean import clean_post_html
from pipeline.post_cleaning import edited_by_notice
from scraper.engines import registered
from scraper.engines.base import PageRef
from scraper.engines.discourse import ENGINE
from tests.engine_truth import FIXTURES, compare, quote_authors

# Every saved answer (JSON) and page (the crawler view's HTML), each beside its truth.
ANSWERS = sorted(path for path in (FIXTURES / "discourse").glob("t-*") if not path.name.endswith(".expected.json"))
OTHER_PAGES = sorted(page for page in FIXTURES.glob("**/*.htm*") if page.parent.name != "discourse")


def _load(answer: Path) -> tuple[TextResponse, dict[str, Any]]:
    truth = json.loads(answer.with_name(answer.stem + ".expected.json").read_text(encoding="utf-8"))
    return TextResponse(truth["url"], body=answer.read_bytes(), encoding="utf-8"), truth


def _selector(page: Path) -> Selector:
    return Selector(body=page.read_bytes(), type="html")


@pytest.mark.parametrize("answer", ANSWERS, ids=lambda answer: answer.name)
def test_topic_answer_or_page_equals_its_truth(answer: Path) -> None:
    response, truth = _load(answer)
    view = ENGINE.thread_page(response)
    assert (view.thread_id, view.forum_id, view.title, view.page, view.page_count, view.replies, view.message) == (
        truth["thread_id"], truth["forum_id"], truth["title"], truth["page"], truth["page_count"], truth["replies"],
        None)
    figures, problems = compare(view.posts, truth, ENGINE.wording, "UTC")
    assert problems == []
    assert figures.posts == figures.ids == figures.authors == figures.times == figures.floors > 0
    fetched_at = datetime.fromisoformat(truth["fetched_at"])
    edited = [edited_by_notice(post.edit_notice, ENGINE.wording, fetched_at, "UTC")[0] for post in view.posts]
    assert [moment.isoformat() if moment else None for moment in edited] == [
        post["edited_at"] for post in truth["posts"]]
    assert [post.content_hidden for post in view.posts] == [post["content_hidden"] for post in truth["posts"]]


def test_a_quote_keeps_its_author_and_leaves_its_title_bar() -> None:
    response, _ = _load(FIXTURES / "discourse" / "t-2144-posts.json")
    body = ENGINE.thread_page(response).posts[1].body_html
    assert quote_authors(body) == ["Elliot"] * 4
    assert "Elliot:" not in body and "avatar" not in body and "<aside" not in body


def test_posts_of_an_answer_newest_first_are_read_in_floor_order() -> None:
    response, _ = _load(FIXTURES / "discourse" / "t-2144-posts-pn-61.json")
    floors = [post.floor for post in ENGINE.thread_page(response).posts]
    assert floors == sorted(floors) and floors[0] == 11 and floors[-1] == 30


def test_a_page_neither_json_nor_crawler_view_is_a_message_not_an_empty_thread() -> None:
    response = TextResponse("https://x.org/t/slug/5", body=b"<html><body><p>hi</p></body></html>", encoding="utf-8")
    view = ENGINE.thread_page(response)
    assert view.posts == [] and view.message and view.thread_id == 5


@pytest.mark.parametrize("answer", ANSWERS, ids=lambda answer: answer.name)
def test_recognizes_its_answers_and_no_other_engine_does(answer: Path) -> None:
    page = _selector(answer)
    assert [engine.name for engine in registered() if engine.recognizes(page)] == ["discourse"]


@pytest.mark.parametrize("page", OTHER_PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_recognizes_no_other_engine(page: Path) -> None:
    assert not ENGINE.recognizes(_selector(page))


@pytest.mark.parametrize("markup", [
    '<html><head><meta name="generator" content="Discourse 3.2.0 - https://github.com/discourse/discourse version 1">'
    "</head><body></body></html>",
    "<html><body><div id='post_1' class='topic-body crawler-post'></div></body></html>",
])
def test_recognizes_the_html_it_serves(markup: str) -> None:
    assert ENGINE.recognizes(Selector(text=markup))


@pytest.mark.parametrize(("url", "ref"), [
    ("https://x.org/t/kpop-demon-hunters/2144", PageRef("post_redirect", thread_id=2144)),
    ("https://x.org/t/kpop-demon-hunters/2144?page=2", PageRef("post_redirect", thread_id=2144, page=2)),
    ("https://x.org/t/2144.json?page=3", PageRef("thread", thread_id=2144, page=3)),
    ("https://x.org/t/slug/2144.json", PageRef("thread", thread_id=2144)),
    ("https://x.org/t/kpop-demon-hunters/2144/45", PageRef("post_redirect", thread_id=2144, page=3)),
    ("https://x.org/t/2144/21.json", PageRef("thread", thread_id=2144, page=2)),
    ("https://x.org/t/2144/posts.json?post_number=61", PageRef("thread", thread_id=2144)),
    ("https://x.org/forum/t/slug/57", PageRef("post_redirect", thread_id=57)),
    ("https://x.org/c/showcase/7", PageRef("forum", forum_id=7)),
    ("https://x.org/c/parent/child/12/l/latest.json?page=1", PageRef("forum", forum_id=12, page=2)),
    ("https://x.org/c/7.json", PageRef("forum", forum_id=7)),
    ("https://x.org/p/20102", PageRef("post", post_id=20102)),
    ("https://x.org/", PageRef("index")),
    ("https://x.org/latest", PageRef("index")),
    ("https://x.org/latest.json", PageRef("index")),
    ("https://x.org/categories.json", PageRef("index")),
    ("https://x.org/u/elliot", None),
])
def test_classify(url: str, ref: PageRef | None) -> None:
    assert ENGINE.classify(url) == ref


def test_urls_the_crawl_asks_for() -> None:
    site = ENGINE.site_root("https://x.org/forum/t/slug/57?page=2")
    assert site == "https://x.org/forum/"
    assert ENGINE.page_url(site, "thread", 57) == "https://x.org/forum/t/57.json"
    assert ENGINE.page_url(site, "thread", 57, 3) == "https://x.org/forum/t/57.json?page=3"
    assert ENGINE.page_url(site, "forum", 7, 2) == "https://x.org/forum/c/7/l/latest.json?page=1"
    assert ENGINE.classify(ENGINE.page_url(site, "forum", 7, 2)) == PageRef("forum", forum_id=7, page=2)
    assert ENGINE.index_url(site) == "https://x.org/forum/categories.json"
    assert ENGINE.canonicalize("https://X.org/t/57.json?u=bob&page=2") == "https://x.org/t/57.json?page=2"


def _answer(url: str, payload: dict[str, Any]) -> TextResponse:
    return TextResponse(url, body=json.dumps(payload).encode(), encoding="utf-8")


# No topic list or category list that a Discourse served was found published: these two
# check the readers against the serializers' field names (TopicListSerializer,
# ListableTopicSerializer, CategoryListSerializer), not against a saved answer.
def test_a_topic_list_by_its_serializer_fields() -> None:
    topic = {"id": 177814, "title": "How to build", "slug": "how-to-build", "posts_count": 31, "views": 90000,
             "pinned": False, "last_posted_at": "2021-09-13T10:14:36.531Z", "last_poster_username": "TomaEduard"}
    view = ENGINE.forum_page(_answer("https://x.org/c/capacitor/26/l/latest.json?page=1",
                                     {"topic_list": {"more_topics_url": "/c/capacitor/26/l/latest?page=2",
                                                     "per_page": 1, "topics": [topic]}}))
    assert (view.forum_id, view.pagination.current, view.page_count) == (26, 2, 3)
    row = view.threads[0]
    assert (row.thread_id, row.replies, row.views, row.last_post_attr, row.last_poster) == (
        177814, 30, 90000, "2021-09-13T10:14:36.531Z", "TomaEduard")
    last = ENGINE.forum_page(_answer("https://x.org/c/26/l/latest.json?page=2", {"topic_list": {"topics": []}}))
    assert last.page_count == 3


def test_a_category_list_by_its_serializer_fields() -> None:
    view = ENGINE.index_page(_answer("https://x.org/forum/categories.json", {"category_list": {"categories": [
        {"id": 23, "name": "Ionic Framework", "slug": "ionic", "subcategory_ids": [27]},
        {"id": 27, "name": "Angular", "slug": "angular"}]}}))
    assert view.site_root == "https://x.org/forum/"
    assert [(forum.forum_id, forum.name, forum.parent_forum_id) for forum in view.forums] == [
        (23, "Ionic Framework", None), (27, "Angular", 23)]


def test_an_emoji_is_the_code_its_author_typed_not_a_picture() -> None:
    response, truth = _load(FIXTURES / "discourse" / "t-177814.html")
    posts = ENGINE.thread_page(response).posts
    cleaned = [clean_post_html(post.body_html, fetched_at=datetime.fromisoformat(truth["fetched_at"]), tz="UTC")
               for post in posts]
    assert any(":tada: :tada:" in post.body for post in cleaned)
    assert not [url for post in cleaned for url in post.images if "emoji" in url]
