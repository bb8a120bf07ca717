"""The phpBB engine's readers on pages of real boards, each captured by the harness of
``tests/real_phpbb`` and checked against the board's own tables at capture time
(``expected.json``): every visible post once, by id, with its topic, author, time, edit
notice, signature, quotes and text; every topic row with its counts.

Boards: phpBB 3.3.10 with prosilver (``phpbb-33-live``), 3.2.11, 3.2.2 and 3.1.8 with
prosilver (``phpbb-3211-prosilver``, ``phpbb-322-prosilver``, ``phpbb-318-prosilver``), 3.0.14
with prosilver and with subsilver2 (``phpbb-30-prosilver``, ``phpbb-30-subsilver2``), 2.0.23
with subSilver; see their README for how the older ones ran on PHP 8.2. The same seed on each:
3 posts and 3 topics a page."""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse

from pipeline.clean import clean_post_html
from scraper.engines.base import PageRef
from scraper.engines.phpbb import ENGINE
from scraper.engines.site_facts import SiteFacts
from tests.real_phpbb.forum_truth import IMAGE, plain_text

FIXTURES = Path(__file__).parent / "fixtures"
BOARDS = ["phpbb-33-live", "phpbb-3211-prosilver", "phpbb-322-prosilver", "phpbb-318-prosilver",
          "phpbb-30-prosilver", "phpbb-30-subsilver2", "phpbb-20-subsilver"]
BASE = "http://127.0.0.1:8080/"


class Board:
    """One captured board: its pages, its tables, the engine to read them and what reading them
    taught (``facts``, as a crawl's)."""

    def __init__(self, name: str) -> None:
        self.dir = FIXTURES / name
        self.expected = json.loads((self.dir / "expected.json").read_text("utf-8"))
        self.pages = {entry["file"]: entry for entry in
                      json.loads((self.dir / "pages.json").read_text("utf-8"))["files"]}
        self.posts = {post["post_id"]: post for post in self.expected["posts"]}
        self.topics = {topic["topic_id"]: topic for topic in self.expected["topics"]}
        self.roles = self.expected["posts_by_role"]
        self.long = self.expected["topics_by_role"]["long"]
        self.per_page = int(self.expected["config"]["posts_per_page"])
        self.version = tuple(int(part) for part in self.expected["version"].split(".")[:3])
        self.machine_times = self.version >= (3, 2, 9)  # <time datetime> in the post's author line
        forum = next(forum for forum in self.expected["forums"] if forum["forum_type"] == 1)
        self.forum, self.forum_name = forum["forum_id"], forum["forum_name"]
        self.version_2 = self.version < (3,)
        self.engine = ENGINE
        self.facts = SiteFacts()

    def response(self, name: str) -> HtmlResponse:
        """As the crawl gets it: bytes, decoded by the page's own charset (2.0: iso-8859-1)."""
        return HtmlResponse(url=BASE + self.pages[name]["url"], body=(self.dir / name).read_bytes())

    def fetched_at(self, name: str) -> datetime:
        return datetime.fromisoformat(self.pages[name]["fetched_at_utc"])

    def visible(self, topic_id: int) -> list[dict]:
        return sorted((post for post in self.expected["posts"] if post["topic_id"] == topic_id
                       and post["post_visibility"] == 1), key=lambda post: (post["post_time"], post["post_id"]))

    def thread(self, name: str):
        return self.engine.thread_page(self.response(name), self.facts)

    @cached_property
    def long_pages(self) -> list:
        names = [f"viewtopic-t{self.long}-guest.html", f"viewtopic-t{self.long}-start3-guest.html",
                 f"viewtopic-t{self.long}-start6-guest.html"]
        return [(name, self.thread(name)) for name in names]

    @cached_property
    def long_posts(self) -> dict:
        return {post.post_id: post for _, view in self.long_pages for post in view.posts}

    def seconds(self, post, name: str) -> float:
        """The post's time as the page gives it: the machine form (3.2+), else the text."""
        moment, _ = self.engine.wording.parse_time(post.time_text, post.time_title, self.fetched_at(name), "UTC")
        return moment.timestamp()


@pytest.fixture(params=BOARDS)
def board(request) -> Board:
    return Board(request.param)


