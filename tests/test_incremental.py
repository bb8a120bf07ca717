"""Incremental recrawl against the sample forum mutating between two real crawls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from forum_harvest.sample_forum import SampleForum, start_server
from forum_harvest.sample_forum.mutations import CHANGES, later
from tests.conftest import FAST, crawl_before_and_after, dump, run_cli
from tests.exports import export, lines


def thread_path(thread_id: int, page: int = 1) -> str:
    return f"/forum.php?mod=viewthread&tid={thread_id}" + (f"&page={page}" if page > 1 else "")


def list_paths(forum: SampleForum) -> set[str]:
    return {f"/forum.php?mod=forumdisplay&fid={f.forum_id}" + (f"&page={page}" if page > 1 else "")
            for f in forum.forums for page in range(1, forum.forum_page_count(f.forum_id) + 1)}


@pytest.fixture(scope="module")
def two_crawls(tmp_path_factory):
    """Crawl the forum, let it change, crawl again: (before, after, db_url, second requests, output)."""
    before = SampleForum.build(now=datetime.now(UTC) - timedelta(hours=2))
    after = later(before, minutes=60)
    db_url = f"sqlite:///{tmp_path_factory.mktemp('incremental') / 'forum.db'}"
    requests, (second,) = crawl_before_and_after(before, after, db_url, ())
    return before, after, db_url, requests, second


def test_second_crawl_fetches_lists_and_only_changed_thread_pages(two_crawls):
    before, after, _, requests, _ = two_crawls
    new_thread = max(t.thread_id for t in after.threads)
    replied = after.thread(CHANGES.replied_thread)
    last_known_page = before.thread(CHANGES.replied_thread).page_count
    expected_threads = {
        *(thread_path(replied.thread_id, page) for page in range(last_known_page, replied.page_count + 1)),
        thread_path(new_thread),
        thread_path(CHANGES.deleted_thread),  # no longer listed: page 1 tells it was deleted
    }
    assert sorted(requests) == sorted({"/robots.txt", "/forum.php"} | list_paths(after) | expected_threads)


def test_rows_after_the_recrawl(two_crawls):
    _, after, db_url, _, output = two_crawls
    truth = {(t["thread_id"], t["floor"]): (t["author"], lines(t["body"]), t["edited_at"])
             for t in after.truth_records()}
    got = {(r["thread_id"], r["floor"]): (r["author"], lines(r["body"]),
                                          r["edited_at"] and datetime.fromisoformat(r["edited_at"]))
           for r in export(db_url) if r["thread_id"] != CHANGES.deleted_thread}
    assert got == truth
    assert "7 new posts, 1 changed" in output


def test_deleted_thread_is_kept_and_flagged(two_crawls):
    before, _, db_url, _, _ = two_crawls
    tables = dump(db_url)
    status = {t["thread_id"]: t["status"] for t in tables["threads"]}
    assert status[CHANGES.deleted_thread] == "deleted"
    forbidden = {t.thread_id for t in before.threads if not t.readable}
    assert {tid for tid, s in status.items() if s == "forbidden"} == forbidden
    assert {s for tid, s in status.items() if tid != CHANGES.deleted_thread and tid not in forbidden} == {"ok"}
    kept = [p for p in tables["posts"] if p["thread_id"] == CHANGES.deleted_thread]
    assert len(kept) == len(before.thread_posts(CHANGES.deleted_thread))


def test_edited_post_keeps_its_previous_body(two_crawls):
    before, _, db_url, _, _ = two_crawls
    revisions = dump(db_url)["post_revisions"]
    old = next(r for r in before.truth_records()
               if (r["thread_id"], r["floor"]) == (CHANGES.replied_thread, CHANGES.edited_floor))
    assert [(r["thread_id"], r["floor"], lines(r["body"])) for r in revisions] == [
        (CHANGES.replied_thread, CHANGES.edited_floor, lines(old["body"]))]


def test_unchanged_site_fetches_thread_lists_only(sample_site, crawled, tmp_path):
    from tests.conftest import copy_sqlite

    forum, _ = sample_site
    server = start_server(forum)
    try:
        db_url = copy_sqlite(crawled.db_url, tmp_path)
        first = run_cli("crawl", server.url + "forum.php", "--db", db_url, *FAST)
        assert first.returncode == 0, first.stderr
        server.requests.clear()
        again = run_cli("crawl", server.url + "forum.php", "--db", db_url, *FAST)
        assert again.returncode == 0, again.stderr
        assert sorted(server.requests) == sorted({"/robots.txt", "/forum.php"} | list_paths(forum))
    finally:
        server.stop()
