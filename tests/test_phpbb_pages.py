"""The phpBB engine's readers on pages of a real phpBB 3.3.10 (prosilver), captured by
``python -m tests.real_phpbb --capture`` (``tests/fixtures/phpbb-33-live``), checked against
the board's own tables at capture time (``expected.json``): every visible post once, by id,
with its topic, author, time, edit notice, signature, quotes and text."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from parsel import Selector

from pipeline.clean import clean_post_html
from scraper.engines.base import PageRef
from scraper.engines.phpbb import PhpbbEngine
from tests.real_phpbb.forum_truth import IMAGE, plain_text

LIVE = Path(__file__).parent / "fixtures" / "phpbb-33-live"
EXPECTED = json.loads((LIVE / "expected.json").read_text("utf-8"))
PAGES = {entry["file"]: entry for entry in json.loads((LIVE / "pages.json").read_text("utf-8"))["files"]}
BASE = "http://127.0.0.1:8080/"
POSTS = {post["post_id"]: post for post in EXPECTED["posts"]}
TOPICS = {topic["topic_id"]: topic for topic in EXPECTED["topics"]}
LONG = EXPECTED["topics_by_role"]["long"]
PER_PAGE = int(EXPECTED["config"]["posts_per_page"])


def response(name: str) -> SimpleNamespace:
    return SimpleNamespace(url=BASE + PAGES[name]["url"], text=(LIVE / name).read_text("utf-8"))


def fetched_at(name: str) -> datetime:
    return datetime.fromisoformat(PAGES[name]["fetched_at_utc"])


def visible(topic_id: int) -> list[dict]:
    return sorted((post for post in EXPECTED["posts"] if post["topic_id"] == topic_id
                   and post["post_visibility"] == 1), key=lambda post: (post["post_time"], post["post_id"]))


@pytest.fixture
def engine() -> PhpbbEngine:
    return PhpbbEngine()


def topic_pages(engine: PhpbbEngine, mode: str = "guest") -> list:
    names = [f"viewtopic-t{LONG}-{mode}.html"] + ([f"viewtopic-t{LONG}-start3-guest.html",
                                                   f"viewtopic-t{LONG}-start6-guest.html"] if mode == "guest" else [])
    return [(name, engine.thread_page(response(name))) for name in names]


def test_every_page_is_recognised_as_phpbb(engine):
    for name in PAGES:
        assert engine.recognizes(Selector(text=(LIVE / name).read_text("utf-8"))), name


def test_discuz_pages_are_not_phpbb(engine):
    for page in sorted((Path(__file__).parent / "fixtures" / "discuz-x35-live").glob("*.html"))[:6]:
        assert not engine.recognizes(Selector(text=page.read_text("utf-8", "replace"))), page.name


def test_index_lists_the_forum_under_its_category(engine):
    index = engine.index_page(response("index-guest.html"))
    forums = [forum for forum in EXPECTED["forums"] if forum["forum_type"] == 1]
    category = next(forum for forum in EXPECTED["forums"] if forum["forum_type"] == 0)
    assert [(link.forum_id, link.name) for link in index.forums] == [(f["forum_id"], f["forum_name"]) for f in forums]
    assert {(link.category, link.parent_forum_id) for link in index.forums} == {(category["forum_name"], category["forum_id"])}
    assert index.site_name == EXPECTED["config"]["sitename"]
    assert index.site_root == BASE and index.message is None
    assert "sid=" not in index.forums[0].url


def test_forum_pages_list_every_topic_once_with_its_counts(engine):
    rows, views = [], []
    for name in ("viewforum-f2-guest.html", "viewforum-f2-start3-guest.html"):
        view = engine.forum_page(response(name))
        views.append(view)
        rows += view.threads
    topics = [topic for topic in EXPECTED["topics"] if topic["forum_id"] == 2]
    assert sorted(row.thread_id for row in rows) == sorted(topic["topic_id"] for topic in topics)
    for row in rows:
        topic = TOPICS[row.thread_id]
        assert row.title == topic["topic_title"]
        assert row.author == topic["topic_first_poster_name"]
        assert row.replies == topic["topic_posts_approved"] - 1
        assert row.sticky == (topic["topic_type"] == 1)
        assert row.last_poster == topic["topic_last_poster_name"]
        moment, _ = engine.wording.parse_time(row.last_post_text, row.last_post_attr, datetime.now(UTC), "UTC")
        assert moment.timestamp() == topic["topic_last_post_time"]
        text_only, _ = engine.wording.parse_time(row.last_post_text, None, datetime.now(UTC), "UTC")
        assert abs(text_only.timestamp() - topic["topic_last_post_time"]) < 60
        assert row.url == f"{BASE}viewtopic.php?t={row.thread_id}"
    topics_per_page = int(EXPECTED["config"]["topics_per_page"])
    assert [view.page_count for view in views] == [math.ceil(len(topics) / topics_per_page)] * 2
    assert [view.pagination.current for view in views] == [1, 2]
    assert views[0].forum_id == 2 and views[0].name == "Your first forum" and views[0].topics == len(topics)
    assert views[0].pagination.next_url == f"{BASE}viewforum.php?f=2&start={topics_per_page}"
    assert engine.sizes.size(BASE, "forum") == topics_per_page


def test_topic_pages_hold_every_visible_post_once_in_order(engine):
    read = [post for _, view in topic_pages(engine) for post in view.posts]
    expected = visible(LONG)
    assert [post.post_id for post in read] == [post["post_id"] for post in expected]
    assert [post.floor for post in read] == list(range(1, len(expected) + 1))
    assert EXPECTED["posts_by_role"]["deleted"] not in {post.post_id for post in read}
    for post in read:
        truth = POSTS[post.post_id]
        assert post.author == truth["author"]
        assert datetime.fromisoformat(post.time_title).timestamp() == truth["post_time"]
        assert not post.unreadable and not post.author_banned


def test_topic_page_facts(engine):
    views = [view for _, view in topic_pages(engine)]
    pages = math.ceil(len(visible(LONG)) / PER_PAGE)
    for number, view in enumerate(views, start=1):
        assert (view.thread_id, view.forum_id, view.title) == (LONG, 2, TOPICS[LONG]["topic_title"])
        assert (view.page, view.page_count, view.page_size) == (number, pages, PER_PAGE)
        assert view.replies == TOPICS[LONG]["topic_posts_approved"] - 1
        assert view.ref == PageRef("thread", 2, LONG, number)
        assert view.message is None
    assert views[0].pagination.page_urls == {2: f"{BASE}viewtopic.php?t={LONG}&start=3",
                                             3: f"{BASE}viewtopic.php?t={LONG}&start=6"}


def test_bodies_clean_to_the_stored_text(engine):
    for name, view in topic_pages(engine) + [(n, engine.thread_page(response(n))) for n in
                                             ("viewtopic-t3-guest.html", "viewtopic-t4-guest.html")]:
        for post in view.posts:
            cleaned = clean_post_html(post.body_html, fetched_at=fetched_at(name), tz="UTC",
                                      image_placeholder=IMAGE)
            assert " ".join(cleaned.body.split()) == plain_text(POSTS[post.post_id]["post_text"]), post.post_id
            assert "Select all" not in cleaned.body and "wrote:" not in post.body_html


def test_quotes_name_their_author_and_time(engine):
    posts = {post.post_id: post for _, view in topic_pages(engine) for post in view.posts}
    roles = EXPECTED["posts_by_role"]
    quote = Selector(text=posts[roles["quote"]].body_html)
    assert quote.xpath("//blockquote/@data-quote-author").getall() == ["alice"]
    assert quote.xpath("//blockquote/@data-quote-time").get() == "Sun Dec 06, 2026 8:45 pm" or \
        engine.wording.parse_time(quote.xpath("//blockquote/@data-quote-time").get(), None, datetime.now(UTC), "UTC")[0]
    assert not quote.xpath("//cite")
    nested = Selector(text=posts[roles["nested"]].body_html)
    assert nested.xpath("//blockquote/@data-quote-author").getall() == ["carol", "alice"]


def test_edit_notices_give_editor_and_time(engine):
    posts = {post.post_id: post for _, view in topic_pages(engine) for post in view.posts}
    edited = {post_id for post_id, truth in POSTS.items() if truth["post_edit_count"] and post_id in posts}
    assert edited == {EXPECTED["posts_by_role"]["opening"], EXPECTED["posts_by_role"]["plain"]}
    for post_id, post in posts.items():
        if post_id not in edited:
            assert post.edit_notice is None
            continue
        truth = POSTS[post_id]
        match = next(filter(None, (pattern.search(post.edit_notice) for pattern in engine.wording.edit_notices)))
        assert match["author"] == truth["edited_by"]
        moment, precision = engine.wording.parse_time(match["time"], None, datetime.now(UTC), "UTC")
        assert precision == "minute" and 0 <= truth["post_edit_time"] - moment.timestamp() < 60
        if truth["post_edit_reason"]:
            assert post.edit_notice.endswith(f"Reason: {truth['post_edit_reason']}")


def test_signatures_stay_out_of_the_body(engine):
    for _, view in topic_pages(engine):
        for post in view.posts:
            if post.author == "bob":
                assert clean_post_html(post.signature_html, fetched_at=datetime.now(UTC)).body == \
                    "Bob's signature: keep it short."
                assert "signature" not in post.body_html
            else:
                assert post.signature_html is None


def test_a_bot_reads_the_same_posts_without_session_ids(engine):
    guest = engine.thread_page(response(f"viewtopic-t{LONG}-guest.html"))
    bot = engine.thread_page(response(f"viewtopic-t{LONG}-bot.html"))
    assert [(p.post_id, p.author, p.time_title) for p in bot.posts] == \
        [(p.post_id, p.author, p.time_title) for p in guest.posts]
    assert "sid=" in (LIVE / f"viewtopic-t{LONG}-guest.html").read_text("utf-8")
    assert "sid=" not in (LIVE / f"viewtopic-t{LONG}-bot.html").read_text("utf-8")
    forum = engine.forum_page(response("viewforum-f2-bot.html"))
    assert [row.thread_id for row in forum.threads] == \
        [row.thread_id for row in engine.forum_page(response("viewforum-f2-guest.html")).threads]


def test_a_post_link_reads_as_the_page_that_holds_the_post(engine):
    last = EXPECTED["posts_by_role"]["last"]
    assert engine.classify(f"{BASE}viewtopic.php?p={last}#p{last}") == PageRef("post", post_id=last)
    view = engine.thread_page(response(f"viewtopic-p{last}-guest.html"))
    assert last in [post.post_id for post in view.posts]
    assert view.ref == PageRef("thread", 2, LONG, view.page_count)


@pytest.mark.parametrize("name, kind", [("viewtopic-t9999-guest.html", "thread"),
                                        ("viewforum-f99-guest.html", "forum")])
def test_missing_topic_and_forum_are_messages(engine, name, kind):
    view = engine.thread_page(response(name)) if kind == "thread" else engine.forum_page(response(name))
    assert view.message in ("The requested topic does not exist.", "The forum you selected does not exist.")
    assert view.message_kind == "deleted"
    assert (view.posts if kind == "thread" else view.threads) == []
