"""A post is the site's post id: floors renumbered by a moderator's delete, posts moved to
another thread, posts gone from a thread read whole, and pages that print no ids (the
archiver). SQLite and PostgreSQL, as in test_db."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select

import db
from tests.test_db import engine, post, site_id, write_posts  # noqa: F401 (fixtures)

__all__ = ["engine", "site_id"]


def rows(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return conn.execute(select(db.Post).order_by(db.Post.post_id, db.Post.floor)).all()


def current(engine: Engine) -> list[tuple[int, int, int | None, str]]:
    """(thread, floor, post id, body) of the posts not marked deleted, in floor order."""
    return sorted((row.thread_id, row.floor, row.post_id, row.body) for row in rows(engine) if row.deleted_at is None)


def renumbered(posts: list[dict[str, Any]], deleted_floor: int) -> list[dict[str, Any]]:
    """The thread as Discuz shows it after a moderator deleted one floor: later ones move up."""
    kept = [dict(row) for row in posts if row["floor"] != deleted_floor]
    for row in kept:
        if row["floor"] > deleted_floor:
            row["floor"] -= 1
    return kept


def mark_deleted(engine: Engine, site_id: int, thread_id: int, shown: list[dict[str, Any]]) -> int:
    with engine.connect() as conn:
        return db.mark_posts_deleted(conn, site_id, thread_id, [(row["post_id"], row["floor"]) for row in shown])


def test_floors_renumbered_by_a_delete_move_each_post_and_mix_nothing(engine: Engine, site_id: int) -> None:
    thread = [post(floor) for floor in range(1, 6)]
    write_posts(engine, site_id, thread)
    after_delete = renumbered(thread, deleted_floor=2)
    assert write_posts(engine, site_id, after_delete) == (0, 3)  # floors 3, 4, 5 moved up
    assert mark_deleted(engine, site_id, 7, after_delete) == 1
    assert current(engine) == [(7, 1, 1001, "body of floor 1"), (7, 2, 1003, "body of floor 3"),
                               (7, 3, 1004, "body of floor 4"), (7, 4, 1005, "body of floor 5")]
    by_id = {row.post_id: row for row in rows(engine)}
    assert len(by_id) == 5 and by_id[1002].deleted_at is not None and by_id[1002].body == "body of floor 2"
    for original in thread:  # each post keeps its own time
        assert by_id[original["post_id"]].posted_at == original["posted_at"]
    with engine.connect() as conn:
        moves = conn.execute(select(db.PostRevision.post_id, db.PostRevision.floor)
                             .order_by(db.PostRevision.post_id)).all()
    assert [tuple(move) for move in moves] == [(1003, 3), (1004, 4), (1005, 5)]  # the positions they left


def test_a_recrawl_of_the_renumbered_thread_changes_nothing(engine: Engine, site_id: int) -> None:
    thread = [post(floor) for floor in range(1, 6)]
    write_posts(engine, site_id, thread)
    after_delete = renumbered(thread, deleted_floor=2)
    write_posts(engine, site_id, after_delete)
    mark_deleted(engine, site_id, 7, after_delete)
    before = rows(engine)
    assert write_posts(engine, site_id, after_delete) == (0, 0)
    assert mark_deleted(engine, site_id, 7, after_delete) == 0
    assert rows(engine) == before


def test_a_deleted_post_shown_again_is_current_again(engine: Engine, site_id: int) -> None:
    thread = [post(floor) for floor in range(1, 4)]
    write_posts(engine, site_id, thread)
    mark_deleted(engine, site_id, 7, thread[:2])
    assert [row[2] for row in current(engine)] == [1001, 1002]
    assert write_posts(engine, site_id, thread) == (0, 1)
    assert [row[2] for row in current(engine)] == [1001, 1002, 1003]


def test_a_post_moved_to_another_thread_is_stored_once_in_its_new_place(engine: Engine, site_id: int) -> None:
    write_posts(engine, site_id, [post(1), post(2), post(3)])
    moved = post(3) | {"thread_id": 8, "floor": 2}
    assert write_posts(engine, site_id, [post(1, thread_id=8), moved]) == (1, 1)
    mark_deleted(engine, site_id, 7, [post(1), post(2)])  # the old thread read whole: nothing gone
    assert current(engine) == [(7, 1, 1001, "body of floor 1"), (7, 2, 1002, "body of floor 2"),
                               (8, 1, 2001, "body of floor 1"), (8, 2, 1003, "body of floor 3")]
    with engine.connect() as conn:
        revision = conn.execute(select(db.PostRevision)).one()
    assert (revision.post_id, revision.thread_id, revision.floor) == (1003, 7, 3)


def test_a_move_seen_before_the_old_thread_is_read_again_is_not_undone(engine: Engine, site_id: int) -> None:
    """The new thread read first, then the old one whole: the post stays moved, unmarked."""
    write_posts(engine, site_id, [post(1), post(2)])
    write_posts(engine, site_id, [post(1, thread_id=8), post(2) | {"thread_id": 8, "floor": 2}])
    assert mark_deleted(engine, site_id, 7, [post(1)]) == 0
    assert (8, 2, 1002, "body of floor 2") in current(engine)
    assert len(rows(engine)) == 3


def test_pages_without_post_ids_and_pages_with_them_make_one_post(engine: Engine, site_id: int) -> None:
    """The archiver prints no ids: its posts are matched by position to the stored ones, and
    a thread page later gives id-less rows their ids, in either order."""
    unnumbered = [post(floor) | {"post_id": None} for floor in (1, 2)]
    assert write_posts(engine, site_id, unnumbered) == (2, 0)
    assert write_posts(engine, site_id, unnumbered) == (0, 0)
    assert write_posts(engine, site_id, [post(1), post(2), post(3)]) == (1, 0)  # ids adopted, one new
    assert write_posts(engine, site_id, unnumbered) == (0, 0)
    assert [(row.floor, row.post_id) for row in rows(engine)] == [(1, 1001), (2, 1002), (3, 1003)]


def test_a_thread_read_whole_without_ids_marks_the_floors_it_no_longer_shows(engine: Engine, site_id: int) -> None:
    unnumbered = [post(floor) | {"post_id": None} for floor in (1, 2, 3)]
    write_posts(engine, site_id, unnumbered)
    assert mark_deleted(engine, site_id, 7, unnumbered[:2]) == 1
    assert [row[1] for row in current(engine)] == [1, 2]


@pytest.mark.parametrize("position", [{"floor": None}, {"thread_id": None}])
def test_a_post_without_a_position_is_refused_naming_it(engine: Engine, site_id: int,
                                                         position: dict[str, None]) -> None:
    with pytest.raises(ValueError, match=r"^post .*tid=7.*: no position"):
        write_posts(engine, site_id, [post(1), post(2) | position])
    assert rows(engine) == []


def test_a_thread_read_whole_without_ids_keeps_the_posts_it_shows_by_position(engine: Engine, site_id: int) -> None:
    """A thread stored from its pages (with ids), then read whole through the archiver (none)."""
    write_posts(engine, site_id, [post(floor) for floor in (1, 2, 3)])
    archiver = [post(floor) | {"post_id": None} for floor in (1, 2)]
    write_posts(engine, site_id, archiver)
    assert mark_deleted(engine, site_id, 7, archiver) == 1
    assert [row[2] for row in current(engine)] == [1001, 1002]


def test_threads_read_in_one_batch_are_marked_as_if_one_by_one(engine: Engine, site_id: int) -> None:
    """The storage stage marks a batch's threads in one call: each thread by its own pages, and
    a thread read twice in the batch keeps only the posts both reads showed."""
    first, second = [post(floor) for floor in range(1, 5)], [post(floor, thread_id=8) for floor in range(1, 4)]
    write_posts(engine, site_id, first + second)
    shown = {7: [(row["post_id"], row["floor"]) for row in first[:3]],
             8: [(row["post_id"], row["floor"]) for row in second]}
    with engine.connect() as conn:
        marked = db.mark_threads_deleted(conn, site_id, [(7, shown[7]), (8, shown[8]), (7, shown[7][1:])])
    assert marked == 2
    assert [(row[0], row[2]) for row in current(engine)] == [(7, 1002), (7, 1003), (8, 2001), (8, 2002), (8, 2003)]
