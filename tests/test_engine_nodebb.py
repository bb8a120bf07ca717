"""NodeBB engine: every page a real NodeBB 4.11.2 and 3.12.7 served (tests/fixtures/nodebb-4.11,
nodebb-3.12), its read API's JSON and its HTML alike, against the truth read from its Redis;
URL forms; the messages of a missing topic and a private category; recognition of its answers."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from parsel import Selector

from pipeline.attachment_readers import attachment_taker
from pipeline.clean import ATTACHMENT_PLACEHOLDER, IMAGE_PLACEHOLDER, clean_post_html
from pipeline.post_cleaning import edited_by_notice
from scraper.engines import registered
from scraper.engines.base import PageRef
from scraper.engines.nodebb import ENGINE
from tests.engine_truth import compare, quote_authors
from tests.nodebb_capture import CAPTURES, Capture


def _pages(pattern: str) -> list[tuple[Capture, dict[str, Any]]]:
    """(capture, page) of every capture's pages whose file name matches ``pattern``."""
    return [(capture, e) for capture in CAPTURES for e in capture.entries("") if re.search(pattern, e["file"])]


def _name(value: Any) -> str:
    return value.folder if isinstance(value, Capture) else value["file"]


# A topic page by its API URL, its slug URL, and the slug URL NodeBB redirects ``topic/ID`` to
# (``…/slug/1?page=N``: ``index1``).
TOPIC_PAGES = _pages(r"-topic-\d+-(index1-)?page\d+\.")
CATEGORY_PAGES = _pages(r"-category-\d+-page\d+\.")
INDEX_PAGES = _pages(r"robot-(api-)?(index|categories)\.")


def _numbers(entry: dict[str, Any]) -> tuple[int, int]:
    found = re.search(r"-(\d+)-(?:index1-)?page(\d+)\.", entry["file"])
    return int(found.group(1)), int(found.group(2))


