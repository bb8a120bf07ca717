"""A phpBB board running phpBB SEO's "Ultimate SEO URL" extension, read by its rewritten links:
phpBB 3.3.10 with ``phpbbseo/usu`` installed, set up in its ACP and captured by the harness of
``tests/real_phpbb`` (``--seo MODE``) in three of its settings (``tests/fixtures/phpbb-33-seo/``:
``simple`` ``forumN.html``/``topicN-K.html``, ``advanced`` ``title-fN.html``/``title-tN-K.html``,
``vfolder`` ``title-fN/title-tM.html``, ``remids`` forums linked by title alone,
``your-first-forum-3.html``), checked against the board's tables at capture time.
Every topic of the forum is found on its list pages, which link each other; every visible post
on the topic pages, which link each other, with its stored text and its quotes' authors; a
``postN.html`` link names post N and its answer holds it. The pages are read as the links led to them (``seo-*.html``) and as phpBB's own URLs
answer (the crawl asks those; the extension rewrites their links too)."""

from __future__ import annotations

import json
import math
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse

from pipeline.clean import clean_post_html
from scraper import markup
from scraper.engines import detect
from scraper.engines.base import PageRef
from scraper.engines.phpbb import ENGINE, seo
from tests.real_phpbb.forum_truth import IMAGE, plain_text

FIXTURES = Path(__file__).parent / "fixtures" / "phpbb-33-seo"
MODES = ["simple", "advanced", "vfolder", "remids", "remids-vfolder"]
BASE = "http://127.0.0.1:8080/"


class SeoBoard:
    def __init__(self, mode: str) -> None:
        self.dir = FIXTURES / mode
        self.expected = json.loads((self.dir / "expected.json").read_text("utf-8"))
        self.entries = [entry for entry in json.loads((self.dir / "pages.json").read_text("utf-8"))["files"]
                        if entry["mode"] == "guest" and entry["status"] == 200]
        self.forum = next(forum["forum_id"] for forum in self.expected["forums"] if forum["forum_type"] == 1)
        self.per_page = {"forum": int(self.expected["config"]["topics_per_page"]),
                         "thread": int(self.expected["config"]["posts_per_page"])}

    def response(self, entry: dict) -> HtmlResponse:
        return HtmlResponse(url=BASE + entry["url"], body=(self.dir / entry["file"]).read_bytes())

    def pages(self, kind: str, rewritten: bool) -> list[tuple]:
        """The captured pages of ``kind`` (``forum``, ``thread``, ``post``), by the URL asked:
        a rewritten link's or phpBB's own."""
        found = []
        for entry in self.entries:
            ref = self.ref(BASE + entry["url"])
            if ref is not None and ref.kind == kind and (".php" not in entry["url"]) == rewritten:
                found.append((ref, entry))
        return found

    def ref(self, url: str) -> PageRef | None:
        """The page a URL names: the engine's reading, else (a forum linked without an id, which
        reads as nothing or, a folder, as the index) ``forum_list``'s."""
        ref = ENGINE.classify(url)
        return self.forum_list(url) or ref if ref is None or ref.kind == "index" else ref

    def forum_list(self, url: str) -> PageRef | None:
        """A list page whose URL names no id ("remove ids"): the forum's link on the index (read
        with parsel) with an offset put in."""
        index = Selector(text=(self.dir / "index-guest.html").read_text("utf-8"))
        link = BASE + urlsplit(index.css("a.forumtitle::attr(href)").get()).path.lstrip("/")
        start = seo.offset_beside(url, link)
        return PageRef("forum", self.forum, start=start) if start is not None else None

    def where(self, url: str) -> tuple[str, int | None, int]:
        """What a link names: kind, forum or topic id, offset (the page number a link's offset
        is depends on the page size known for its site, which these links' own port has not learned)."""
        ref = self.ref(url)
        return ref.kind, ref.thread_id if ref.kind == "thread" else ref.forum_id, ref.start

    def visible(self, topic_id: int) -> list[int]:
        return [post["post_id"] for post in sorted(self.expected["posts"], key=lambda p: (p["post_time"], p["post_id"]))
                if post["topic_id"] == topic_id and post["post_visibility"] == 1]


@pytest.fixture(params=MODES)
def board(request) -> SeoBoard:
    return SeoBoard(request.param)


def test_the_pages_are_found_phpbb_from_the_page_alone_and_link_only_rewritten_topics(board):
    for entry in board.entries:
        engine = detect(markup.parse(board.response(entry).text))
        assert engine is not None and engine.name == "phpbb", entry["file"]
    for _, entry in board.pages("forum", rewritten=True):
        links = Selector(text=board.response(entry).text).css("a.topictitle::attr(href)").getall()
        assert links and not [link for link in links if ".php" in link], entry["file"]


