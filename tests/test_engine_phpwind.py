"""phpwind read from the pages a real phpwind 9.1.0 served a guest (tests/fixtures/phpwind-9.1:
our User-Agent and a browser's), compared with its own tables (``expected.json``): every post's
id, floor, poster, time, body, quotes, signature and edit line; every thread-list row; the
boards; every URL form of 8.x and 9.x; recognition; phpwind's time forms."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from parsel import Selector

from pipeline.clean import clean_signature_html
from scraper.engines.base import PageRef
from scraper.engines.phpwind import ENGINE
from scraper.engines.phpwind.wording import floor_of
from tests.bbcode_truth import char_f1, plain
from tests.engine_pages import F1_FLOOR, FIXTURES, SITE, Captured, body_f1

HERE = FIXTURES / "phpwind-9.1"
CAPTURED = Captured(HERE)
TRUTH = CAPTURED.expected["truth"]
response, entries = CAPTURED.response, CAPTURED.entries
ZONE = "Asia/Shanghai"  # time.timezone 8, phpwind's default
THREADS = {t["tid"]: t for t in TRUTH["threads"]}
SIGNATURES = {s["username"]: s["bbs_sign"] for s in TRUTH["signatures"]}
PER_PAGE, PER_LIST = 5, 2  # the board's readperpage and threadperpage (forum_settings)
READ_PAGES = entries("read-")


def _posts_by_floor() -> dict[tuple[int, int], dict]:
    """(tid, floor) -> the post's truth: the thread's own post is floor 1, its replies follow
    in pid order (phpwind numbers floors by position; the tables keep no floor)."""
    found: dict[tuple[int, int], dict] = {}
    for thread in TRUTH["threads"]:
        found[(thread["tid"], 1)] = {"pid": None, "tid": thread["tid"], **{
            key: thread[key] for key in ("created_username", "created_time", "modified_time",
                                         "modified_username", "content")}}
        replies = sorted((p for p in TRUTH["posts"] if p["tid"] == thread["tid"]),
                         key=lambda p: p["pid"])
        for floor, post in enumerate(replies, start=2):
            found[(thread["tid"], floor)] = post
    return found


POSTS = _posts_by_floor()


def _bbcode(content: str) -> str:
    """phpwind's ``[quote=NAME,PID]`` as the shared truth reader's ``[quote=NAME]``."""
    return re.sub(r"\[quote=([^,\]]+),\d+\]", r"[quote=\1]", content)


def _minute(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch // 60 * 60, UTC)


def test_every_post_is_on_exactly_one_page_of_each_mode():
    for mode in ("robot", "browser"):
        seen = [(view.thread_id, post.floor) for entry in READ_PAGES
                if entry["mode"] == mode and entry["form"] == "plain"
                for view in [ENGINE.thread_page(response(entry))] for post in view.posts]
        assert sorted(seen) == sorted(POSTS)


@pytest.mark.parametrize("entry", READ_PAGES, ids=lambda e: e["file"])
def test_thread_page_posts_equal_the_tables(entry):
    view = ENGINE.thread_page(response(entry))
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    thread = THREADS[view.thread_id]
    assert (view.forum_id, view.title, view.message) == (thread["fid"], thread["subject"], None)
    assert view.posts
    for post in view.posts:
        truth = POSTS[(view.thread_id, post.floor)]
        assert (post.post_id, post.author) == (truth["pid"], truth["created_username"])
        posted, precision = ENGINE.wording.parse_time(post.time_text, None, fetched_at, ZONE)
        assert (posted, precision) == (_minute(truth["created_time"]), "minute")
        assert body_f1(post, _bbcode(truth["content"]), fetched_at, ENGINE.wording, ZONE) >= F1_FLOOR
        signature = SIGNATURES[truth["created_username"]]
        if signature:
            assert char_f1(plain(signature), clean_signature_html(post.signature_html) or "") >= F1_FLOOR
            assert signature not in post.body_html
        else:
            assert post.signature_html is None
        if truth["modified_time"]:
            found = next(p.search(post.edit_notice) for p in ENGINE.wording.edit_notices)
            assert found["author"] == truth["modified_username"]
            edited, _ = ENGINE.wording.parse_time(found["time"], None, fetched_at, ZONE)
            assert edited == _minute(truth["modified_time"])
            assert "编辑了帖子" not in post.body_html
        else:
            assert post.edit_notice is None


@pytest.mark.parametrize("entry", READ_PAGES, ids=lambda e: e["file"])
def test_thread_page_number_count_and_replies(entry):
    view = ENGINE.thread_page(response(entry))
    ref = ENGINE.classify(SITE + entry["url"])
    thread = THREADS[ref.thread_id]
    assert (view.thread_id, view.page) == (ref.thread_id, ref.page)
    assert view.page_count == -(-(thread["replies"] + 1) // PER_PAGE)
    # The counter is printed above the thread's own post, on page 1 only.
    assert view.replies == (thread["replies"] if view.page == 1 else None)


@pytest.mark.parametrize("entry", entries("missing-"), ids=lambda e: e["file"])
def test_a_missing_thread_says_so(entry):
    view = ENGINE.thread_page(response(entry))
    assert (view.posts, view.message_kind, view.message) == ([], "deleted", "该帖子不存在或已被删除")


@pytest.mark.parametrize("entry", entries("thread-list-"), ids=lambda e: e["file"])
def test_thread_list_rows_equal_the_tables(entry):
    view = ENGINE.forum_page(response(entry))
    ref = ENGINE.classify(SITE + entry["url"])
    forum = next(f for f in TRUTH["forums"] if f["fid"] == ref.forum_id)
    assert (view.forum_id, view.name, view.pagination.current) == (forum["fid"], forum["name"], ref.page)
    assert view.page_count == -(-forum["threads"] // PER_LIST)
    ordered = sorted((t for t in TRUTH["threads"] if t["fid"] == forum["fid"]),
                     key=lambda t: -t["lastpost_time"])
    expected = ordered[(ref.page - 1) * PER_LIST: ref.page * PER_LIST]
    assert [row.thread_id for row in view.threads] == [t["tid"] for t in expected]
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    for row, thread in zip(view.threads, expected, strict=True):
        assert (row.title, row.author, row.replies, row.views, row.last_poster) == (
            thread["subject"], thread["created_username"], thread["replies"], thread["hits"],
            thread["lastpost_username"])
        last, _ = ENGINE.wording.parse_time(row.last_post_text, None, fetched_at, ZONE)
        assert last == _minute(thread["lastpost_time"])


@pytest.mark.parametrize("prefix", ["forumlist-", "home-"])
def test_index_lists_every_board_of_the_site(prefix):
    categories = {f["fid"]: f["name"] for f in TRUTH["forums"] if f["type"] == "category"}
    boards = [f for f in TRUTH["forums"] if f["type"] == "forum"]
    for entry in entries(prefix):
        view = ENGINE.index_page(response(entry))
        assert [(f.forum_id, f.name) for f in view.forums] == [(b["fid"], b["name"]) for b in boards]
        if prefix == "forumlist-":
            assert [f.category for f in view.forums] == [categories[b["parentid"]] for b in boards]


@pytest.mark.parametrize(("url", "ref"), [
    ("read.php?tid=7", PageRef("thread", thread_id=7)),
    ("read.php?tid=7&fid=2&page=3", PageRef("thread", thread_id=7, forum_id=2, page=3)),
    ("read.php?tid=7&fpage=0&toread=&page=3", PageRef("thread", thread_id=7, page=3)),
    ("read-htm-tid-7.html", PageRef("thread", thread_id=7)),
    ("read-htm-tid-7-page-3.html", PageRef("thread", thread_id=7, page=3)),
    ("read-htm-tid-7-fpage-0-toread--page-3.html", PageRef("thread", thread_id=7, page=3)),
    ("simple/?t7.html", PageRef("thread", thread_id=7)),
    ("simple/index.php?t7_3.html", PageRef("thread", thread_id=7, page=3)),
    ("index.php?m=bbs&c=read&tid=7&page=3", PageRef("thread", thread_id=7, page=3)),
    ("index.php?c=read&tid=7&fid=2", PageRef("thread", thread_id=7, forum_id=2)),
    ("read-7-3.html", PageRef("thread", thread_id=7, page=3)),
    ("read-7.html", PageRef("thread", thread_id=7)),
    ("index.php?c=read&a=jump&pid=42", PageRef("post", post_id=42)),
    ("thread.php?fid=2&page=3", PageRef("forum", forum_id=2, page=3)),
    ("thread-htm-fid-2-page-3.html", PageRef("forum", forum_id=2, page=3)),
    ("simple/?f2_3.html", PageRef("forum", forum_id=2, page=3)),
    ("index.php?m=bbs&c=thread&fid=2&page=3", PageRef("forum", forum_id=2, page=3)),
    ("index.php?c=thread&fid=2", PageRef("forum", forum_id=2)),
    ("thread-2-3.html", PageRef("forum", forum_id=2, page=3)),
    ("index.php", PageRef("index")),
    ("index.php?m=bbs&c=forumlist", PageRef("index")),
    ("index.php?c=cate&fid=1", PageRef("index")),
    ("simple/", PageRef("index")),
    ("", PageRef("index")),
])
def test_every_url_form_names_its_page(url, ref):
    assert ENGINE.classify("https://bbs.example.cn/bbs/" + url) == ref


@pytest.mark.parametrize("url", [
    "read.php?tid=7&fid=2&page=e#a", "index.php?m=space&uid=1", "index.php?m=u&c=login",
    "index.php?c=post&fid=2", "read.php?tid=7&uid=1&page=x", "profile.php?action=show&uid=2"])
def test_other_urls_are_not_pages(url):
    assert ENGINE.classify("https://bbs.example.cn/bbs/" + url) is None


def test_canonical_urls():
    root = "https://nine.example.cn/bbs/"
    assert ENGINE.canonicalize(root + "index.php?m=bbs&c=read&tid=7&page=3") == root + "read.php?tid=7&page=3"
    assert ENGINE.canonicalize(root + "read.php?tid=7&fid=2&page=1#read_5") == root + "read.php?tid=7"
    assert ENGINE.canonicalize(root + "index.php?c=thread&fid=2&page=2") == root + "index.php?c=thread&fid=2&page=2"
    assert ENGINE.page_url(root, "forum", 9, 3) == root + "index.php?c=thread&fid=9&page=3"
    assert ENGINE.page_url(root, "thread", 7, 2) == root + "read.php?tid=7&page=2"
    # 8.x forms (an archive, a static page, thread.php) tell that the site lists with thread.php.
    old = "https://old.example.cn/"
    assert ENGINE.canonicalize(old + "simple/?t7_2.html") == old + "read.php?tid=7&page=2"
    assert ENGINE.site_root(old + "simple/index.php?t7.html") == old
    assert ENGINE.canonicalize(old + "thread-htm-fid-9-page-2.html") == old + "thread.php?fid=9&page=2"
    assert ENGINE.page_url(old, "forum", 9, 3) == old + "thread.php?fid=9&page=3"


def test_every_captured_url_classifies_as_what_was_captured():
    kinds = {"forumlist": "index", "home": "index", "thread": "forum", "read": "thread",
             "missing": "thread"}
    for entry in CAPTURED.files():
        assert ENGINE.classify(SITE + entry["url"]).kind == kinds[entry["file"].split("-")[0]], entry


def test_recognizes_every_phpwind_page_and_no_other_engine_page():
    for entry in CAPTURED.files():
        assert ENGINE.recognizes(Selector(text=(HERE / entry["file"]).read_text("utf-8")))
    others = CAPTURED.others()
    assert others
    for path in others:
        assert not ENGINE.recognizes(Selector(text=path.read_bytes().decode("utf-8", "replace"))), path


@pytest.mark.parametrize(("word", "floor"), [
    ("楼主", 1), ("沙发", 2), ("板凳", 3), ("地板", 4), ("4楼", 5), ("12楼#", 13), ("#7", 8), ("", None)])
def test_floor_words(word, floor):
    assert floor_of(word) == floor


NOW = datetime(2026, 12, 6, 21, 50, tzinfo=UTC)  # 05:50 on 12-07 in Shanghai


@pytest.mark.parametrize(("text", "expected", "precision"), [
    ("发布于：2026-12-07 05:46", datetime(2026, 12, 6, 21, 46, tzinfo=UTC), "minute"),
    ("发表于: 2012-03-04 12:34", datetime(2012, 3, 4, 4, 34, tzinfo=UTC), "minute"),
    ("12-07 05:48", datetime(2026, 12, 6, 21, 48, tzinfo=UTC), "minute"),
    ("12-31 23:59", datetime(2025, 12, 31, 15, 59, tzinfo=UTC), "minute"),  # lists' m-d H:i: last year's
    ("05:48", datetime(2026, 12, 6, 21, 48, tzinfo=UTC), "minute"),
    ("昨天05:47", datetime(2026, 12, 5, 21, 47, tzinfo=UTC), "minute"),
    ("前天05:47", datetime(2026, 12, 4, 21, 47, tzinfo=UTC), "minute"),
    ("24秒前", datetime(2026, 12, 6, 21, 49, 36, tzinfo=UTC), "second"),
    ("3分钟前", datetime(2026, 12, 6, 21, 47, tzinfo=UTC), "minute"),
    ("13-45 05:48", None, None),
    ("不久以前", None, None),
])
def test_parse_time_reads_every_form_phpwind_prints(text, expected, precision):
    assert ENGINE.wording.parse_time(text, None, NOW, ZONE) == (expected, precision)


@pytest.mark.parametrize(("notice", "author", "time"), [
    ("[admin于2026-12-07 05:47编辑了帖子]", "admin", "2026-12-07 05:47"),
    ("[ 此帖被小明在2012-03-04 12:34重新编辑 ]", "小明", "2012-03-04 12:34"),
])
def test_edit_notices_of_8_and_9(notice, author, time):
    found = next(m for p in ENGINE.wording.edit_notices if (m := p.search(notice)))
    assert (found["author"], found["time"]) == (author, time)