@pytest.mark.parametrize(("capture", "entry"), TOPIC_PAGES, ids=_name)
def test_a_topic_page_equals_its_truth(capture: Capture, entry: dict[str, Any]) -> None:
    thread_id, page = _numbers(entry)
    topic, truth = capture.topic_truth(thread_id, entry), capture.page_truth(entry, thread_id, page)
    view = ENGINE.thread_page(capture.response(entry))
    pages = -(-len(topic["posts"]) // capture.page_sizes[entry["mode"]][0])
    assert (view.thread_id, view.forum_id, view.title, view.page, view.page_count, view.replies, view.message) == (
        thread_id, topic["forum_id"], topic["title"], page, pages, topic["replies"], None)
    figures, problems = compare(view.posts, truth, ENGINE.wording, "UTC")
    assert problems == []
    assert figures.posts == figures.ids == figures.authors == figures.times == figures.floors > 0
    fetched_at = datetime.fromisoformat(truth["fetched_at"])
    edited = [edited_by_notice(post.edit_notice, ENGINE.wording, fetched_at, "UTC") for post in view.posts]
    assert [(moment.isoformat() if moment else None, editor) for moment, editor in edited] == [
        (post["edited_at"], post["edited_by"]) for post in truth["posts"]]
    assert [post.content_hidden for post in view.posts] == [post["content_hidden"] for post in truth["posts"]]


@pytest.mark.parametrize("capture", CAPTURES, ids=_name)
def test_the_captured_topics_hold_a_quote_a_nested_quote_an_edit_and_a_deleted_post(capture: Capture) -> None:
    """What the truth-tests above cover, so that a capture without them cannot pass unseen."""
    posts = {post.post_id: post for entry in capture.entries("robot-api-topic-2-page")
             for post in ENGINE.thread_page(capture.response(entry)).posts}
    assert quote_authors(posts[4].body_html) == ["bob"] and quote_authors(posts[9].body_html) == ["zoë"]
    assert 'data-quote-author="bob"' in posts[9].body_html and "said" not in posts[9].body_html
    edited = capture.topic_truth(2)["posts"][5]
    assert posts[7].edit_notice == f"Last edited by alice: {edited['edited_at'][:23]}Z" and edited["post_id"] == 7
    assert posts[8].content_hidden and posts[8].body_html == ""
    assert "<img" in posts[6].body_html and "<code" in posts[3].body_html
    signed = [post for entry in capture.entries("robot-signed-") for post in ENGINE.thread_page(capture.response(entry)).posts]
    assert [(post.author, bool(post.signature_html)) for post in signed] == [("bob", True), ("alice", False)] * 2
    banned = [post for entry in capture.entries("robot-banned-") for post in ENGINE.thread_page(capture.response(entry)).posts]
    assert [(post.author, post.author_banned) for post in banned] == [("李雷", True), ("alice", False)] * 2


def _listed(capture: Capture, forum_id: int) -> list[tuple[int, int]]:
    """(topic, replies) of a category, newest last post first, as NodeBB lists them."""
    topics = sorted((t for t in capture.truths() if t["forum_id"] == forum_id), key=lambda t: t["last_post_time_utc"],
                    reverse=True)
    return [(t["thread_id"], t["replies"]) for t in topics]


@pytest.mark.parametrize(("capture", "entry"), CATEGORY_PAGES, ids=_name)
def test_a_category_page_lists_its_topics(capture: Capture, entry: dict[str, Any]) -> None:
    forum_id, page = _numbers(entry)
    size = capture.page_sizes[entry["mode"]][1]
    listed = _listed(capture, forum_id)
    view = ENGINE.forum_page(capture.response(entry))
    assert (view.forum_id, view.pagination.current, view.page_count, view.message) == (
        forum_id, page, max(1, -(-len(listed) // size)), None)
    assert [(row.thread_id, row.replies) for row in view.threads] == listed[(page - 1) * size:page * size]
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    for row in view.threads:
        last = capture.topic_truth(row.thread_id)["posts"][-1]
        moment, _ = ENGINE.wording.parse_time(None, row.last_post_attr, fetched_at, "UTC")
        assert (row.last_poster, row.last_post_id, moment.isoformat()) == (
            last["author"], last["post_id"], last["time_utc"])


@pytest.mark.parametrize(("capture", "entry"), INDEX_PAGES, ids=_name)
def test_the_index_lists_every_category_a_guest_may_see(capture: Capture, entry: dict[str, Any]) -> None:
    categories = capture.truth("truth-categories.json")
    view = ENGINE.index_page(capture.response(entry))
    assert sorted((f.forum_id, f.name, f.parent_forum_id) for f in view.forums) == sorted(
        (c["forum_id"], c["name"], c["parent_forum_id"]) for c in categories if c["name"] != "Staff room")


@pytest.mark.parametrize("capture", CAPTURES, ids=_name)
@pytest.mark.parametrize(("prefix", "kind"), [
    ("robot-missing-topic-999", "deleted"), ("robot-api-missing-topic-999", "deleted"),
    ("browser-missing-topic-999", "deleted"), ("browser-api-missing-topic-999", "deleted"),
    ("robot-private-topic-6", "forbidden"), ("robot-api-private-topic-6", "forbidden"),
    ("browser-api-private-topic-6", "login_required")])
def test_a_topic_a_guest_cannot_read_is_a_message(capture: Capture, prefix: str, kind: str) -> None:
    view = ENGINE.thread_page(capture.response(capture.entries(prefix)[0]))
    assert (view.posts, view.message_kind, bool(view.message)) == ([], kind, True)


@pytest.mark.parametrize("capture", CAPTURES, ids=_name)
@pytest.mark.parametrize(("prefix", "kind"), [
    ("robot-private-category-7", "forbidden"), ("robot-api-private-category-7", "forbidden"),
    ("browser-api-private-category-7", "login_required")])
def test_a_private_category_is_a_message(capture: Capture, prefix: str, kind: str) -> None:
    view = ENGINE.forum_page(capture.response(capture.entries(prefix)[0]))
    assert (view.threads, view.message_kind, bool(view.message)) == ([], kind, True)


def test_a_gateway_error_is_not_taken_for_nodebb_s_answer() -> None:
    from scrapy.http import TextResponse
    page = TextResponse("http://x.org/api/topic/5", body=b"<html><body>Bad gateway</body></html>", status=502)
    assert ENGINE.thread_page(page).message is None


@pytest.mark.parametrize(("url", "ref"), [
    ("http://x.org/topic/5/some-slug", PageRef("thread", thread_id=5)),
    ("http://x.org/topic/5", PageRef("thread", thread_id=5)),
    ("http://x.org/api/topic/5?page=3", PageRef("thread", thread_id=5, page=3)),
    ("http://x.org/topic/5/slug/45", PageRef("thread", thread_id=5, page=3)),
    ("http://x.org/topic/5/slug/45?page=2", PageRef("thread", thread_id=5, page=2)),
    ("http://x.org/forum/topic/5/%E4%B8%AD%E6%96%87", PageRef("thread", thread_id=5)),
    ("http://x.org/category/6/中文区", PageRef("forum", forum_id=6)),
    ("http://x.org/api/category/6?page=2", PageRef("forum", forum_id=6, page=2)),
    ("http://x.org/category/6/slug/12", PageRef("forum", forum_id=6)),
    ("http://x.org/post/38", PageRef("post", post_id=38)),
    ("http://x.org/", PageRef("index")), ("http://x.org/api/", PageRef("index")),
    ("http://x.org/categories", PageRef("index")), ("http://x.org/api/categories", PageRef("index")),
    ("http://x.org/forum/", PageRef("index")),
    ("http://x.org/recent", None), ("http://x.org/user/alice", None)])
def test_url_forms(url: str, ref: PageRef | None) -> None:
    assert ENGINE.classify(url) == ref


def test_canonical_urls_site_root_and_the_html_of_an_api_url() -> None:
    assert ENGINE.site_root("http://x.org/forum/topic/5/slug?page=2") == "http://x.org/forum/"
    assert ENGINE.site_root("http://x.org/api/category/5") == "http://x.org/"
    assert ENGINE.page_url("http://x.org/forum/", "thread", 5, 2) == "http://x.org/forum/api/topic/5?page=2"
    assert ENGINE.page_url("http://x.org/", "forum", 6) == "http://x.org/api/category/6"
    assert ENGINE.index_url("http://x.org/") == "http://x.org/api/categories"
    assert ENGINE.crawler_view_url("http://x.org/forum/api/topic/5?page=2") == "http://x.org/forum/topic/5?page=2"
    assert ENGINE.crawler_view_url("http://x.org/api/categories") == "http://x.org/categories"
    assert ENGINE.crawler_view_url("http://x.org/topic/5") is None
    assert ENGINE.canonicalize("http://X.org/api/topic/5?page=2&_=1765") == "http://x.org/api/topic/5?page=2"


@pytest.mark.parametrize(("capture", "entry"), [(c, e) for c, e in _pages(r"\.json$") if e["status"] != 401], ids=_name)
def test_recognizes_its_answers_and_no_other_engine_does(capture: Capture, entry: dict[str, Any]) -> None:
    page = Selector(body=(capture.captured.directory / entry["file"]).read_bytes(), type="html")
    assert [engine.name for engine in registered() if engine.recognizes(page)] == ["nodebb"]


@pytest.mark.parametrize("capture", CAPTURES, ids=_name)
def test_uploads_are_attachments_and_the_picture_stays_a_picture(capture: Capture) -> None:
    entry = capture.entries("robot-uploads-api-topic-3")[0]
    post = ENGINE.thread_page(capture.response(entry)).posts[-1]
    cleaned = clean_post_html(post.body_html, fetched_at=datetime.fromisoformat(entry["fetched_at_utc"]), tz="UTC",
                              parse_time=ENGINE.wording.parse_time,
                              take_attachment_widgets=attachment_taker("nodebb", ENGINE.wording))
    assert [(a.name, a.url.rsplit("-", 1)[1]) for a in cleaned.attachments] == [("red.png", "red.png"),
                                                                             ("notes.txt", "notes.txt")]
    assert cleaned.body == f"Files attached below.\n{IMAGE_PLACEHOLDER} {ATTACHMENT_PLACEHOLDER}"
    assert [src.rsplit("-", 1)[1] for src in cleaned.images] == ["red.png"]
