"""Pages a real Discuz! 7.2 served (tests/fixtures/discuz-7.2, UTF-8; discuz-7.2-gbk and
discuz-7.2-big5, its GBK and Big5 editions; discuz-7.2-rewrite, UTF-8 with URL rewriting on, at
its rewritten URLs) and a real 6.0.0 (discuz-6.0; discuz-6.0-gbk, its GBK edition), made by
tests/real_discuz7, read with our Discuz readers and checked against
the forum's tables (``expected.json``): every post's id, floor, author, time (to the minute
shown), body (character F1), quotes with their author, signature, edit line; a banned
author's and a hidden post's stand-ins; the thread lists, the index, the archiver, the
messages; recognition from the page alone."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from parsel import Selector

from pipeline.clean import clean_post_html, clean_signature_html
from scraper.engines import detect
from scraper.engines.discuz import ENGINE
from tests.bbcode_truth import IMAGE, char_f1, plain, split_quotes
from tests.engine_pages import F1_FLOOR, FIXTURES, SITE, Captured
from tests.real_discuz7.__main__ import SOURCE_ENV

EDITIONS = {name: Captured(FIXTURES / name) for name in ("discuz-7.2", "discuz-7.2-gbk", "discuz-7.2-big5", "discuz-6.0", "discuz-6.0-gbk",
                                                           "discuz-7.2-rewrite")}
ZONE = "Asia/Shanghai"  # 7.2's timeoffset 8, the installer's
# What a guest is told on the members-only board and its threads: 7.2 "对不起，您还未登录，
# 无权访问该版块。" (a login to do), 6.0 "您无权进行当前操作，这可能因以下原因之一造成" first,
# then "本版块只有特定用户组可以访问。" and the login form.
REFUSED = {"7": "login_required", "6": "forbidden"}


def _pages(prefix: str) -> list[tuple[Captured, dict]]:
    return [(captured, entry) for captured in EDITIONS.values() for entry in captured.entries(prefix)]


def _id(value) -> str:
    return value.directory.name if isinstance(value, Captured) else value["file"]


def _posts(captured: Captured) -> dict[int, dict]:
    return {post["pid"]: post for post in captured.expected["posts"]}


EDIT_NOTICE = re.compile(r"本帖最[后後]由 (?P<by>.+?) [于於] (?P<time>.+?) [编編][辑輯]")


@pytest.mark.parametrize("captured", EDITIONS.values(), ids=list(EDITIONS))
def test_every_post_a_guest_may_read_is_on_exactly_one_page_of_each_mode(captured):
    for mode in ("robot", "browser"):
        seen = [post.post_id for entry in captured.entries("viewthread-") if entry["mode"] == mode
                for post in ENGINE.thread_page(captured.response(entry)).posts]
        assert sorted(seen) == sorted(_posts(captured))


@pytest.mark.parametrize(("captured", "entry"), _pages("viewthread-"), ids=_id)
def test_thread_page_posts_equal_the_tables(captured, entry):
    view = ENGINE.thread_page(captured.response(entry))
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    truth = _posts(captured)
    members = {m["username"]: m for m in captured.expected["truth"]["members"]}
    post_rows = {p["pid"]: p for p in captured.expected["truth"]["posts"]}
    for post in view.posts:
        expected = truth[post.post_id]
        assert (post.floor, post.author, view.thread_id) == (
            expected["floor"], expected["author"], expected["tid"])
        posted, precision = ENGINE.wording.parse_time(post.time_text, post.time_title, fetched_at, ZONE)
        assert (posted, precision) == (
            datetime.fromtimestamp(expected["dateline"] // 60 * 60, UTC), "minute")
        cleaned = clean_post_html(post.body_html, fetched_at=fetched_at, tz=ZONE, image_placeholder=IMAGE,
                                  parse_time=ENGINE.wording.parse_time)
        if expected["status"] != "shown":
            banned = expected["status"] == "author banned"
            assert (post.author_banned, post.content_hidden, cleaned.body) == (banned, not banned, ""), post
            continue
        # A picture attachment is for members: a guest reads "您需要 登录 才可以下载或查看附件".
        attached = post_rows[post.post_id]["attachment"] != 0
        assert (post.author_banned, post.content_hidden) == (False, attached)
        body, quotes = split_quotes(expected["shown_bbcode"])
        assert [(q["author"], q["posted_at"]) for q in cleaned.quotes] == [
            (q.author, datetime.fromtimestamp(q.epoch, UTC).isoformat()) for q in quotes]
        for got, want in zip(cleaned.quotes, quotes, strict=True):
            assert char_f1(want.text, got["text"]) >= F1_FLOOR, (got, want)
        assert char_f1(body, cleaned.body) >= F1_FLOOR, (body, cleaned.body)
        signature = members[expected["author"]]["sightml"]
        if signature:
            got = clean_signature_html(post.signature_html) or ""
            assert char_f1(plain(re.sub(r"<[^>]+>", "", signature)), got) >= F1_FLOOR
        else:
            assert post.signature_html is None
        if expected["edit_notice"]:
            said = EDIT_NOTICE.search(expected["edit_notice"])
            local = datetime.strptime(said["time"], "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
            assert (cleaned.edited_by, cleaned.edited_at) == (said["by"], local - timedelta(hours=8))
        else:
            assert (cleaned.edited_by, cleaned.edited_at) == (None, None)
        for word in ("本帖最后由", "本帖最後由", "签名", "簽名", "天天向上", "发表于", "發表于", "原帖由"):
            assert word not in cleaned.body


@pytest.mark.parametrize(("captured", "entry"), _pages("viewthread-"), ids=_id)
def test_thread_page_number_count_and_title(captured, entry):
    view = ENGINE.thread_page(captured.response(entry))
    ref = ENGINE.classify(SITE + entry["url"])
    threads = {t["tid"]: t for t in captured.expected["truth"]["threads"]}
    if not view.posts:  # the members-only board's thread
        assert view.message_kind == REFUSED[captured.expected["version"][0]]
        return
    thread = threads[ref.thread_id]
    per_page = int(captured.expected["truth"]["settings"]["postperpage"])
    assert (view.thread_id, view.page, view.title, view.forum_id) == (
        ref.thread_id, ref.page, thread["subject"], thread["fid"])
    assert view.page_count == -(-(thread["replies"] + 1) // per_page)


@pytest.mark.parametrize("prefix", ["deleted-viewthread-", "missing-viewthread-"])
def test_a_thread_that_is_not_there_says_so(prefix):
    for captured, entry in _pages(prefix):
        view = ENGINE.thread_page(captured.response(entry))
        assert (view.posts, view.message_kind) == ([], "deleted"), view.message


@pytest.mark.parametrize(("captured", "entry"), _pages("forumdisplay-"), ids=_id)
def test_thread_list_rows_equal_the_tables(captured, entry):
    view = ENGINE.forum_page(captured.response(entry))
    ref = ENGINE.classify(SITE + entry["url"])
    truth = captured.expected["truth"]
    forum = next(f for f in truth["forums"] if f["fid"] == ref.forum_id)
    if forum["viewperm"].strip():  # members only
        assert (view.threads, view.message_kind) == ([], REFUSED[captured.expected["version"][0]])
        return
    per_list = int(truth["settings"]["topicperpage"])
    ordered = sorted((t for t in truth["threads"] if t["fid"] == ref.forum_id), key=lambda t: -t["lastpost"])
    expected = ordered[(ref.page - 1) * per_list: ref.page * per_list]
    assert (view.forum_id, view.name, view.page_count) == (
        ref.forum_id, forum["name"], -(-forum["threads"] // per_list))
    assert [(r.thread_id, r.title, r.author, r.replies, r.views, r.last_poster) for r in view.threads] == [
        (t["tid"], t["subject"], t["author"], t["replies"], t["views"], t["lastposter"]) for t in expected]


@pytest.mark.parametrize(("captured", "entry"), _pages("index-"), ids=_id)
def test_index_lists_every_board(captured, entry):
    """Every board a guest may view: 7.2 leaves the others out (``hideprivate``, on by default)."""
    view = ENGINE.index_page(captured.response(entry))
    boards = [(f["fid"], f["name"]) for f in captured.expected["truth"]["forums"]
              if f["type"] == "forum" and not f["viewperm"].strip()]
    assert [(f.forum_id, f.name) for f in view.forums] == boards


@pytest.mark.parametrize(("captured", "entry"), _pages("archiver-tid-"), ids=_id)
def test_archiver_thread_pages_hold_their_posts(captured, entry):
    """Twice ``postperpage`` posts a page, by dateline (archiver/include/thread.inc.php); the
    members-only thread has none for a guest."""
    view = ENGINE.thread_page(captured.response(entry), archiver=True)
    ref = ENGINE.classify(SITE + entry["url"])
    size = 2 * int(captured.expected["truth"]["settings"]["postperpage"])
    expected = sorted((p for p in captured.expected["posts"] if p["tid"] == ref.thread_id),
                      key=lambda p: p["floor"])[(ref.page - 1) * size: ref.page * size]
    fetched_at = datetime.fromisoformat(entry["fetched_at_utc"])
    assert [(p.author, ENGINE.wording.parse_time(p.time_text, p.time_title, fetched_at, ZONE)[0])
            for p in view.posts] == [
        (p["author"], datetime.fromtimestamp(p["dateline"] // 60 * 60, UTC)) for p in expected]


@pytest.mark.parametrize(("captured", "entry"), _pages("archiver-fid-"), ids=_id)
def test_archiver_board_lists_hold_their_threads(captured, entry):
    """By last post, newest first; the members-only board is refused ("您没有权限访问这个论坛的
    存档或该论坛不存在。", text alone in ``#content``), and so is its thread."""
    view = ENGINE.forum_page(captured.response(entry), archiver=True)
    ref = ENGINE.classify(SITE + entry["url"])
    truth = captured.expected["truth"]
    forum = next(f for f in truth["forums"] if f["fid"] == ref.forum_id)
    if forum["viewperm"].strip():
        assert (view.threads, view.message_kind) == ([], "forbidden")
        thread = ENGINE.thread_page(captured.response(captured.entries("archiver-tid-5-")[0]), archiver=True)
        assert (thread.posts, thread.message_kind) == ([], "forbidden")
        return
    ordered = sorted((t for t in truth["threads"] if t["fid"] == ref.forum_id), key=lambda t: -t["lastpost"])
    assert [(r.thread_id, r.title) for r in view.threads] == [(t["tid"], t["subject"]) for t in ordered]


def test_a_post_link_redirects_to_its_thread_page():
    for captured in EDITIONS.values():
        redirect = next(e for e in captured.files() if e["file"].startswith("findpost-"))
        asked = ENGINE.classify(SITE + redirect["url"])
        post = _posts(captured)[asked.post_id]
        landed = ENGINE.classify(SITE + redirect["location"])
        per_page = int(captured.expected["truth"]["settings"]["postperpage"])
        assert (redirect["status"], asked.kind, landed.kind, landed.thread_id, landed.page) == (
            302, "post_redirect", "thread", post["tid"], -(-post["floor"] // per_page))


@pytest.mark.parametrize(("captured", "entry"), _pages(""), ids=_id)
def test_every_page_is_recognized_as_discuz_from_the_page_alone(captured, entry):
    response = captured.response(entry)
    assert detect(Selector(text=response.text)) is ENGINE


@pytest.mark.skipif(not os.environ.get(SOURCE_ENV), reason=f"{SOURCE_ENV} is not set (a Discuz! 7.2 or 6.0 source tree)")
def test_a_fresh_capture_is_read_to_its_truth(tmp_path):
    """The harness run live (``python -m tests.real_discuz7``): every post a guest may read
    is on the new pages, at its floor, under its author."""
    from tests.real_discuz7.__main__ import run

    run(Path(os.environ[SOURCE_ENV]), tmp_path / "capture", keep=False)
    captured = Captured(tmp_path / "capture")
    seen = sorted((post.post_id, post.floor, post.author) for entry in captured.entries("viewthread-")
                  if entry["mode"] == "robot" for post in ENGINE.thread_page(captured.response(entry)).posts)
    assert seen == sorted((p["pid"], p["floor"], p["author"]) for p in captured.expected["posts"])
