"""A recrawl of a board that pages by offset with page sizes its admin set (not the engine's
install default), in a new process: the sample forum served as phpBB (15 posts, 4 topics a
page) and as SMF (10 and 4), crawled, grown past a page boundary (``mutations.later``: the long
thread's 28 posts become 33) and crawled again. The new process has to ask the resumed
thread's page that holds its newest stored post at the board's offset, not the install
default's, first, store every post once at its floor, and ask only what changed; also when the
admin changed the posts a page between the crawls (the stored page count no longer tells where
the stored posts end)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import pytest

from forum_harvest.sample_forum import SampleForum, start_server
from forum_harvest.sample_forum.engine_pages import list_pages
from forum_harvest.sample_forum.mutations import CHANGES, later
from tests.conftest import dump, serving_instead
from tests.exports import Shows, crawl, differences, expected, export, summary
from tests.postgres import new_database


@dataclass(frozen=True)
class Board:
    """An engine that pages by offset, served with the admin's page sizes, and its paths."""

    posts_per_page: int
    topics_per_page: int
    topic: str  # its path for thread {id} from post {start}
    board: str  # its path for forum {id} from topic {start}
    first_bare: bool = True  # page 1's path names no offset (phpBB), or ``.0`` (SMF)

    def path(self, form: str, item_id: int, page: int, size: int) -> str:
        if page == 1 and self.first_bare:
            return form.split("&")[0].format(id=item_id)
        return form.format(id=item_id, start=(page - 1) * size)


# The long thread's 28 posts become 33: past a page boundary at either size (2 -> 3, 3 -> 4 pages).
BOARDS = {"phpbb": Board(15, 4, "/viewtopic.php?t={id}&start={start}", "/viewforum.php?f={id}&start={start}"),
          "smf": Board(10, 4, "/index.php?topic={id}.{start}", "/index.php?board={id}.{start}", first_bare=False)}


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'forum.db'}"
    return new_database(request.getfixturevalue("postgres_url"), prefix="offset_recrawl")


def list_paths(board: Board, forum: SampleForum) -> set[str]:
    return {board.path(board.board, f.forum_id, page, board.topics_per_page)
            for f in forum.forums if not f.members_only
            for page in range(1, list_pages(forum, f.forum_id, board.topics_per_page, stickies_paged=True) + 1)}


def recrawled(engine: str, db_url: str, posts_then: int, posts_now: int) -> tuple[SampleForum, list[str]]:
    """The sample forum served as ``engine`` with ``posts_then`` posts a page, crawled into
    ``db_url``; then grown (``mutations.later``), served with ``posts_now`` a page and crawled
    again in a new process: the forum grown, and the paths that crawl asked."""
    board = BOARDS[engine]
    before = SampleForum.build(now=datetime.now(UTC) - timedelta(hours=2))
    after = later(before, minutes=60)
    server = start_server(before, engine=engine, posts_per_page=posts_then, topics_per_page=board.topics_per_page)
    try:
        first = crawl(server.url, db_url)
        assert first.returncode == 0, first.stderr
        wanted = expected(before, server.url, Shows(engine=engine))
        assert summary(differences(export(db_url), wanted), len(wanted)) == ""
        server.look = replace(server.look, posts_per_page=posts_now)
        with serving_instead(server, after):
            again = crawl(server.url, db_url)
            requests = list(server.requests)
    finally:
        server.stop()
    assert again.returncode == 0, again.stderr
    assert "7 new posts, 1 changed" in again.stdout
    records = [r for r in export(db_url) if r["thread_id"] != CHANGES.deleted_thread]
    wanted = expected(after, records[0]["site"], Shows(engine=engine))
    assert summary(differences(records, wanted), len(wanted)) == ""
    floors = [p["floor"] for p in dump(db_url)["posts"] if p["thread_id"] == CHANGES.replied_thread]
    assert sorted(floors) == list(range(1, 34))  # 28 posts become 33, each stored once
    return after, requests


def asked_of_the_grown_thread(engine: str, forum: SampleForum, requests: list[str], size: int, first: int,
                              last: int) -> None:
    """Only what changed was asked: the lists, the new and the deleted thread's page 1, the
    grown thread's pages ``first`` to ``last`` (at ``size`` posts a page), ``first`` before the others."""
    board = BOARDS[engine]
    new_thread = max(t.thread_id for t in forum.threads)
    grown = [board.path(board.topic, CHANGES.replied_thread, page, size) for page in range(first, last + 1)]
    changed = {*grown, *(board.path(board.topic, thread_id, 1, size)
                         for thread_id in (new_thread, CHANGES.deleted_thread))}
    assert sorted(requests) == sorted({"/robots.txt", "/"} | list_paths(board, forum) | changed)
    assert [path for path in requests if path in grown][0] == grown[0]  # the others are queued once it is read


def paged_as_now(engine: str, db_url: str, size: int) -> None:
    """The grown thread's page count, and the page URL of each new post (floors 29 to 33; a
    stored post keeps its URL unless it changed, ``db.upsert``), are the board's at ``size``
    posts a page."""
    board, replied = BOARDS[engine], CHANGES.replied_thread
    tables = dump(db_url)
    assert {t["thread_id"]: t["page_count"] for t in tables["threads"]}[replied] == -(-33 // size)
    new = {p["floor"]: p["url"].split("#")[0] for p in tables["posts"] if p["thread_id"] == replied and p["floor"] > 28}
    assert {floor: url[url.index("/", len("http://")):] for floor, url in new.items()} == {
        floor: board.path(board.topic, replied, (floor - 1) // size + 1, size) for floor in range(29, 34)}


@pytest.mark.parametrize("engine", sorted(BOARDS))
def test_a_recrawl_in_a_new_process_resumes_at_the_board_s_own_offsets(engine, db_url):
    size = BOARDS[engine].posts_per_page
    after, requests = recrawled(engine, db_url, size, size)
    asked_of_the_grown_thread(engine, after, requests, size, -(-28 // size), -(-33 // size))
    paged_as_now(engine, db_url, size)


# The admin's new posts a page, for the recrawl: the stored last page no longer ends the old posts.
RESIZED = {"phpbb": 10, "smf": 15}


@pytest.mark.parametrize("engine", sorted(BOARDS))
def test_a_recrawl_after_the_admin_changed_the_page_size_resumes_at_the_newest_stored_post(engine, db_url):
    size = RESIZED[engine]
    after, requests = recrawled(engine, db_url, BOARDS[engine].posts_per_page, size)
    asked_of_the_grown_thread(engine, after, requests, size, (28 - 1) // size + 1, -(-33 // size))
    paged_as_now(engine, db_url, size)
