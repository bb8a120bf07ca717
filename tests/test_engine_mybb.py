"""MyBB 1.8 read from the pages a real MyBB 1.8.37 served (tests/fixtures/mybb-1.8: plain and
SEO URL forms, our User-Agent and a browser's), compared with its own tables
(``expected.json``): every post's id, floor, author, time, body, quotes, signature and edit
line; every thread row; the forums; every URL form; recognition."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from parsel import Selector

from pipeline.clean import clean_signature_html
from scraper.engines.base import PageRef
from scraper.engines.mybb import ENGINE
from tests.bbcode_truth import char_f1, plain
from tests.engine_pages import F1_FLOOR, FIXTURES, SITE, Captured, body_f1

HERE = FIXTURES / "mybb-1.8"
CAPTURED = Captured(HERE)
TRUTH = CAPTURED.expected["truth"]
PAGES = CAPTURED.entries()
THREADS = {thread["tid"]: thread for thread in TRUTH["threads"]}
BOARD_OFFSET = "UTC+01:00"  # timezoneoffset 1: what page_timezone must find
response, entries = CAPTURED.response, CAPTURED.entries


THREAD_PAGES = [e for e in entries("thread-") if "-post-" not in e["file"]]
ALL_THREAD_VIEWS = THREAD_PAGES + entries("post-") + [e for e in entries("thread-")
                                                      if "-post-" in e["file"]]


def test_every_visible_post_is_on_exactly_one_page_of_each_form_and_mode():
    for form in ("plain", "seo"):
        for mode in ("robot", "browser"):
            seen = [post.post_id for entry in THREAD_PAGES
                    if entry["form"] == form and entry["mode"] == mode
                    for post in ENGINE.thread_page(response(entry)).posts]
            assert sorted(seen) == sorted(p["pid"] for p in TRUTH["posts"] if p["visible"] == 1)


@pytest.mark.parametrize("entry", ALL_THREAD_VIEWS, ids=lambda e: e["file"])
def test_thread_page_posts_equal_the_tables(entry):
    _posts_equal_the_tables(ENGINE.thread_page(response(entry)), entry, TRUTH)


def _posts_equal_the_tables(view, entry: dict, tables: dict) -> None:
    """Each post of a thread page's view to its row of ``tables`` (a capture's truth): thread,
    forum, title, floor, author, time, body, signature, edit line."""
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    assert view.page_timezone == BOARD_OFFSET
    assert view.posts, entry["file"]
    posts = {post["pid"]: post for post in tables["posts"]}
    signatures = {user["username"]: user["signature"] for user in tables["users"]}
    for post in view.posts:
        truth = posts[post.post_id]
        assert view.thread_id == truth["tid"]
        assert view.forum_id == truth["fid"]
        assert view.title == next(t["subject"] for t in tables["threads"] if t["tid"] == truth["tid"])
        assert post.floor == truth["floor"]
        assert post.author == truth["username"]
        posted, precision = ENGINE.wording.parse_time(post.time_text, post.time_title,
                                                      fetched_at, view.page_timezone)
        assert precision == "minute"
        assert posted == datetime.fromtimestamp(truth["dateline"] // 60 * 60, UTC), post
        _check_body(post, truth, fetched_at, signatures)


def _check_body(post, truth: dict, fetched_at: datetime, signatures: dict[str, str]) -> None:
    assert body_f1(post, truth["message"], fetched_at, ENGINE.wording, BOARD_OFFSET) >= F1_FLOOR
    signature = signatures[truth["username"]] if truth["includesig"] == 1 else ""
    if signature:
        assert char_f1(plain(signature), clean_signature_html(post.signature_html) or "") >= 0.999
    else:
        assert post.signature_html is None
    if truth["edituid"]:
        found = next(p.search(post.edit_notice) for p in ENGINE.wording.edit_notices)
        assert found["author"] == truth["editor"]
        edited, _ = ENGINE.wording.parse_time(found["time"], None, fetched_at, BOARD_OFFSET)
        assert edited == datetime.fromtimestamp(truth["edittime"] // 60 * 60, UTC)
    else:
        assert post.edit_notice is None


@pytest.mark.parametrize("entry", THREAD_PAGES, ids=lambda e: e["file"])
def test_thread_page_number_and_count(entry):
    view = ENGINE.thread_page(response(entry))
    ref = ENGINE.classify(SITE + entry["url"])
    per_page = int(TRUTH["settings"]["postsperpage"])
    thread = THREADS[ref.thread_id]
    assert (view.page, view.thread_id) == (ref.page, ref.thread_id)
    assert view.page_count == -(-(thread["replies"] + 1) // per_page)
    assert view.message is None


@pytest.mark.parametrize("entry", entries("missing-"), ids=lambda e: e["file"])
def test_a_missing_thread_is_a_deleted_thread_s_message_not_posts(entry):
    view = ENGINE.thread_page(response(entry))
    assert (view.posts, view.message, view.message_kind) == (
        [], "The specified thread does not exist.", "deleted")


@pytest.mark.parametrize("entry", entries("forum-"), ids=lambda e: e["file"])
def test_thread_list_rows_equal_the_tables(entry):
    view = ENGINE.forum_page(response(entry))
    ref = ENGINE.classify(SITE + entry["url"])
    forum = next(f for f in TRUTH["forums"] if f["fid"] == ref.forum_id)
    assert (view.forum_id, view.name, view.pagination.current) == (forum["fid"], forum["name"],
                                                                   ref.page)
    per_list = int(TRUTH["settings"]["threadsperpage"])
    assert view.page_count == max(1, -(-forum["threads"] // per_list))
    in_forum = sorted((t for t in TRUTH["threads"] if t["fid"] == forum["fid"]),
                      key=lambda t: -t["lastpost"])
    expected = in_forum[(ref.page - 1) * per_list: ref.page * per_list]
    assert [row.thread_id for row in view.threads] == [t["tid"] for t in expected]
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    for row, thread in zip(view.threads, expected, strict=True):
        # "Last Post" links showthread.php?tid=T&action=lastpost: it names no post.
        assert (row.title, row.author, row.replies, row.views, row.last_poster, row.last_post_id) == (
            thread["subject"], thread["username"], thread["replies"], thread["views"],
            thread["lastposter"], None)
        last, _ = ENGINE.wording.parse_time(row.last_post_text, row.last_post_attr, fetched_at,
                                            BOARD_OFFSET)
        assert last == datetime.fromtimestamp(thread["lastpost"] // 60 * 60, UTC)
    children = [(f["fid"], f["name"]) for f in TRUTH["forums"] if f["pid"] == forum["fid"]]
    assert [(s.forum_id, s.name) for s in view.subforums] == children


@pytest.mark.parametrize("entry", entries("index-"), ids=lambda e: e["file"])
def test_index_lists_every_forum_with_its_category_and_parent(entry):
    view = ENGINE.index_page(response(entry))
    kinds = {f["fid"]: f for f in TRUTH["forums"]}
    assert [(f.forum_id, f.name, f.category, f.parent_forum_id) for f in view.forums] == [
        (f["fid"], f["name"], kinds[int(f["parentlist"].split(",")[0])]["name"],
         f["pid"] if kinds[f["pid"]]["type"] == "f" else None)
        for f in TRUTH["forums"] if f["type"] == "f"]
    assert view.site_name == TRUTH["settings"]["bbname"]


@pytest.mark.parametrize(("url", "ref"), [
    ("showthread.php?tid=7", PageRef("thread", thread_id=7)),
    ("showthread.php?tid=7&page=3", PageRef("thread", thread_id=7, page=3)),
    ("showthread.php?page=3&tid=7&highlight=x", PageRef("thread", thread_id=7, page=3)),
    ("thread-7.html", PageRef("thread", thread_id=7)),
    ("thread-7-page-3.html", PageRef("thread", thread_id=7, page=3)),
    ("showthread.php?pid=42#pid42", PageRef("post", post_id=42)),
    ("showthread.php?tid=7&pid=42#pid42", PageRef("post", thread_id=7, post_id=42)),
    ("showthread.php?mode=threaded&tid=7&pid=42#pid42", PageRef("post", thread_id=7, post_id=42)),
    ("post-42.html", PageRef("post", post_id=42)),
    ("thread-7-post-42.html#pid42", PageRef("post", thread_id=7, post_id=42)),
    ("thread-7-lastpost.html", PageRef("post", thread_id=7)),
    ("showthread.php?tid=7&action=lastpost", PageRef("post", thread_id=7)),
    ("forumdisplay.php?fid=2", PageRef("forum", forum_id=2)),
    ("forumdisplay.php?fid=2&page=2&sortby=lastpost", PageRef("forum", forum_id=2, page=2)),
    ("forum-2.html", PageRef("forum", forum_id=2)),
    ("forum-2-page-2.html", PageRef("forum", forum_id=2, page=2)),
    ("index.php", PageRef("index")),
    ("", PageRef("index")),
])
def test_every_url_form_names_its_page(url, ref):
    assert ENGINE.classify("https://forum.example.org/board/" + url) == ref


@pytest.mark.parametrize("url", [
    "showthread.php?tid=7&action=nextnewest", "member.php?action=profile&uid=2",
    "archive/index.php?thread-7.html", "newreply.php?tid=7", "forum-x.html"])
def test_other_urls_are_not_pages(url):
    assert ENGINE.classify("https://forum.example.org/board/" + url) is None


def test_canonical_urls_are_the_plain_form():
    root = "https://forum.example.org/board/"
    assert ENGINE.canonicalize(root + "thread-7-page-3.html") == root + "showthread.php?tid=7&page=3"
    assert ENGINE.canonicalize(root + "showthread.php?page=1&tid=7&sid=abc") == root + "showthread.php?tid=7"
    assert ENGINE.canonicalize(root + "forum-2-page-2.html") == root + "forumdisplay.php?fid=2&page=2"
    assert ENGINE.canonicalize(root + "thread-7-post-42.html#pid42") == root + "showthread.php?pid=42"
    assert ENGINE.page_url(root + "index.php", "thread", 7, 2) == root + "showthread.php?tid=7&page=2"
    assert ENGINE.site_root(root + "archive/index.php/thread-7.html") == root


def test_every_captured_url_classifies_as_what_was_captured():
    for entry in PAGES:
        ref = ENGINE.classify(SITE + entry["url"])
        kind = entry["file"].split("-")[0]
        assert ref is not None and ref.kind == {"thread": "post" if "-post-" in entry["file"]
                                                else "thread", "missing": "thread"}.get(kind, kind), entry


def test_recognizes_every_mybb_page_and_no_other_engine_page():
    for entry in PAGES:
        assert ENGINE.recognizes(Selector(text=(HERE / entry["file"]).read_text("utf-8")))
    others = [path for path in CAPTURED.others() if not path.parent.name.startswith("mybb-")]
    assert others
    for path in others:
        page = Selector(text=path.read_bytes().decode("utf-8", errors="replace"))
        assert not ENGINE.recognizes(page), path


NOW = datetime(2026, 12, 6, 20, 48, tzinfo=UTC)


@pytest.mark.parametrize(("text", "attr", "expected", "precision"), [
    ("11-30-2026, 11:09 AM", None, datetime(2026, 11, 30, 10, 9, tzinfo=UTC), "minute"),
    ("Yesterday, 06:40 PM", "12-05-2026, 06:40 PM", datetime(2026, 12, 5, 17, 40, tzinfo=UTC), "minute"),
    ("Yesterday, 06:40 PM", None, datetime(2026, 12, 5, 17, 40, tzinfo=UTC), "minute"),
    ("Today, 04:21 AM", None, datetime(2026, 12, 6, 3, 21, tzinfo=UTC), "minute"),
    ("4 hours ago", "12-06-2026, 05:18 PM", datetime(2026, 12, 6, 16, 18, tzinfo=UTC), "minute"),
    ("4 hours ago", None, datetime(2026, 12, 6, 16, 48, tzinfo=UTC), "hour"),
    ("Less than 1 minute ago", None, datetime(2026, 12, 6, 20, 47, tzinfo=UTC), "minute"),
    ("25-12-2026, 23:05", None, datetime(2026, 12, 25, 22, 5, tzinfo=UTC), "minute"),
    ("2026-12-25, 11:05 PM", None, datetime(2026, 12, 25, 22, 5, tzinfo=UTC), "minute"),
    ("December 6th, 2026, 09:45 PM", None, datetime(2026, 12, 6, 20, 45, tzinfo=UTC), "minute"),
    ("Sunday, 6th December 2026, 21:45", None, datetime(2026, 12, 6, 20, 45, tzinfo=UTC), "minute"),
    ("12-06-2026", None, datetime(2026, 12, 5, 23, 0, tzinfo=UTC), "day"),
    ("whenever", None, None, None),
])
def test_parse_time_reads_every_form_mybb_prints(text, attr, expected, precision):
    assert ENGINE.wording.parse_time(text, attr, NOW, "UTC+01:00") == (expected, precision)


# The same board with the Google SEO plugin's URLs (tests/fixtures/mybb-1.8-googleseo): its
# links name no forum or thread id (``Forum-My-Forum``, ``Thread-Thread-A-three-pages``).
GOOGLE_SEO = Captured(FIXTURES / "mybb-1.8-googleseo")
GOOGLE_SEO_TRUTH = GOOGLE_SEO.expected["truth"]
SEO_THREAD_PAGES = [e for e in GOOGLE_SEO.entries("thread-") + GOOGLE_SEO.entries("post-")]


@pytest.mark.parametrize("entry", SEO_THREAD_PAGES, ids=lambda e: e["file"])
def test_a_google_seo_thread_page_names_its_thread_and_forum_and_its_posts_equal_the_tables(entry):
    """Its URL names no thread (``Thread-NAME``, ``?page=N``, ``?pid=N``): the page's own links
    (``newreply.php?tid=1``) do; its breadcrumb's ``Forum-NAME`` no forum: the forum jump does."""
    view = ENGINE.thread_page(GOOGLE_SEO.response(entry))
    _posts_equal_the_tables(view, entry, GOOGLE_SEO_TRUTH)


