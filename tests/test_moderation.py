"""What moderators do between two real crawls of the sample forum: a reply deleted (every
later floor moves up), a reply deleted and another added (same reply count, another last
post), a post moved to another thread. The recrawl, incremental and then ``--full``, must
equal the forum again: nothing duplicated, mixed or lost, the deleted posts marked."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from forum_harvest.sample_forum import SampleForum
from forum_harvest.sample_forum.mutations import MODERATION, moderated
from tests.conftest import crawl_before_and_after, dump
from tests.exports import export, lines


def thread_pages(requests: list[str], thread_id: int) -> list[str]:
    return sorted(path for path in requests if f"mod=viewthread&tid={thread_id}" in path
                  and path.split(f"tid={thread_id}")[1][:1] in ("", "&"))


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    """Crawl, moderate, crawl again incrementally, then fully: (before, after, db_url, the
    incremental crawl's requests, outputs of the incremental and the full crawl)."""
    before = SampleForum.build(now=datetime.now(UTC) - timedelta(hours=2))
    after = moderated(before, minutes=60)
    db_url = f"sqlite:///{tmp_path_factory.mktemp('moderation') / 'forum.db'}"
    requests, (incremental, full) = crawl_before_and_after(before, after, db_url, (), ("--full",))
    return before, after, db_url, requests, incremental, full


def records_by_post(db_url: str) -> dict[int, tuple]:
    return {record["post_id"]: (record["thread_id"], record["floor"], record["author"], lines(record["body"]),
                                record["posted_at"]) for record in export(db_url)}


def truth_by_post(forum: SampleForum) -> dict[int, tuple]:
    return {truth["post_id"]: (truth["thread_id"], truth["floor"], truth["author"], lines(truth["body"]),
                               truth["posted_at"]) for truth in forum.truth_records()}


def comparable(records: dict[int, tuple]) -> dict[int, tuple]:
    """Times in UTC to the minute: the pages show recent ones as "N 分钟前"."""
    return {post_id: (*fields[:4], _minute(fields[4])) for post_id, fields in records.items()}


def _minute(value: datetime | str | None) -> str | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")


def test_the_incremental_recrawl_equals_the_forum_again(crawls) -> None:
    _, after, db_url, _, output, _ = crawls
    assert comparable(records_by_post(db_url)) == comparable(truth_by_post(after))
    assert "gone (marked deleted)" in output


def test_deleted_posts_are_kept_and_marked_and_no_post_is_stored_twice(crawls) -> None:
    before, after, db_url, _, _, _ = crawls
    posts = dump(db_url)["posts"]
    assert [pid for pid, count in Counter(post["post_id"] for post in posts).items() if count > 1] == []
    deleted = {post["post_id"] for post in posts if post["deleted_at"] is not None}
    gone = {post.post_id for post in before.posts} - {post.post_id for post in after.posts}
    assert deleted == gone and len(gone) == 2
    moved = before.thread_posts(MODERATION.moved_from)[-1]
    assert [(post["thread_id"], post["deleted_at"]) for post in posts if post["post_id"] == moved.post_id] == [
        (MODERATION.moved_to, None)]


def test_renumbered_threads_are_read_whole_and_unchanged_ones_not_at_all(crawls) -> None:
    _, _, _, requests, _, _ = crawls
    swapped, deleted = MODERATION.swapped_thread, MODERATION.deleted_thread
    # The sample forum gives our User-Agent Discuz's robot pages, without floors: a last page read
    # before any full page of the crawl is read again once page 1 told the page size
    # (tests/test_robot_mode.py), so a page may be asked for twice.
    assert sorted(set(thread_pages(requests, swapped))) == sorted(
        [f"/forum.php?mod=viewthread&tid={swapped}", f"/forum.php?mod=viewthread&tid={swapped}&page=2"])
    assert f"/forum.php?mod=viewthread&tid={deleted}" in thread_pages(requests, deleted)
    assert thread_pages(requests, 13) == []  # unchanged: not read


def test_a_full_recrawl_after_it_changes_nothing(crawls) -> None:
    _, after, db_url, _, _, full = crawls
    assert "0 new posts, 0 changed" in full
    assert comparable(records_by_post(db_url)) == comparable(truth_by_post(after))
