"""The sample forum served as phpwind 9.1 (``--engine phpwind``), page by page, read by the
phpwind reader: what the crawls of tests/test_engine_sample_crawls.py do not reach (a jump to a
post, ``page=e``, a page past the end, the message pages) and the GBK edition's bytes."""

from __future__ import annotations

import urllib.request

import pytest
from scrapy.http import HtmlResponse

from forum_harvest.sample_forum import SampleForum, phpwind, start_server
from forum_harvest.sample_forum.engines import responder
from forum_harvest.sample_forum.layout import View
from forum_harvest.sample_forum.phpwind import read8
from forum_harvest.sample_forum.phpwind.chrome import pages
from pipeline.clean import clean_post_html, clean_signature_html
from scraper.engines.phpwind import ENGINE
from tests.exports import lines

BASE = "http://127.0.0.1:9/"


@pytest.fixture(scope="module")
def forum() -> SampleForum:
    return SampleForum.build()


def served(forum: SampleForum, target: str):
    """(HTTP status, the response, the page as the reader reads it)."""
    response = responder("phpwind")(View(forum, BASE, forum.now), target)
    page = HtmlResponse(BASE + target.lstrip("/"), body=response.body.encode(), encoding="utf-8")
    return response.status, response, ENGINE.thread_page(page)


def long_thread(forum: SampleForum) -> int:
    return max(forum.threads, key=lambda t: len(forum.thread_posts(t.thread_id))).thread_id


def test_a_jump_to_a_reply_goes_to_its_page(forum):
    thread_id = long_thread(forum)
    post = forum.thread_posts(thread_id)[phpwind.POSTS_PER_PAGE + 1]
    status, response, _ = served(forum, f"/index.php?c=read&a=jump&pid={post.post_id}")
    thread = forum.thread(thread_id)
    assert (status, response.headers["Location"]) == (
        302, f"{BASE}read.php?tid={thread_id}&fid={thread.forum_id}&page=2#read_{post.post_id}")