@pytest.mark.parametrize("entry", GOOGLE_SEO.entries("forum-"), ids=lambda e: e["file"])
def test_a_google_seo_thread_list_names_its_forum_rows_and_sub_board(entry):
    view = ENGINE.forum_page(GOOGLE_SEO.response(entry))
    fid, page = int(entry["file"].split("-")[1]), int(entry["file"].split("-page")[1].split("-")[0])
    forum = next(f for f in GOOGLE_SEO_TRUTH["forums"] if f["fid"] == fid)
    per_list = int(GOOGLE_SEO_TRUTH["settings"]["threadsperpage"])
    assert (view.forum_id, view.name, view.pagination.current) == (fid, forum["name"], page)
    in_forum = sorted((t for t in GOOGLE_SEO_TRUTH["threads"] if t["fid"] == fid), key=lambda t: -t["lastpost"])
    assert [(row.thread_id, row.title) for row in view.threads] == [
        (t["tid"], t["subject"]) for t in in_forum[(page - 1) * per_list: page * per_list]]
    # The pager's links are Forum-NAME?page=N: each names its page.
    assert {number: (ref.kind, ref.page) for number, url in view.pagination.page_urls.items()
            if (ref := ENGINE.classify(url))} == {n: ("forum", n) for n in view.pagination.page_urls}
    children = [f for f in GOOGLE_SEO_TRUTH["forums"] if f["pid"] == fid]
    assert [(s.forum_id, s.name, s.parent_forum_id) for s in view.subforums] == [
        (f["fid"], f["name"], fid) for f in children]