def test_every_page_is_recognised_as_phpbb(board):
    for name in board.pages:
        assert board.engine.recognizes(Selector(text=board.response(name).text)), name


def test_discuz_pages_are_not_phpbb():
    engine = ENGINE
    for page in sorted((FIXTURES / "discuz-x35-live").glob("*.html"))[:6]:
        assert not engine.recognizes(Selector(text=page.read_text("utf-8", "replace"))), page.name


def test_index_lists_the_forum_under_its_category(board):
    index = board.engine.index_page(board.response("index-guest.html"), board.facts)
    forums = [forum for forum in board.expected["forums"] if forum["forum_type"] == 1]
    category = next(forum for forum in board.expected["forums"] if forum["forum_type"] == 0)
    assert [(link.forum_id, link.name) for link in index.forums] == [(f["forum_id"], f["forum_name"]) for f in forums]
    assert {(link.category, link.parent_forum_id) for link in index.forums} == {(category["forum_name"], category["forum_id"])}
    assert index.site_name == board.expected["config"]["sitename"]
    assert index.site_root == BASE and index.message is None
    assert "sid=" not in index.forums[0].url


def test_forum_pages_list_every_topic_once_with_its_counts(board):
    rows, views = [], []
    for name in (f"viewforum-f{board.forum}-guest.html", f"viewforum-f{board.forum}-start3-guest.html"):
        views.append(board.engine.forum_page(board.response(name), board.facts))
        rows += views[-1].threads
    topics = [topic for topic in board.expected["topics"] if topic["forum_id"] == board.forum]
    assert sorted(row.thread_id for row in rows) == sorted(topic["topic_id"] for topic in topics)
    for row in rows:
        topic = board.topics[row.thread_id]
        assert (row.title, row.author, row.last_poster) == (
            topic["topic_title"], topic["topic_first_poster_name"], topic["topic_last_poster_name"])
        assert (row.replies, row.sticky) == (topic["topic_posts_approved"] - 1, topic["topic_type"] == 1)
        moment, _ = board.engine.wording.parse_time(row.last_post_text, row.last_post_attr, datetime.now(UTC), "UTC")
        assert 0 <= topic["topic_last_post_time"] - moment.timestamp() < (1 if row.last_post_attr else 60)
        assert row.url == f"{BASE}viewtopic.php?t={row.thread_id}"
        assert row.last_post_id == board.visible(row.thread_id)[-1]["post_id"]
    topics_per_page = int(board.expected["config"]["topics_per_page"])
    assert [view.page_count for view in views] == [math.ceil(len(topics) / topics_per_page)] * 2
    assert [view.pagination.current for view in views] == [1, 2]
    assert (views[0].forum_id, views[0].name) == (board.forum, board.forum_name)
    assert views[0].topics == (None if board.version_2 else len(topics))  # 2.0's pager says no total
    assert views[0].pagination.next_url == f"{BASE}viewforum.php?f={board.forum}&start={topics_per_page}"
    assert views[1].pagination.next_url is None
    assert views[1].ref == PageRef("forum", board.forum, page=2, start=topics_per_page)
    assert board.facts.size(BASE, "forum") == topics_per_page


def test_topic_pages_hold_every_visible_post_once_in_order(board):
    read = [(name, post) for name, view in board.long_pages for post in view.posts]
    expected = board.visible(board.long)
    assert [post.post_id for _, post in read] == [post["post_id"] for post in expected]
    assert [post.floor for _, post in read] == list(range(1, len(expected) + 1))
    assert board.roles["deleted"] not in {post.post_id for _, post in read}
    for name, post in read:
        truth = board.posts[post.post_id]
        assert post.author == truth["author"]
        assert 0 <= truth["post_time"] - board.seconds(post, name) < (1 if board.machine_times else 60)
        assert (post.time_title is not None) == board.machine_times
        assert not post.unreadable and not post.author_banned