@pytest.mark.parametrize("page", ["e", "9"])
def test_the_last_page_and_a_page_past_the_end_answer_the_last_page(forum, page):
    thread_id = long_thread(forum)
    posts = forum.thread_posts(thread_id)
    last = -(-len(posts) // phpwind.POSTS_PER_PAGE)
    status, _, read = served(forum, f"/read.php?tid={thread_id}&page={page}")
    assert (status, read.page, read.page_count) == (200, last, last)
    assert [p.floor for p in read.posts] == [p.floor for p in posts[(last - 1) * phpwind.POSTS_PER_PAGE:]]


def test_message_pages_say_why_with_http_200(forum):
    closed = next(t for t in forum.threads if not t.readable)
    hidden_board = next(f for f in forum.forums if f.members_only)
    for target, kind in [("/read.php?tid=9999", "deleted"), (f"/read.php?tid={closed.thread_id}", "forbidden")]:
        status, _, read = served(forum, target)
        assert (status, read.posts, read.message_kind) == (200, [], kind)
    status, response, _ = served(forum, f"/index.php?c=thread&fid={hidden_board.forum_id}")
    assert status == 200 and phpwind.NO_VISIT in response.body


def test_the_gbk_edition_declares_gbk_and_writes_what_gbk_lacks_as_references(forum):
    server = start_server(forum, engine="phpwind", charset="gbk")
    try:
        thread = next(t for t in forum.threads if any("䶮" in line.text for p in forum.thread_posts(t.thread_id)
                                                     for line in p.lines))
        with urllib.request.urlopen(f"{server.url}read.php?tid={thread.thread_id}") as answer:
            content_type, body = answer.headers["Content-Type"], answer.read()
    finally:
        server.stop()
    assert content_type == "text/html; charset=gbk"
    text = body.decode("gbk")  # every byte is GBK's: strict decoding fails otherwise
    assert '<meta charset="GBK" />' in text and "&#19886;" in text and "䶮" not in text


def test_a_pager_showing_only_the_ends_still_counts_every_page():
    """``common/page.htm`` lists three pages either side and the ends as "1..." and "...N"."""
    pager = pages(lambda n: f"{BASE}index.php?c=thread&fid=2&page={n}", 1, 9)
    page = ENGINE.forum_page(HtmlResponse(f"{BASE}index.php?c=thread&fid=2", body=pager.encode(), encoding="utf-8"))
    assert (page.page_count, sorted(page.pagination.page_urls)) == (9, [2, 3, 4, 9])


def read_8(forum: SampleForum, thread_id: int, page: int) -> list[dict]:
    """The posts of a phpwind 8.7 thread page of the GBK sample, as the reader and the cleaner
    make them: the fields of ``truth_records`` a thread page shows."""
    target = f"/read.php?tid={thread_id}&page={page}"
    response = responder("phpwind8")(View(forum, BASE, forum.now, "gbk"), target)
    assert response.status == 200
    assert '<meta charset="gbk" />' in response.body
    read = ENGINE.thread_page(HtmlResponse(BASE + target[1:], body=response.body.encode("gbk"), encoding="gbk"))
    assert (read.thread_id, read.page) == (thread_id, page)
    wording, zone = ENGINE.wording, "Asia/Shanghai"
    records = []
    for post in read.posts:
        clean = clean_post_html(post.body_html, fetched_at=forum.now, tz=zone, parse_time=wording.parse_time)
        notice = next((m for p in wording.edit_notices if (m := p.search(post.edit_notice or ""))), None)
        records.append({
            "post_id": post.post_id, "floor": post.floor, "author": post.author,
            "posted_at": wording.parse_time(post.time_text, post.time_title, forum.now, zone),
            "edited_at": wording.parse_time(notice["time"], None, forum.now, zone)[0] if notice else None,
            "body": lines(clean.body), "quotes": [(q["author"], q["text"]) for q in clean.quotes],
            "signature": clean_signature_html(post.signature_html), "author_banned": post.author_banned,
            "content_hidden": post.content_hidden})
    return records


def test_phpwind_8_thread_pages_read_as_the_truth(forum):
    """Every post of every thread a guest may read, from 8.7's ``read.htm`` (the bodies of posts
    with attachments left out: the crawls of tests/test_engine_sample_crawls.py check them)."""
    truth = {(r["thread_id"], r["floor"]): r for r in forum.truth_records(engine="phpwind8")}
    got = {}
    for thread in forum.threads:
        pages = -(-len(forum.thread_posts(thread.thread_id)) // read8.POSTS_PER_PAGE)
        if thread.readable and not forum.forum(thread.forum_id).members_only:
            got |= {(thread.thread_id, r["floor"]): r for page in range(1, pages + 1)
                    for r in read_8(forum, thread.thread_id, page)}
    assert set(got) == set(truth)
    wrong = []
    for key, record in truth.items():
        wanted = {"post_id": record["post_id"], "floor": record["floor"], "author": record["author"],
                  "posted_at": (record["posted_at"], "second"), "edited_at": record["edited_at"],
                  "quotes": [(q["author"], q["text"]) for q in record["quotes"]], "signature": record["signature"],
                  "author_banned": record["author_banned"], "content_hidden": record["content_hidden"],
                  "body": lines(record["body"])}
        if record["attachments"]:
            wanted["body"] = got[key]["body"]
        wrong += [(key, field) for field, value in wanted.items() if got[key][field] != value]
    assert wrong == []


def test_phpwind_8_lists_name_every_board_and_thread(forum):
    """8.7's board index lists the boards guests see, the sub-boards stand on their parent's
    thread list, a board's pages list its topped threads and then the others as one sequence
    (topped threads on page 1 only, as on the real 8.7's), and every row says its thread's
    title, starter, counts and last reply."""
    def page(target: str) -> HtmlResponse:
        response = responder("phpwind8")(View(forum, BASE, forum.now, "gbk"), target)
        return HtmlResponse(BASE + target.lstrip("/"), body=response.body.encode("gbk"), encoding="gbk")

    boards = {f.forum_id for f in ENGINE.index_page(page("/")).forums}
    lists = {}
    for board in sorted(boards):
        first = ENGINE.forum_page(page(f"/thread.php?fid={board}"))
        boards |= {sub.forum_id for sub in first.subforums}
        lists[board] = [first] + [ENGINE.forum_page(page(f"/thread.php?fid={board}&page={n}"))
                                  for n in range(2, first.page_count + 1)]
    for sub in boards - set(lists):
        lists[sub] = [ENGINE.forum_page(page(f"/thread.php?fid={sub}"))]
    assert boards == {f.forum_id for f in forum.forums if not f.members_only}
    for board, shown in lists.items():
        assert [row.thread_id for p in shown for row in p.threads] == [t.thread_id for t in forum.forum_threads(board)]
        assert not any(row.sticky for p in shown[1:] for row in p.threads)
    assert any(len(shown) > 1 and any(t.sticky for t in forum.forum_threads(b)) for b, shown in lists.items())
    rows = {row.thread_id: (board, row) for board, shown in lists.items()
            for list_page in shown for row in list_page.threads}
    for thread in forum.threads:
        if forum.forum(thread.forum_id).members_only:
            assert thread.thread_id not in rows
            continue
        board, row = rows[thread.thread_id]
        last = forum.thread_posts(thread.thread_id)[-1]
        when = ENGINE.wording.parse_time(row.last_post_text, row.last_post_attr, forum.now, "Asia/Shanghai")[0]
        assert (board, row.title, row.author, row.replies, row.views, row.sticky, row.last_poster, when) == (
            thread.forum_id, thread.title, thread.author, thread.replies, thread.views, thread.sticky, last.author,
            last.posted_at.replace(second=0))


@pytest.mark.parametrize(("target", "kind"), [("/read.php?tid=9999", "deleted"), ("/read.php?tid={closed}", "forbidden")])
def test_phpwind_8_message_pages(forum, target, kind):
    closed = next(t for t in forum.threads if not t.readable)
    response = responder("phpwind8")(View(forum, BASE, forum.now), target.format(closed=closed.thread_id))
    read = ENGINE.thread_page(HtmlResponse(BASE + target[1:], body=response.body.encode(), encoding="utf-8"))
    assert (response.status, read.posts, read.message_kind) == (200, [], kind)
