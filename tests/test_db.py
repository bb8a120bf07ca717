"""The db package on a real SQLite file, and on PostgreSQL: $TEST_POSTGRES_URL (its
forum-harvest tables are dropped) or a throwaway local cluster, skipped when neither exists."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, inspect, select
from sqlalchemy import text as sa_text
from sqlalchemy.exc import StatementError

import db
from db.queries import thread_posts
from db.models import Base, PostAttachment

SITE = "http://127.0.0.1:8090/"
BEIJING = timezone(timedelta(hours=8))
FETCHED = datetime(2024, 5, 1, 10, 0, 0, tzinfo=UTC)
EXPORT_KEYS = [
    "site",
    "forum_id",
    "forum_name",
    "thread_id",
    "thread_title",
    "post_id",
    "floor",
    "author",
    "posted_at",
    "posted_at_precision",
    "edited_at",
    "body",
    "quotes",
    "signature",
    "url",
    "fetched_at",
    "author_banned",
    "content_hidden",
    "images",
    "engine",
    "attachments",
    "media",
]


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/data/forum.db"
    else:
        url = request.getfixturevalue("postgres_url")  # conftest: $TEST_POSTGRES_URL or our own
    engine = db.make_engine(url)
    Base.metadata.drop_all(engine)
    db.create_schema(engine)
    yield engine
    Base.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture
def site_id(engine: Engine) -> int:
    with engine.connect() as conn:
        return db.upsert_site(conn, SITE, "Sample forum", "Asia/Shanghai")


def post(floor: int, thread_id: int = 7, **fields: Any) -> dict[str, Any]:
    return {
        "thread_id": thread_id,
        "floor": floor,
        "post_id": 1000 * (thread_id - 6) + floor,
        "author": f"user{floor}",
        "posted_at": datetime(2024, 4, 30, 21, floor, tzinfo=BEIJING),
        "posted_at_precision": "minute",
        "body": f"body of floor {floor}",
        "quotes": [{"author": "user1", "posted_at": "2024-04-30T13:01:00+00:00", "text": "引用"}],
        "url": f"{SITE}forum.php?mod=viewthread&tid={thread_id}",
        "fetched_at": FETCHED,
    } | fields


def dump(engine: Engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {
            table.name: [tuple(row) for row in conn.execute(select(table).order_by(table.c.id))]
            for table in Base.metadata.sorted_tables
        }


def stored_post(engine: Engine, floor: int, thread_id: int = 7) -> Any:
    with engine.connect() as conn:
        query = select(db.Post).where(db.Post.thread_id == thread_id, db.Post.floor == floor)
        return conn.execute(query).one()


def write_posts(engine: Engine, site_id: int, rows: list[dict[str, Any]]) -> tuple[int, int]:
    with engine.connect() as conn:
        return db.upsert_posts(conn, site_id, rows)


def test_schema_has_every_table_and_the_post_id_index(engine: Engine) -> None:
    db.create_schema(engine)  # a second call is harmless
    inspector = inspect(engine)
    assert set(inspector.get_table_names()) >= {"sites", "forums", "threads", "posts", "crawl_runs"}
    indexed = [index["column_names"] for index in inspector.get_indexes("posts")]
    assert ["site_id", "post_id"] in indexed


def test_sqlite_file_is_created_in_wal_mode(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path}/new/folder/forum.db")
    with engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout")
        }
    assert (tmp_path / "new" / "folder" / "forum.db").is_file()
    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000}


def test_writing_the_same_batch_twice_changes_nothing(engine: Engine, site_id: int) -> None:
    rows = [post(floor) for floor in range(1, 6)]
    with engine.connect() as conn:
        db.upsert_forums(conn, site_id, [{"forum_id": 2, "name": "灌水", "category": "社区"}])
        db.upsert_threads(
            conn, site_id, [{"thread_id": 7, "title": "Hello", "forum_id": 2, "views": 9}]
        )
    assert write_posts(engine, site_id, rows) == (5, 0)
    before = dump(engine)
    with engine.connect() as conn:
        assert db.upsert_site(conn, SITE, "Sample forum", "Asia/Shanghai") == site_id
        db.upsert_forums(conn, site_id, [{"forum_id": 2, "name": "灌水", "category": "社区"}])
        db.upsert_threads(
            conn, site_id, [{"thread_id": 7, "title": "Hello", "forum_id": 2, "views": 9}]
        )
    assert write_posts(engine, site_id, rows) == (0, 0)
    assert dump(engine) == before


def test_a_changed_body_counts_as_changed_and_moves_updated_at(
    engine: Engine, site_id: int
) -> None:
    write_posts(engine, site_id, [post(1), post(2)])
    before = stored_post(engine, 2)
    refetched = FETCHED + timedelta(hours=1)
    assert write_posts(
        engine,
        site_id,
        [post(1, fetched_at=refetched), post(2, body="edited", fetched_at=refetched)],
    ) == (0, 1)
    after = stored_post(engine, 2)
    assert (after.body, after.fetched_at, after.first_seen_at) == (
        "edited",
        refetched,
        before.first_seen_at,
    )
    assert after.updated_at > before.updated_at
    assert stored_post(engine, 1).fetched_at == FETCHED  # unchanged post: untouched


def test_a_changed_body_keeps_the_previous_one_as_a_revision(engine: Engine, site_id: int) -> None:
    write_posts(engine, site_id, [post(1), post(2)])
    first = stored_post(engine, 2)
    write_posts(engine, site_id, [post(1), post(2, body="edited once", edited_at=FETCHED)])
    write_posts(engine, site_id, [post(1), post(2, body="edited twice", edited_at=FETCHED)])
    write_posts(engine, site_id, [post(1), post(2, body="edited twice", edited_at=FETCHED)])
    with engine.connect() as conn:
        revisions = conn.execute(select(db.PostRevision).order_by(db.PostRevision.id)).all()
    assert [(r.thread_id, r.floor, r.post_id, r.body) for r in revisions] == [
        (7, 2, 1002, "body of floor 2"),
        (7, 2, 1002, "edited once"),
    ]
    assert revisions[0].seen_from == first.updated_at
    assert revisions[0].edited_at is None and revisions[1].edited_at == FETCHED
    assert revisions[0].replaced_at <= revisions[1].replaced_at
    assert stored_post(engine, 2).body == "edited twice"


def test_a_thread_list_row_never_overwrites_what_the_thread_page_said(
    engine: Engine, site_id: int
) -> None:
    def status() -> str:
        with engine.connect() as conn:
            return conn.execute(select(db.Thread.status).where(db.Thread.thread_id == 7)).scalar_one()

    with engine.connect() as conn:
        db.upsert_threads(conn, site_id, [{"thread_id": 7, "title": "Hello", "replies": 3}])
    assert status() == "ok"
    with engine.connect() as conn:
        db.upsert_threads(conn, site_id, [{"thread_id": 7, "title": None, "status": "forbidden"}])
    before = dump(engine)
    with engine.connect() as conn:
        db.upsert_threads(conn, site_id, [{"thread_id": 7, "title": "Hello", "replies": 3}])
    assert status() == "forbidden" and dump(engine) == before
    with engine.connect() as conn:
        db.upsert_threads(conn, site_id, [{"thread_id": 7, "title": "Hello", "status": "ok"}])
    assert status() == "ok"


def test_new_and_changed_posts_are_counted_apart(engine: Engine, site_id: int) -> None:
    write_posts(engine, site_id, [post(1), post(2)])
    batch = [post(1), post(2, quotes=[]), post(3), post(1, thread_id=8)]
    assert write_posts(engine, site_id, batch) == (2, 1)


@pytest.mark.parametrize(
    ("stored", "incoming", "overwritten"),
    [
        ("day", "second", True),
        ("second", "day", False),
        ("minute", "minute", False),
        (None, "hour", True),
    ],
)
def test_posted_at_is_replaced_only_by_a_more_precise_time(
    engine: Engine, site_id: int, stored: str | None, incoming: str, overwritten: bool
) -> None:
    old_time = datetime(2024, 4, 30, 0, 0, tzinfo=BEIJING)
    new_time = datetime(2024, 4, 30, 21, 5, 7, tzinfo=BEIJING)
    write_posts(engine, site_id, [post(1, posted_at=old_time, posted_at_precision=stored)])
    counts = write_posts(
        engine, site_id, [post(1, posted_at=new_time, posted_at_precision=incoming)]
    )
    row = stored_post(engine, 1)
    expected = (new_time, incoming) if overwritten else (old_time, stored)
    assert (row.posted_at, row.posted_at_precision) == expected
    assert counts == (0, int(overwritten))


def test_unknown_post_time_or_post_id_never_erases_a_known_one(
    engine: Engine, site_id: int
) -> None:
    write_posts(engine, site_id, [post(1)])
    assert write_posts(
        engine, site_id, [post(1, posted_at=None, posted_at_precision=None, post_id=None)]
    ) == (0, 0)
    row = stored_post(engine, 1)
    assert (row.post_id, row.posted_at_precision) == (1001, "minute")


def test_thread_values_are_never_replaced_by_null(engine: Engine, site_id: int) -> None:
    with engine.connect() as conn:
        db.upsert_threads(
            conn,
            site_id,
            [{"thread_id": 7, "title": "Hello", "forum_id": 2, "views": 120, "replies": 4}],
        )
        db.upsert_threads(
            conn, site_id, [{"thread_id": 7, "title": "Hello", "page_count": 3, "replies": 5}]
        )
        thread = conn.execute(select(db.Thread)).one()
    assert (thread.forum_id, thread.views, thread.replies, thread.page_count) == (2, 120, 5, 3)
    assert thread.status == "ok"


def test_datetimes_round_trip_as_aware_utc_and_naive_ones_are_refused(
    engine: Engine, site_id: int
) -> None:
    write_posts(engine, site_id, [post(1, edited_at=datetime(2024, 5, 1, 8, 0, tzinfo=BEIJING))])
    row = stored_post(engine, 1)
    assert row.edited_at == datetime(2024, 5, 1, 0, 0, tzinfo=UTC)
    assert row.edited_at.utcoffset() == timedelta(0)
    with pytest.raises(StatementError, match="naive datetime"):
        write_posts(engine, site_id, [post(2, fetched_at=datetime(2024, 5, 1))])


def test_export_records_have_the_contract_keys_in_order(engine: Engine, site_id: int) -> None:
    with engine.connect() as conn:
        db.upsert_forums(conn, site_id, [{"forum_id": 2, "name": "灌水"}])
        db.upsert_threads(conn, site_id, [{"thread_id": 7, "title": "Hello", "forum_id": 2}])
        other_site = db.upsert_site(conn, "http://example.com/bbs/", None, "Asia/Shanghai")
    write_posts(
        engine,
        site_id,
        [
            post(2, thread_id=9),
            post(2),
            post(
                1,
                signature="sig",
                edited_at=datetime(2024, 5, 1, 8, 0, tzinfo=BEIJING),
                edited_by="user1",
            ),
        ],
    )
    write_posts(engine, other_site, [post(1, posted_at=None, posted_at_precision=None)])
    with engine.connect() as conn:
        records = list(db.export_records(conn))
        only_sample = list(db.export_records(conn, site=SITE))
    assert all(list(record) == EXPORT_KEYS for record in records)
    assert [(r["site"], r["thread_id"], r["floor"]) for r in records] == [
        ("http://127.0.0.1:8090/", 7, 1),
        ("http://127.0.0.1:8090/", 7, 2),
        ("http://127.0.0.1:8090/", 9, 2),
        ("http://example.com/bbs/", 7, 1),
    ]
    assert only_sample == records[:3]
    first = records[0]
    assert first == {
        "site": SITE,
        "forum_id": 2,
        "forum_name": "灌水",
        "thread_id": 7,
        "thread_title": "Hello",
        "post_id": 1001,
        "floor": 1,
        "author": "user1",
        "posted_at": "2024-04-30T13:01:00+00:00",
        "posted_at_precision": "minute",
        "edited_at": "2024-05-01T00:00:00+00:00",
        "body": "body of floor 1",
        "quotes": post(1)["quotes"],
        "signature": "sig",
        "url": post(1)["url"],
        "fetched_at": "2024-05-01T10:00:00+00:00",
        "author_banned": False,
        "content_hidden": False,
        "images": [],
        "engine": "discuz",
        "attachments": [],
        "media": [],
    }
    assert (records[2]["forum_name"], records[2]["thread_title"]) == (None, None)
    assert records[3]["posted_at"] is None


ATTACHMENT = {"name": "模板.docx", "url": f"{SITE}forum.php?mod=attachment&aid=MnxhYmM", "size": "456.84 KB",
              "downloads": 68, "uploaded_at": "2024-04-30T07:53:00+00:00", "needs_login": False,
              "needs_credits": True, "attachment_id": 2}


def test_attachments_are_stored_with_their_post_and_replaced_when_it_is_stored_again(
    engine: Engine, site_id: int
) -> None:
    picture = ATTACHMENT | {"name": "图.jpg", "url": f"{SITE}data/a.jpg", "size": None, "downloads": None,
                            "uploaded_at": None, "needs_credits": False, "attachment_id": None}
    assert write_posts(engine, site_id, [post(1, attachments=[ATTACHMENT, picture]), post(2, attachments=[])]) == (2, 0)
    exported = {key: value for key, value in ATTACHMENT.items() if key != "attachment_id"}
    with engine.connect() as conn:
        records = list(db.export_records(conn))
    assert [r["attachments"] for r in records] == [
        [exported, {key: value for key, value in picture.items() if key != "attachment_id"}], []]
    # The same post again: its attachments are what the page shows now, not counted as a change.
    assert write_posts(engine, site_id, [post(1, attachments=[ATTACHMENT | {"downloads": 70}])]) == (0, 0)
    # A row without the key (a writer that knows no attachments) leaves them alone.
    write_posts(engine, site_id, [post(2)])
    with engine.connect() as conn:
        assert [r["attachments"] for r in db.export_records(conn)] == [[exported | {"downloads": 70}], []]
        assert conn.execute(select(PostAttachment.attachment_id)).scalars().all() == [2]


def test_v_posts_and_the_thread_s_posts_show_each_post_s_attachments(engine: Engine, site_id: int) -> None:
    picture = ATTACHMENT | {"name": "图.jpg", "url": f"{SITE}data/a.jpg", "size": None}
    unnamed = ATTACHMENT | {"name": None, "url": None, "size": "1 KB"}
    write_posts(engine, site_id, [post(1, attachments=[ATTACHMENT, picture, unnamed]), post(2, attachments=[])])
    with engine.connect() as conn:
        shown = conn.execute(sa_text("SELECT floor, attachments FROM v_posts ORDER BY floor")).all()
        thread = thread_posts(conn, 7)
    assert [tuple(row) for row in shown] == [
        (1, f"模板.docx (456.84 KB) {ATTACHMENT['url']}\n图.jpg {SITE}data/a.jpg\n? (1 KB)"), (2, None)]
    assert [[a["name"] for a in p["attachments"]] for p in thread] == [["模板.docx", "图.jpg", None], []]


def test_thread_list_and_forum_summary_count_stored_posts(engine: Engine, site_id: int) -> None:
    with engine.connect() as conn:
        db.upsert_forums(
            conn, site_id, [{"forum_id": 2, "name": "灌水"}, {"forum_id": 3, "name": "Empty"}]
        )
        db.upsert_threads(
            conn,
            site_id,
            [
                {"thread_id": 7, "title": "Hello", "forum_id": 2, "replies": 2},
                {"thread_id": 8, "title": "Other", "forum_id": 2},
            ],
        )
    write_posts(engine, site_id, [post(1), post(2), post(3)])
    with engine.connect() as conn:
        threads = db.list_threads(conn, site=SITE, forum_id=2)
        forums = db.forum_summary(conn, site=SITE)
    assert [(t["thread_id"], t["forum_name"], t["posts"]) for t in threads] == [
        (8, "灌水", 0),
        (7, "灌水", 3),
    ]
    assert threads[1]["last_post_at"] == datetime(2024, 4, 30, 13, 3, tzinfo=UTC)
    assert [(f["forum_id"], f["threads"], f["posts"]) for f in forums] == [(2, 2, 3), (3, 0, 0)]


def test_crawl_runs_are_recorded_from_start_to_end(engine: Engine, site_id: int) -> None:
    with engine.connect() as conn:
        run_id = db.record_crawl_start(conn, f"{SITE}forum.php")
        db.set_crawl_site(conn, run_id, site_id)
        db.record_crawl_end(
            conn, run_id, "finished", {"pages": 12, "posts_new": 30, "start_time": FETCHED}, None
        )
        summary = db.stats(conn)
        [run] = db.crawl_runs(conn, limit=5)
        site = conn.execute(select(db.Site)).one()
        with pytest.raises(ValueError, match="status 'done'"):
            db.record_crawl_end(conn, run_id, "done", {}, None)
    assert summary["sites"] == 1 and summary["posts"] == 0
    assert (summary["last_crawl_status"], summary["last_crawl_pages"]) == ("finished", 12)
    assert (run["site"], run["posts_new"], run["errors"]) == (SITE, 30, 0)
    assert run["stats"] == {"start_time": "2024-05-01T10:00:00+00:00"}
    assert site.last_crawled_at == run["finished_at"]


def test_runs_left_running_by_a_dead_process_on_this_host_are_closed(engine: Engine, site_id: int) -> None:
    alive_pids = {101}
    with engine.connect() as conn:
        dead = db.record_crawl_start(conn, SITE, site_id, host="here", pid=100)
        alive = db.record_crawl_start(conn, SITE, site_id, host="here", pid=101)
        elsewhere = db.record_crawl_start(conn, SITE, site_id, host="there", pid=100)
        with conn.begin():
            closed = db.close_abandoned_runs(conn, site_id, "here", is_alive=alive_pids.__contains__)
        status = dict(conn.execute(select(db.CrawlRun.id, db.CrawlRun.status)).all())
    assert closed == 1
    assert status == {dead: "interrupted", alive: "running", elsewhere: "running"}


def test_an_upsert_joins_the_callers_transaction(engine: Engine, site_id: int) -> None:
    with engine.connect() as conn:
        transaction = conn.begin()
        db.upsert_posts(conn, site_id, [post(1)])
        transaction.rollback()
    with db.session_factory(engine)() as session:
        assert db.upsert_posts(session, site_id, [post(2)]) == (1, 0)
    assert [row[3] for row in dump(engine)["posts"]] == [2]  # floor


def test_batches_of_many_sizes_look_up_stored_posts_with_few_statements(engine: Engine, site_id: int) -> None:
    """Every distinct SQL text is one more prepared statement SQLite caches (up to 128, ~140 KB
    each at 500 posts): a crawl must not send a new one with every batch."""
    lookups: set[str] = set()

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "posts.body" in statement:
            lookups.add(statement)

    event.listen(engine, "before_cursor_execute", record)
    batches = [[post(floor, thread_id=1000 * size + floor // 3) for floor in range(1, size + 1)]
               for size in range(1, 41)]
    try:
        assert [write_posts(engine, site_id, batch) for batch in batches] == [(size, 0) for size in range(1, 41)]
        batches[-1][0]["body"] = "changed"
        assert [write_posts(engine, site_id, batch) for batch in batches][-2:] == [(0, 0), (0, 1)]
    finally:
        event.remove(engine, "before_cursor_execute", record)
    # padded to 16, 32 and 64 post ids, and as many (thread_id, floor) pairs for ids not stored yet
    assert 0 < len(lookups) <= 6


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("", "empty database URL"),
        ("   ", "empty database URL"),
        ("foo://", "unsupported database 'foo'"),
        ("notadialect://x", "unsupported database"),
        ("sqlite:/x", "malformed database URL"),
        ("mysql://u@host/db", "unsupported database 'mysql'"),
        ("postgresql+psycopg2://u@host/db", r"use postgresql\+psycopg://"),
    ],
)
def test_unusable_urls_give_a_one_line_error(url: str, complaint: str) -> None:
    with pytest.raises(db.DatabaseURLError, match=complaint) as error:
        db.make_engine(url)
    assert "\n" not in str(error.value)


def test_a_sqlite_folder_that_cannot_be_created_is_a_url_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    url = f"sqlite:///{tmp_path}/a-file/sub/forum.db"
    with pytest.raises(db.DatabaseURLError, match="cannot create folder") as error:
        db.make_engine(url)
    assert url in str(error.value) and "\n" not in str(error.value)


def test_a_missing_driver_is_a_url_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # makes `import psycopg` fail
    with pytest.raises(db.DatabaseURLError, match=r"'psycopg'.* is not installed"):
        db.make_engine("postgresql://u@localhost/db")


def test_bare_postgresql_urls_use_psycopg_3() -> None:
    assert db.make_engine("postgresql://u@localhost/db").dialect.driver == "psycopg"


def test_database_url_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert db.resolve_database_url(None) == "sqlite:///data/forum.db"
    monkeypatch.setenv("DATABASE_URL", "sqlite:///env.db")
    assert db.resolve_database_url(None) == "sqlite:///env.db"
    assert db.resolve_database_url("sqlite:///cli.db") == "sqlite:///cli.db"


def test_open_existing_creates_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/missing/forum.db"
    with pytest.raises(db.DatabaseMissingError):
        db.open_existing(url)
    assert not (tmp_path / "missing").exists()
    db.create_schema(db.make_engine(url))
    db.open_existing(url).dispose()


def test_gaps_add_up_over_runs_are_listed_and_cleared(engine: Engine, site_id: int) -> None:
    page = f"{SITE}forum.php?mod=viewthread&tid=7&page=2"
    other = f"{SITE}forum.php?mod=forumdisplay&fid=2"
    with engine.begin() as conn:
        run_id = db.record_crawl_start(conn, SITE, site_id)
        db.record_gaps(conn, site_id, run_id, [db.Gap(page, "thread", "HTTP 503", 3),
                                               db.Gap(other, "list", "empty response", 2)])
        db.record_gaps(conn, site_id, run_id, [db.Gap(page, "thread", "timed out", 3)])
        db.record_crawl_end(conn, run_id, "incomplete", {"errors": 2}, "2 pages failed")
    with engine.connect() as conn:
        gaps = {gap["url"]: gap for gap in db.open_gaps(conn, SITE)}
        assert (gaps[page]["attempts"], gaps[page]["reason"], gaps[page]["site"]) == (6, "timed out", SITE)
        assert db.open_gaps(conn, "http://elsewhere.example/") == []
    with engine.begin() as conn:
        assert db.clear_gaps(conn, site_id, [page, "http://never.example/"]) == 1
    with engine.connect() as conn:
        assert [gap["url"] for gap in db.open_gaps(conn)] == [other]
        assert db.crawl_runs(conn, site=":8090")[0]["status"] == "incomplete"