@pytest.mark.parametrize("rewritten", [True, False], ids=["rewritten", "phpbb-urls"])
def test_forum_pages_list_every_topic_and_link_each_other(board, rewritten):
    pages = board.pages("forum", rewritten)
    topics = [topic["topic_id"] for topic in board.expected["topics"] if topic["forum_id"] == board.forum]
    count = math.ceil(len(topics) / board.per_page["forum"])
    assert sorted(ref.start for ref, _ in pages) == [n * board.per_page["forum"] for n in range(count)]
    listed = []
    for ref, entry in pages:
        view = ENGINE.forum_page(board.response(entry))
        listed += [row.thread_id for row in view.threads]
        number = ref.start // board.per_page["forum"] + 1
        assert (view.forum_id, view.page_count, view.pagination.current) == (board.forum, count, number)
        linked = {page: board.where(url) for page, url in view.pagination.page_urls.items()}
        assert linked == {page: ("forum", board.forum, (page - 1) * board.per_page["forum"])
                          for page in range(1, count + 1) if page != number}
        nxt = board.where(view.pagination.next_url) if view.pagination.next_url else None
        assert nxt == (linked[number + 1] if number < count else None)
        for row in view.threads:  # a guest's row links the topic's last post: postN.html
            assert ENGINE.classify(row.url).thread_id == row.thread_id
            assert row.last_post_id == board.visible(row.thread_id)[-1]
    assert sorted(listed) == sorted(topics)


@pytest.mark.parametrize("rewritten", [True, False], ids=["rewritten", "phpbb-urls"])
def test_topic_pages_hold_every_visible_post_and_link_each_other(board, rewritten):
    read: dict[int, list[int]] = {}
    for ref, entry in board.pages("thread", rewritten):
        view = ENGINE.thread_page(board.response(entry))
        posts = board.visible(ref.thread_id)
        count = math.ceil(len(posts) / board.per_page["thread"])
        number = ref.start // board.per_page["thread"] + 1
        assert (view.thread_id, view.forum_id, view.page, view.page_count) == (ref.thread_id, board.forum, number, count)
        assert {page: board.where(url) for page, url in view.pagination.page_urls.items()} == {
            page: ("thread", ref.thread_id, (page - 1) * board.per_page["thread"])
            for page in range(1, count + 1) if page != number}
        read.setdefault(ref.thread_id, []).extend(post.post_id for post in view.posts)
    topics = [topic["topic_id"] for topic in board.expected["topics"]]
    assert {topic: sorted(posts) for topic, posts in read.items()} == \
        {topic: sorted(board.visible(topic)) for topic in topics}


def test_a_post_link_names_its_post_and_its_answer_holds_it(board):
    posts = board.pages("post", rewritten=True)
    assert posts
    topic_of = {post["post_id"]: post["topic_id"] for post in board.expected["posts"]}
    for ref, entry in posts:
        assert entry["url"] == f"post{ref.post_id}.html"
        view = ENGINE.thread_page(board.response(entry))
        assert view.thread_id == topic_of[ref.post_id] and ref.post_id in [post.post_id for post in view.posts]


def test_every_post_read_by_rewritten_links_cleans_to_its_stored_text(board):
    posts = {post["post_id"]: post for post in board.expected["posts"]}
    quoted = {}
    for _, entry in board.pages("thread", rewritten=True):
        fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
        for post in ENGINE.thread_page(board.response(entry)).posts:
            cleaned = clean_post_html(post.body_html, fetched_at=fetched_at, tz="UTC", image_placeholder=IMAGE)
            assert " ".join(cleaned.body.split()) == plain_text(posts[post.post_id]["post_text"]), post.post_id
            quoted[post.post_id] = Selector(text=post.body_html).xpath("//blockquote/@data-quote-author").getall()
    roles = board.expected["posts_by_role"]
    assert (quoted[roles["quote"]], quoted[roles["nested"]]) == (["alice"], ["carol", "alice"])


def test_the_index_links_the_forum_under_its_category(board):
    view = ENGINE.index_page(board.response(next(e for e in board.entries if e["file"] == "index-guest.html")))
    category = next(forum for forum in board.expected["forums"] if forum["forum_type"] == 0)
    forum = next(forum for forum in board.expected["forums"] if forum["forum_type"] == 1)
    # "remove ids" links the category by its title alone: its name is read, its id is not
    category_id = None if board.dir.name.startswith("remids") else category["forum_id"]
    assert [(link.forum_id, link.name, link.category, link.parent_forum_id) for link in view.forums] == \
        [(forum["forum_id"], forum["forum_name"], category["forum_name"], category_id)]