@pytest.mark.parametrize("entry", [e for e in GOOGLE_SEO.entries("index-") if e["form"] != "rowids-dropped"],
                         ids=lambda e: e["file"])
def test_a_google_seo_index_names_every_board_by_its_status_icon(entry):
    """Its links (``Forum-My-Forum``) name no fid: each row's status icon does
    (``span.forum_status#mark_read_2``, the sub-forum's ``div.subforumicon#mark_read_3``)."""
    view = ENGINE.index_page(GOOGLE_SEO.response(entry))
    assert [(f.forum_id, f.name, f.url, f.category, f.parent_forum_id) for f in view.forums] == [
        (2, "My Forum", SITE + "forumdisplay.php?fid=2", "My Category", None),
        (3, "Sub Board", SITE + "forumdisplay.php?fid=3", "My Category", 2)]


@pytest.mark.parametrize("entry", GOOGLE_SEO.entries("index-rowids-dropped-"), ids=lambda e: e["file"])
def test_a_board_whose_row_prints_no_id_is_known_by_its_google_seo_url(entry):
    """The forum rows' status icons without their id (the theme edit sinister.ly's has): My
    Forum is its ``Forum-NAME`` URL, which the crawl asks; Sub Board keeps its icon's id, its
    parent unknown."""
    view = ENGINE.index_page(GOOGLE_SEO.response(entry))
    assert [(f.forum_id, f.name, f.url, f.category, f.parent_forum_id) for f in view.forums] == [
        (None, "My Forum", SITE + "Forum-My-Forum", "My Category", None),
        (3, "Sub Board", SITE + "forumdisplay.php?fid=3", "My Category", None)]


