"""SMF read from the pages a real SMF 2.1.4, 2.0.19 and 1.1.13 served (tests/fixtures/smf-2.1,
smf-2.0, smf-1.1, and smf-1.1-latin1: 1.1.13 in ISO-8859-1; plain and queryless URL forms, our
User-Agent and a browser's, each a fresh guest), compared with their own tables
(``expected.json``): every message's id, floor, poster, time, body, quotes, signature and edit
line; every topic row; the boards a guest may read; the login form where a guest may not, and
what it says; every URL form; recognition."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from parsel import Selector

from pipeline.attachment_readers import attachment_taker, listed_attachments
from pipeline.clean import clean_signature_html
from scraper.engines.base import PageRef
from scraper.engines.site_facts import SiteFacts
from scraper.engines.smf import ENGINE
from tests.bbcode_truth import char_f1, plain
from tests.engine_pages import F1_FLOOR, FIXTURES, SITE, Captured, body_f1

class Release:
    """One captured SMF version: its pages, its tables and how its pages print times
    (``clock``: the header's ``<time datetime>`` states the offset, 2.1 only; ``precision``:
    of its ``time_format``, 2.1's default minutes, 2.0's seconds; ``msg_query``: it answers
    ``index.php?msg=K`` with the message's topic, 2.x only: 1.1 knows no ``msg`` parameter and
    answers the board index; ``last_link``: which topic rows' last-post cell links the last
    message by its id: 2.x every row's (a guest's ``topic=N.M#msgK``), 1.1 a topic's with
    replies (``topic=N.msgK#new``; without, ``topic=N.0#new``), 1.1's classic theme none)."""

    def __init__(self, folder: str, clock: bool, precision: str, msg_query: bool = True,
                 last_link: str = "every") -> None:
        self.folder, self.clock, self.precision, self.msg_query = folder, clock, precision, msg_query
        self.last_link = last_link
        self.captured = Captured(FIXTURES / folder)
        self.truth = self.captured.expected["truth"]
        self.messages = {m["id_msg"]: m for m in self.truth["messages"]}
        self.topics = {t["id_topic"]: t for t in self.truth["topics"]}
        # The boards a guest may read (-1 in member_groups; the 2.x captures have no others).
        self.boards = [b for b in self.truth["boards"] if "-1" in b.get("member_groups", "-1").split(",")]
        readable = {b["id_board"] for b in self.boards}
        self.readable_messages = sorted(m["id_msg"] for m in self.truth["messages"] if m["id_board"] in readable)
        self.signatures = {m["real_name"]: m["signature"] for m in self.truth["members"]}
        self.per_page = int(self.truth["settings"]["defaultMaxMessages"])
        self.per_list = int(self.truth["settings"]["defaultMaxTopics"])

    def shown(self, epoch: int) -> datetime:
        """A stored time as the pages print it (at their precision)."""
        return datetime.fromtimestamp(epoch if self.precision == "second" else epoch // 60 * 60, UTC)

    def last_linked(self, topic: dict) -> int | None:
        """The message id a topic row's last-post link names (see ``last_link``)."""
        linked = self.last_link == "every" or self.last_link == "replies" and topic["num_replies"] > 0
        return topic["id_last_msg"] if linked else None

    def topic_pages(self) -> list[dict]:
        return [e for e in self.captured.entries("topic-") if "-msg" not in e["file"]]

    def all_topic_views(self) -> list[dict]:
        entries = self.captured.entries
        by_msg = [e for e in entries("msg-") if self.msg_query or e["form"] != "plain"]
        return self.topic_pages() + by_msg + [e for e in entries("topic-") if "-msg" in e["file"]]


RELEASES = [Release("smf-2.1", clock=True, precision="minute"), Release("smf-2.0", clock=False, precision="second"),
            Release("smf-1.1", clock=False, precision="second", msg_query=False, last_link="replies"),
            Release("smf-1.1-latin1", clock=False, precision="second", msg_query=False, last_link="replies"),
            *(Release(f"smf-1.1-latin1/{theme}", clock=False, precision="second", msg_query=False, last_link=linked)
              for theme, linked in (("classic", "none"), ("babylon", "replies")))]
# default_timezone America/New_York in December (2.x), Etc/GMT+5 (1.1's installer, from PHP's zone)
FORUM_OFFSET = "UTC-05:00"


def cases(pages: Callable[[Release], list[dict]]) -> list:
    return [pytest.param(release, entry, id=f"{release.folder}/{entry['file']}")
            for release in RELEASES for entry in pages(release)]


@pytest.mark.parametrize("release", RELEASES, ids=lambda r: r.folder)
def test_every_message_is_on_exactly_one_page_of_each_form_and_mode(release):
    for form in {entry["form"] for entry in release.topic_pages()}:  # 1.1's themes: plain only
        for mode in ("robot", "browser"):
            seen = [post.post_id for entry in release.topic_pages()
                    if entry["form"] == form and entry["mode"] == mode
                    for post in ENGINE.thread_page(release.captured.response(entry)).posts]
            assert sorted(seen) == release.readable_messages


@pytest.mark.parametrize(("release", "entry"), cases(Release.all_topic_views))
def test_topic_page_messages_equal_the_tables(release, entry):
    view = ENGINE.thread_page(release.captured.response(entry))
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    assert view.page_timezone == (FORUM_OFFSET if release.clock else None)
    assert view.posts
    for post in view.posts:
        truth = release.messages[post.post_id]
        topic = release.topics[truth["id_topic"]]
        assert (view.thread_id, view.forum_id, view.title) == (
            truth["id_topic"], truth["id_board"], topic["subject"])
        assert (post.floor, post.author) == (truth["floor"], truth["poster_name"])
        posted, precision = ENGINE.wording.parse_time(post.time_text, post.time_title, fetched_at, FORUM_OFFSET)
        assert precision == release.precision
        assert posted == release.shown(truth["poster_time"]), post
        assert body_f1(post, truth["body"], fetched_at, ENGINE.wording, FORUM_OFFSET,
                       quote_seconds=release.precision == "second") >= F1_FLOOR
        signature = release.signatures.get(truth["poster_name"])
        if signature:
            assert char_f1(plain(signature), clean_signature_html(post.signature_html) or "") >= F1_FLOOR
        else:
            assert post.signature_html is None
        if truth["modified_time"]:
            found = next(p.search(post.edit_notice) for p in ENGINE.wording.edit_notices)
            assert found["author"] == truth["modified_name"]
            edited, _ = ENGINE.wording.parse_time(found["time"], None, fetched_at, FORUM_OFFSET)
            assert edited == release.shown(truth["modified_time"])
        else:
            assert post.edit_notice is None


@pytest.mark.parametrize(("release", "entry"), cases(Release.topic_pages))
def test_attachments_below_a_message_equal_the_tables(release, entry):
    """The list below the message: 2.1.4's ``div.attached``, 2.0.19's ``div.attachments`` and
    1.1.13's cell: the name's ``dlattach`` link, "(0.98 kB - downloaded 0 times.)"."""
    view = ENGINE.thread_page(release.captured.response(entry))
    taker = attachment_taker("smf", ENGINE.wording)
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    for post in view.posts:
        read = listed_attachments(taker, post.attachments_html, fetched_at, FORUM_OFFSET)
        stored = [a for a in release.truth.get("attachments", []) if a["id_msg"] == post.post_id]
        assert [(a.name, a.downloads, a.url.split(";attach=")[-1], a.size is not None) for a in read] == [
            (a["filename"], a["downloads"], str(a["id_attach"]), True) for a in stored]


@pytest.mark.parametrize(("release", "entry"), cases(Release.topic_pages))
def test_topic_page_number_and_count(release, entry):
    view = ENGINE.thread_page(release.captured.response(entry))
    ref = ENGINE.classify(SITE + entry["url"])
    assert view.page == ref.start // release.per_page + 1
    assert view.page_count == -(-(release.topics[ref.thread_id]["num_replies"] + 1) // release.per_page)
    assert view.message is None


def _read(release: Release, entry: dict):
    response = release.captured.response(entry)
    return ENGINE.forum_page(response) if "-board-" in entry["file"] else ENGINE.thread_page(response)


@pytest.mark.parametrize(("release", "entry"), cases(
    lambda r: r.captured.entries("missing-") + r.captured.entries("gone-") + r.captured.entries("refused-")))
def test_a_missing_removed_or_closed_topic_or_board_is_missing_or_closed(release, entry):
    """The login form under ``topic_gone``, HTTP 200, for topic 999 (never made), 1.1's topic F
    (removed by the admin: ``gone-``) and its board 3 (members only) and topic E in it
    (``refused-``): a guest cannot tell the three apart. A member (1.1's mode ``member``) gets
    the fatal error ``topic_gone`` for the first two."""
    view = _read(release, entry)
    assert entry["status"] == 200
    assert view.message_kind == "missing_or_closed"
    assert "missing or off limits" in view.message
    assert not (view.threads if "-board-" in entry["file"] else view.posts)


# A later run's pages of 2.x, kept beside the captures (tests/real_smf/excerpt.py): topic 999 and
# the removed topic F as a guest and as alice; with the HTTP status a member's fatal error had.
REMOVED = {Captured(FIXTURES / "smf-2.1/removed"): 403, Captured(FIXTURES / "smf-2.0/removed"): 200}


@pytest.mark.parametrize(("captured", "entry"), [pytest.param(c, e, id=f"{c.directory.parent.name}/{e['file']}")
                                                 for c in REMOVED for e in c.entries()])
def test_a_removed_or_missing_topic_on_2_x_is_missing_or_closed(captured, entry):
    """A guest gets the login form (HTTP 200), a member the fatal error ``topic_gone`` (2.1.4:
    HTTP 403, 2.0.19: 200): both say "missing or off limits", for a topic removed by the admin
    as for one never made."""
    view = ENGINE.thread_page(captured.response(entry))
    assert entry["status"] == (REMOVED[captured] if entry["mode"] == "member" else 200)
    assert (view.posts, view.message_kind) == ([], "missing_or_closed")
    assert "missing or off limits" in view.message
    assert bool(Selector(text=captured.text(entry)).css("#fatal_error")) == (entry["mode"] == "member")


@pytest.mark.parametrize(("release", "entry"), cases(lambda r: r.captured.entries("fatal-")))
def test_a_fatal_error_is_a_message(release, entry):
    """1.1.13's ``template_fatal_error`` (a guest asking for an attachment id no message has:
    "You are not allowed to access this section", HTTP 200), read as the page's message."""
    view = ENGINE.thread_page(release.captured.response(entry))
    assert (view.posts, view.message_kind) == ([], "message")
    assert view.message == "You are not allowed to access this section"


@pytest.mark.parametrize(("release", "entry"), cases(lambda r: r.captured.entries("guests-off-")))
def test_a_forum_closed_to_guests_asks_for_a_login(release, entry):
    """1.1.13 with "Allow guests to browse the forum" off: the login form with
    "Only registered members are allowed to access this section.", for a topic that exists."""
    view = _read(release, entry)
    assert view.message_kind == "login_required"
    assert view.message.startswith("Only registered members are allowed to access this section.")
    assert not (view.threads if "-board-" in entry["file"] else view.posts)


@pytest.mark.parametrize(("release", "entry"), cases(lambda r: r.captured.entries("board-")))
def test_a_topic_list_teaches_messages_a_page_by_its_rows_page_links(release, entry):
    """A recrawl reads a board before any of its topics: the rows' own page links (2.1
    ``span.topic_pages``, 2.0 and 1.1 ``small#pagesN``, 1.1 classic ``span.smalltext``) give the forum's ``defaultMaxMessages``,
    so a topic resumed at a later page is asked at the forum's offset."""
    facts = SiteFacts()
    view = ENGINE.forum_page(release.captured.response(entry), facts)
    paged = [row for row in view.threads if release.topics[row.thread_id]["num_replies"] >= release.per_page]
    assert {size for (_, kind), size in facts.sizes.items() if kind == "thread"} == (
        {release.per_page} if paged else set())


@pytest.mark.parametrize(("release", "entry"), cases(lambda r: r.captured.entries("board-")))
def test_topic_list_rows_equal_the_tables(release, entry):
    view = ENGINE.forum_page(release.captured.response(entry))
    ref = ENGINE.classify(SITE + entry["url"])
    board = next(b for b in release.boards if b["id_board"] == ref.forum_id)
    page = ref.start // release.per_list + 1
    assert (view.forum_id, view.name, view.pagination.current) == (board["id_board"], board["name"], page)
    assert view.page_count == max(1, -(-board["num_topics"] // release.per_list))
    in_board = sorted((t for t in release.truth["topics"] if t["id_board"] == board["id_board"]),
                      key=lambda t: (-t["is_sticky"], -t["id_last_msg"]))
    expected = in_board[(page - 1) * release.per_list: page * release.per_list]
    assert [row.thread_id for row in view.threads] == [t["id_topic"] for t in expected]
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    for row, topic in zip(view.threads, expected, strict=True):
        assert (row.title, row.author, row.replies, row.views, row.last_poster, row.sticky, row.last_post_id) == (
            topic["subject"], topic["starter"], topic["num_replies"], topic["num_views"],
            topic["last_poster"], bool(topic["is_sticky"]), release.last_linked(topic))
        last, _ = ENGINE.wording.parse_time(row.last_post_text, row.last_post_attr, fetched_at, FORUM_OFFSET)
        assert last == release.shown(topic["last_post_time"])
    children = [(b["id_board"], b["name"]) for b in release.boards if b["id_parent"] == board["id_board"]]
    assert [(s.forum_id, s.name) for s in view.subforums] == (children if page == 1 else [])


@pytest.mark.parametrize(("release", "entry"), cases(lambda r: r.captured.entries("index-")))
def test_index_lists_every_board_with_its_category_and_parent(release, entry):
    view = ENGINE.index_page(release.captured.response(entry))
    assert [(f.forum_id, f.name, f.category, f.parent_forum_id or 0) for f in view.forums] == [
        (b["id_board"], b["name"], b["category"], b["id_parent"]) for b in release.boards]
    assert view.site_name == "Harvest SMF"


@pytest.mark.parametrize(("release", "entry"), cases(
    lambda r: [] if r.msg_query else [e for e in r.captured.entries("msg-") if e["form"] == "plain"]))
def test_a_message_link_smf_1_1_does_not_know_is_its_board_index(release, entry):
    view = ENGINE.index_page(release.captured.response(entry))
    assert [f.forum_id for f in view.forums] == [b["id_board"] for b in release.boards]


@pytest.mark.parametrize(("url", "ref"), [
    ("index.php?topic=7.0", PageRef("thread", thread_id=7, start=0)),
    ("index.php?topic=7.30", PageRef("thread", thread_id=7, page=3, start=30)),
    ("index.php?PHPSESSID=abc123&topic=7.30", PageRef("thread", thread_id=7, page=3, start=30)),
    ("index.php?topic=7", PageRef("thread", thread_id=7, start=0)),
    ("index.php/topic,7.30.html", PageRef("thread", thread_id=7, page=3, start=30)),
    ("index.php/topic,7.30.html?PHPSESSID=abc123", PageRef("thread", thread_id=7, page=3, start=30)),
    ("index.php?topic=7.msg42#msg42", PageRef("post", thread_id=7, post_id=42)),
    ("index.php/topic,7.msg42.html#msg42", PageRef("post", thread_id=7, post_id=42)),
    ("index.php?topic=7.new#new", PageRef("post", thread_id=7)),
    ("index.php?msg=42", PageRef("post", post_id=42)),
    ("index.php?board=2.0", PageRef("forum", forum_id=2, start=0)),
    ("index.php?board=2.40", PageRef("forum", forum_id=2, page=3, start=40)),
    ("index.php/board,2.40.html", PageRef("forum", forum_id=2, page=3, start=40)),
    ("index.php", PageRef("index")),
    ("index.php?action=forum", PageRef("index")),
    ("", PageRef("index")),
])
def test_every_url_form_names_its_page(url, ref):
    assert ENGINE.classify("https://forum.example.org/smf/" + url) == ref


@pytest.mark.parametrize("url", [
    "index.php?topic=7.0;prev_next=prev", "index.php/topic,7.0/prev_next,next.html",
    "index.php?topic=7.0;all", "index.php?action=printpage;topic=7.0",
    "index.php?action=profile;u=2", "index.php?board=2.0;sort=views", "SSI.php?ssi_function=recent"])
def test_other_urls_are_not_pages(url):
    assert ENGINE.classify("https://forum.example.org/smf/" + url) is None


def test_canonical_urls_drop_the_session_and_the_queryless_form():
    root = "https://forum.example.org/smf/"
    assert ENGINE.canonicalize(root + "index.php/topic,7.30.html?PHPSESSID=x") == root + "index.php?topic=7.30"
    assert ENGINE.canonicalize(root + "index.php?PHPSESSID=x&board=2.0") == root + "index.php?board=2.0"
    assert ENGINE.canonicalize(root + "index.php?msg=42") == root + "index.php?msg=42"
    assert ENGINE.canonicalize(root + "index.php/topic,7.msg42.html#msg42") == root + "index.php?topic=7.msg42"
    assert ENGINE.canonicalize(root + "index.php?PHPSESSID=x&action=profile;u=2") == \
        root + "index.php?action=profile;u=2"
    assert ENGINE.page_url(root + "index.php", "thread", 7, 3) == root + "index.php?topic=7.30"
    assert ENGINE.site_root(root + "index.php/topic,7.0.html") == root


@pytest.mark.parametrize("release", RELEASES, ids=lambda r: r.folder)
def test_every_captured_url_classifies_as_what_was_captured(release):
    kinds = {"index": "index", "board": "forum", "topic": "thread", "msg": "post", "missing": "thread", "fatal": None}
    for entry in release.captured.files():
        ref = ENGINE.classify(SITE + entry["url"])
        named = re.sub(r"^(refused|gone|guests-off)-", "", entry["file"])  # refused-board-3, gone-topic-7…
        kind = "post" if "-msg" in entry["file"] else kinds[named.split("-")[0]]
        assert (ref.kind if ref else None) == kind, entry
        if entry["status"] == 302:  # index.php?msg=K answers with the message's topic page
            target = ENGINE.classify(entry["location"])
            assert (target.kind, target.post_id) == ("post", ref.post_id)


@pytest.mark.parametrize("release", RELEASES, ids=lambda r: r.folder)
def test_recognizes_every_smf_page_and_no_other_engine_page(release):
    for entry in release.captured.entries():
        assert ENGINE.recognizes(Selector(text=release.captured.text(entry)))
    others = [path for path in release.captured.others()
              if not any(folder.name.startswith("smf-") for folder in path.parents)]
    assert others
    for path in others:
        assert not ENGINE.recognizes(Selector(text=path.read_bytes().decode("utf-8", "replace"))), path


NOW = datetime(2026, 12, 6, 21, 5, tzinfo=UTC)


@pytest.mark.parametrize(("text", "attr", "expected", "precision"), [
    ("Nov 30, 2026, 05:24 AM", None, datetime(2026, 11, 30, 10, 24, tzinfo=UTC), "minute"),
    ("Today at 04:00 PM", None, datetime(2026, 12, 6, 21, 0, tzinfo=UTC), "minute"),
    ("Yesterday at 11:59 PM", None, datetime(2026, 12, 6, 4, 59, tzinfo=UTC), "minute"),
    ("December 06, 2026, 04:01:07 PM", None, datetime(2026, 12, 6, 21, 1, 7, tzinfo=UTC), "second"),
    ("06 Dec 2026, 16:01", None, datetime(2026, 12, 6, 21, 1, tzinfo=UTC), "minute"),
    ("2026-12-06, 16:01", None, datetime(2026, 12, 6, 21, 1, tzinfo=UTC), "minute"),
    ("Dec 06, 2026, 04:01 PM", "2026-12-06T21:01:00Z", datetime(2026, 12, 6, 21, 1, tzinfo=UTC), "second"),
    ("sometime", None, None, None),
])
def test_parse_time_reads_every_form_smf_prints(text, attr, expected, precision):
    assert ENGINE.wording.parse_time(text, attr, NOW, "UTC-05:00") == (expected, precision)