def test_topic_page_facts(board):
    pages = math.ceil(len(board.visible(board.long)) / board.per_page)
    for number, (_, view) in enumerate(board.long_pages, start=1):
        assert (view.thread_id, view.forum_id, view.title) == (board.long, board.forum, board.topics[board.long]["topic_title"])
        assert (view.page, view.page_count, view.page_size) == (number, pages, board.per_page)
        assert view.replies == (None if board.version_2 else board.topics[board.long]["topic_posts_approved"] - 1)
        assert view.ref == PageRef("thread", board.forum, board.long, number, start=(number - 1) * board.per_page)
        assert view.message is None
        assert view.pagination.next_url == (f"{BASE}viewtopic.php?t={board.long}&start={number * board.per_page}"
                                            if number < pages else None)
    assert board.long_pages[0][1].pagination.page_urls == {
        2: f"{BASE}viewtopic.php?t={board.long}&start=3", 3: f"{BASE}viewtopic.php?t={board.long}&start=6"}


def test_bodies_clean_to_the_stored_text(board):
    others = [(name, board.thread(name)) for name in board.pages
              if name.startswith("viewtopic-t") and name.endswith("-guest.html") and f"-t{board.long}" not in name]
    for name, view in board.long_pages + others:
        for post in view.posts:
            cleaned = clean_post_html(post.body_html, fetched_at=board.fetched_at(name), tz="UTC",
                                      image_placeholder=IMAGE)
            assert " ".join(cleaned.body.split()) == plain_text(board.posts[post.post_id]["post_text"]), post.post_id
            assert "Select all" not in cleaned.body and "wrote:" not in post.body_html


def test_quotes_name_their_author(board):
    quote = Selector(text=board.long_posts[board.roles["quote"]].body_html)
    assert quote.xpath("//blockquote/@data-quote-author").getall() == ["alice"]
    assert not quote.xpath("//cite") and not quote.xpath("//div[@class='quotetitle']")
    if board.version >= (3, 2):  # 3.2+ prints the quoted post's time in the cite
        shown = quote.xpath("//blockquote/@data-quote-time").get()
        moment, _ = board.engine.wording.parse_time(shown, None, datetime.now(UTC), "UTC")
        assert 0 <= board.posts[board.roles["opening"]]["post_time"] - moment.timestamp() < 60
    nested = Selector(text=board.long_posts[board.roles["nested"]].body_html)
    assert nested.xpath("//blockquote/@data-quote-author").getall() == ["carol", "alice"]


def test_edit_notices_give_editor_time_and_reason(board):
    posts = board.long_posts
    edited = {post_id for post_id, truth in board.posts.items() if truth["post_edit_count"] and post_id in posts}
    assert edited == {board.roles["opening"], board.roles["plain"]}
    for post_id, post in posts.items():
        if post_id not in edited:
            assert post.edit_notice is None
            continue
        truth = board.posts[post_id]
        match = next(filter(None, (pattern.search(post.edit_notice) for pattern in board.engine.wording.edit_notices)))
        assert match["author"] == truth["edited_by"]
        moment, precision = board.engine.wording.parse_time(match["time"], None, datetime.now(UTC), "UTC")
        assert precision == "minute" and 0 <= truth["post_edit_time"] - moment.timestamp() < 60
        if truth["post_edit_reason"]:
            assert post.edit_notice.endswith(f"Reason: {truth['post_edit_reason']}")


def test_signatures_stay_out_of_the_body(board):
    for post in board.long_posts.values():
        if post.author == "bob":
            assert clean_post_html(post.signature_html, fetched_at=datetime.now(UTC)).body == \
                "Bob's signature: keep it short."
            assert "signature" not in post.body_html and "_____" not in post.body_html
        else:
            assert post.signature_html is None


def test_a_bot_reads_the_same_posts(board):
    guest = board.thread(f"viewtopic-t{board.long}-guest.html")
    bot = board.thread(f"viewtopic-t{board.long}-bot.html")
    assert [(p.post_id, p.author, p.time_text) for p in bot.posts] == [(p.post_id, p.author, p.time_text) for p in guest.posts]
    assert (bot.thread_id, bot.forum_id, bot.page_count) == (guest.thread_id, guest.forum_id, guest.page_count)
    assert b"sid=" in (board.dir / f"viewtopic-t{board.long}-guest.html").read_bytes()
    # 3.x knows search engines' bots and gives them no session id (3.1's and 3.2.2's prosilver
    # still show the bot its Logout link, which names it); 2.0 knows no bots
    bot_page = (board.dir / f"viewtopic-t{board.long}-bot.html").read_text("utf-8", "replace")
    assert bool(re.search(r"sid=(?!\w+\" title=\"Logout\")", bot_page)) == board.version_2
    forum = board.engine.forum_page(board.response(f"viewforum-f{board.forum}-bot.html"), board.facts)
    assert [row.thread_id for row in forum.threads] == \
        [row.thread_id for row in board.engine.forum_page(board.response(f"viewforum-f{board.forum}-guest.html"), board.facts).threads]