@pytest.mark.parametrize("entry", GOOGLE_SEO.entries("missing-"), ids=lambda e: e["file"])
def test_a_missing_google_seo_thread_is_a_deleted_thread_s_message(entry):
    view = ENGINE.thread_page(GOOGLE_SEO.response(entry))
    assert (view.posts, view.message, view.message_kind) == (
        [], "The specified thread does not exist.", "deleted")


@pytest.mark.parametrize(("url", "ref", "canonical"), [
    ("Forum-My-Forum", PageRef("forum"), "Forum-My-Forum"),
    ("forum-my-forum?page=2&sortby=views", PageRef("forum", page=2), "forum-my-forum?page=2"),
    ("Thread-Thread-A-three-pages?page=3", PageRef("thread", page=3), "Thread-Thread-A-three-pages?page=3"),
    ("Thread-Thread-B-%E2%80%94-two-pages", PageRef("thread"), "Thread-Thread-B-%E2%80%94-two-pages"),
    ("Thread-Thread-A-three-pages?pid=5#pid5", PageRef("post", post_id=5), "showthread.php?pid=5"),
    ("Thread-Thread-A-three-pages?action=lastpost", PageRef("post"),
     "Thread-Thread-A-three-pages?action=lastpost"),
    # The plugin's default uniquifier, {url}{separator}{separator}{id}: the name holds the id.
    ("Forum-Coding--71?page=2", PageRef("forum", forum_id=71, page=2), "forumdisplay.php?fid=71&page=2"),
    ("Thread-VPN-SERVICE--95174", PageRef("thread", thread_id=95174), "showthread.php?tid=95174"),
])
def test_google_seo_urls_name_their_page_without_an_id(url, ref, canonical):
    root = "https://forum.example.org/board/"
    assert ENGINE.classify(root + url) == ref
    assert ENGINE.canonicalize(root + url) == root + canonical