def test_a_post_link_reads_as_the_page_that_holds_the_post(board):
    last = board.roles["last"]
    assert board.engine.classify(f"{BASE}viewtopic.php?p={last}#p{last}") == PageRef("post", post_id=last)
    view = board.thread(f"viewtopic-p{last}-guest.html")
    assert last in [post.post_id for post in view.posts]
    assert view.ref == PageRef("thread", board.forum, board.long, view.page_count,
                               start=(view.page_count - 1) * board.per_page)


@pytest.mark.parametrize("name, kind", [("viewtopic-t9999-guest.html", "thread"), ("viewforum-f99-guest.html", "forum")])
def test_missing_topic_and_forum_are_messages(board, name, kind):
    view = board.thread(name) if kind == "thread" else board.engine.forum_page(board.response(name), board.facts)
    assert view.message in ("The requested topic does not exist.", "The forum you selected does not exist.",
                            "The topic or post you requested does not exist")  # 2.0
    assert view.message_kind == "deleted"
    assert (view.posts if kind == "thread" else view.threads) == []


LIVE = ["phpbb-33-live", "phpbb-3211-prosilver", "phpbb-322-prosilver", "phpbb-318-prosilver"]  # by the harness


@pytest.mark.parametrize("board", LIVE, indirect=True)
def test_relative_times_read_against_the_fetch_time(board):
    """The board's relative date format: "less than a minute ago" beside the machine time."""
    name = f"viewtopic-t{board.long}-start6-relative-guest.html"
    view = board.thread(name)
    assert view.posts and all("ago" in post.time_text for post in view.posts)
    for post in view.posts:
        moment, precision = board.engine.wording.parse_time(post.time_text, None, board.fetched_at(name), "UTC")
        assert precision == "minute" and abs(board.posts[post.post_id]["post_time"] - moment.timestamp()) < 120
    rows = board.engine.forum_page(board.response(f"viewforum-f{board.forum}-relative-guest.html"), board.facts).threads
    assert rows and all("ago" in row.last_post_text for row in rows if row.thread_id != 1)


@pytest.mark.parametrize("board", ["phpbb-3211-prosilver", "phpbb-322-prosilver", "phpbb-318-prosilver"], indirect=True)
def test_a_board_in_another_zone_names_it_and_shows_its_times_in_it(board):
    """The board's zone set to Europe/Berlin: the footer names it (3.1 in an ``abbr``, 3.2 in a
    ``span``) and the posts' times, shown in it, read back to the stored instants."""
    name = f"viewtopic-t{board.long}-zone-guest.html"
    view = board.thread(name)
    assert view.page_timezone == "Europe/Berlin"
    assert [post.post_id for post in view.posts] == [post["post_id"] for post in board.visible(board.long)][:3]
    for post in view.posts:
        moment, _ = board.engine.wording.parse_time(post.time_text, post.time_title, board.fetched_at(name),
                                                    view.page_timezone)
        assert 0 <= board.posts[post.post_id]["post_time"] - moment.timestamp() < (1 if board.machine_times else 60)


@pytest.mark.parametrize("board", LIVE, indirect=True)
def test_a_forum_closed_to_guests_is_a_login_page(board):
    """After the Guests group lost the forum's permissions: a login box (HTTP 200) instead of
    the forum and its topics, named as such, never an empty page."""
    for name, kind in ((f"viewforum-f{board.forum}-closed-guest.html", "forum"),
                       (f"viewtopic-t{board.long}-closed-guest.html", "thread")):
        view = board.thread(name) if kind == "thread" else board.engine.forum_page(board.response(name), board.facts)
        assert view.message == "The board requires you to be registered and logged in to view this forum."
        assert view.message_kind == "login_required"
        assert (view.posts if kind == "thread" else view.threads) == []