@pytest.mark.parametrize("url", ["Thread-Thread-A-three-pages?action=nextnewest", "User-alice",
                                 "Announcement-Rules"])
def test_other_google_seo_urls_are_not_pages(url):
    assert ENGINE.classify("https://forum.example.org/board/" + url) is None


ROW_IDS_DROPPED = [Captured(FIXTURES / name) for name in ("mybb-1.8-threadids-dropped",
                                                          "mybb-1.8-threadids-dropped-googleseo")]


@pytest.mark.parametrize("captured", ROW_IDS_DROPPED, ids=lambda c: c.directory.name)
def test_a_thread_row_without_its_subject_id_is_read_from_its_links(captured):
    """``forumdisplay_thread`` edited to drop ``span#tid_N``'s id (the capture's README): every
    thread of My Forum is still a row, in each form and mode, its id from its subject link
    (``showthread.php?tid=N``, ``thread-N.html``) or, for Google SEO's ``Thread-NAME``, from the
    row's "who posted" link."""
    tables = captured.expected["truth"]
    threads = {(t["tid"], t["subject"], t["username"], t["replies"], t["views"])
               for t in tables["threads"] if t["fid"] == 2}
    pages = captured.entries("forum-2-")
    assert {(e["form"], e["mode"]) for e in pages} >= {("plain", "robot"), ("plain", "browser")}
    for form, mode in {(e["form"], e["mode"]) for e in pages}:
        rows = [row for e in pages if (e["form"], e["mode"]) == (form, mode)
                for row in ENGINE.forum_page(captured.response(e)).threads]
        assert len(threads) == 3 and {(r.thread_id, r.title, r.author, r.replies, r.views) for r in rows} == threads
        assert {r.url for r in rows} == {SITE + f"showthread.php?tid={tid}" for tid, *_ in threads}
