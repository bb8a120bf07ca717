"""Alembic migrations on a real SQLite file and on PostgreSQL: a new database, a database an
older forum-harvest created before migrations existed, one a newer version wrote, and the
``forum-harvest db`` commands."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.operations import Operations
from alembic.script import ScriptDirectory
from click.testing import CliRunner

import db
from db.migrate import COMPARE_OPTIONS, alembic_config, is_our_object, upgrade_schema
from db.models import Base
from db.search import search_posts
from db.search_index import drop_search_index, install_search_index
from db.views import VIEWS, create_views, drop_views
from forum_harvest.cli import main
from tests.conftest import run_cli

WHEN = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
MODEL_TABLES = {table.name for table in Base.metadata.sorted_tables}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/forum.db"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = db.make_engine(url)
    Base.metadata.drop_all(engine)
    yield engine
    Base.metadata.drop_all(engine)
    engine.dispose()


def url_of(engine: sa.Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def schema_differences(engine: sa.Engine) -> list[Any]:
    """What autogenerate would change to make the database match the models."""
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={**COMPARE_OPTIONS, "include_object": is_our_object}
        )
        return compare_metadata(context, Base.metadata)


def check_constraints(engine: sa.Engine) -> dict[str, list[str]]:
    """CHECK constraints, which compare_metadata does not look at."""
    inspector = sa.inspect(engine)
    return {
        table: sorted(check["name"] for check in inspector.get_check_constraints(table))
        for table in sorted(MODEL_TABLES)
    }


def revision_of(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return db.schema_revision(conn)


def rows_of(engine: sa.Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every model table the database has, as the database has it."""
    reflected = sa.MetaData()
    reflected.reflect(engine, only=lambda name, _: name in MODEL_TABLES)
    with engine.connect() as conn:
        return {
            name: [dict(row._mapping) for row in conn.execute(sa.select(table).order_by(table.c.id))]
            for name, table in reflected.tables.items()
        }


def undo_post_identity(operations: Operations) -> None:
    """Migration 0007's changes undone: posts keyed by (thread, floor) again."""
    for name in ("uq_posts_site_id_post_id", "uq_posts_site_id_thread_id_floor_unnumbered",
                 "ix_posts_site_id_thread_id_floor"):
        operations.drop_index(name, table_name="posts")
    with operations.batch_alter_table("posts") as batch:
        batch.drop_column("deleted_at")
        batch.create_unique_constraint("uq_posts_site_id_thread_id_floor", ["site_id", "thread_id", "floor"])
        batch.create_index("ix_posts_site_id_post_id", ["site_id", "post_id"])
    with operations.batch_alter_table("threads") as batch:
        batch.drop_column("last_post_at")
        batch.drop_column("last_poster")


def create_like_before_migrations(engine: sa.Engine, *, older_tables: bool) -> None:
    """What a version without migrations left: the baseline's tables (today's create_all
    minus what later migrations added), a few rows, the search
    index (holding them) and the views. ``older_tables``: as before post_revisions, nullable
    threads.title, posts.content_hidden and crawl_runs.host/pid."""
    Base.metadata.create_all(engine)
    with engine.begin() as conn:  # what later migrations added: no such database has it
        operations = Operations(MigrationContext.configure(conn))
        with operations.batch_alter_table("posts") as batch:
            batch.drop_column("images")
            batch.drop_column("warc_file")  # 0004's
            batch.drop_column("warc_offset")
        conn.execute(sa.text("DROP TABLE crawl_queue"))  # migration 0005
        with operations.batch_alter_table("crawl_runs") as batch:  # 0006
            batch.drop_column("reasons")
            batch.drop_constraint("ck_crawl_runs_status", type_="check")
            batch.create_check_constraint("ck_crawl_runs_status",
                                          "status IN ('running', 'finished', 'failed', 'interrupted')")
        undo_post_identity(operations)
        with operations.batch_alter_table("sites") as batch:  # 0008
            batch.drop_column("engine")
    if older_tables:
        with engine.begin() as conn:
            operations = Operations(MigrationContext.configure(conn))
            operations.drop_table("post_revisions")
            with operations.batch_alter_table("posts") as batch:
                batch.drop_column("content_hidden")
            with operations.batch_alter_table("crawl_runs") as batch:
                batch.drop_column("host")
                batch.drop_column("pid")
            with operations.batch_alter_table("threads") as batch:
                batch.alter_column("title", existing_type=sa.Text(), nullable=False)
    write_rows_as_an_older_version(engine)
    with engine.begin() as conn:
        install_search_index(conn)
        for name, query in VIEWS.items():  # as before 0007's columns and 0010's attachments
            query = query.replace("{attachments} AS attachments", "NULL AS attachments")
            for added in ("WHERE p.deleted_at IS NULL", "AND p.deleted_at IS NULL", "t.last_post_at, t.last_poster,"):
                query = query.replace(added, "")
            conn.execute(sa.text(f"CREATE VIEW {name} AS {query}"))


def write_rows_as_an_older_version(engine: sa.Engine) -> None:
    """Rows written through the tables the database has (no column it lacks)."""
    tables = sa.MetaData()
    tables.reflect(engine, only=["sites", "threads", "posts", "crawl_runs"])
    with engine.begin() as conn:
        site_id = conn.execute(sa.insert(tables.tables["sites"]).values(
            url="http://old.test/", timezone="Asia/Shanghai", first_seen_at=WHEN).returning(sa.text("id"))).scalar_one()
        conn.execute(sa.insert(tables.tables["threads"]).values(
            site_id=site_id, thread_id=7, title="旧帖子", status="ok", first_seen_at=WHEN, updated_at=WHEN))
        posts = tables.tables["posts"]
        conn.execute(sa.insert(posts), [
            {name: value for name, value in {
                "site_id": site_id, "thread_id": 7, "floor": floor, "author_banned": False,
                "content_hidden": False, "body": f"作风建设 第{floor}楼", "quotes": [],
                "fetched_at": WHEN, "first_seen_at": WHEN, "updated_at": WHEN,
            }.items() if name in posts.c}
            for floor in (1, 2)
        ])
        conn.execute(sa.insert(tables.tables["crawl_runs"]).values(
            site_id=site_id, start_url="http://old.test/forum.php", started_at=WHEN,
            status="finished", pages=3, threads=1, posts_new=2, posts_changed=0, errors=0))


def test_head_revision_is_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_heads() == [db.HEAD_REVISION]


def test_a_new_database_upgraded_to_head_matches_the_models(empty_engine: sa.Engine) -> None:
    db.create_schema(empty_engine)
    assert schema_differences(empty_engine) == []
    assert revision_of(empty_engine) == db.HEAD_REVISION
    assert MODEL_TABLES | {"alembic_version"} <= set(sa.inspect(empty_engine).get_table_names())


def reflected_schema(engine: sa.Engine) -> dict[str, Any]:
    """Every table's columns (type, nullability, default), keys, indexes, unique and CHECK
    constraints, as the database reports them."""
    inspector = sa.inspect(engine)
    schema: dict[str, Any] = {}
    for table in sorted(MODEL_TABLES | {"alembic_version"}):
        schema[table] = {
            # In the models' order when created, in the order they were added when migrated.
            "columns": sorted((c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                              for c in inspector.get_columns(table)),
            "primary_key": inspector.get_pk_constraint(table)["constrained_columns"],
            "foreign_keys": sorted((tuple(fk["constrained_columns"]), fk["referred_table"], tuple(fk["referred_columns"]),
                                    str(fk.get("options"))) for fk in inspector.get_foreign_keys(table)),
            "indexes": sorted((ix["name"], tuple(ix["column_names"]), ix["unique"]) for ix in inspector.get_indexes(table)),
            "unique": sorted((uq["name"], tuple(uq["column_names"])) for uq in inspector.get_unique_constraints(table)),
            "checks": sorted((ck["name"], " ".join(ck["sqltext"].split())) for ck in inspector.get_check_constraints(table)),
        }
    schema["views"] = sorted(inspector.get_view_names())
    return schema


def test_a_new_database_is_created_as_the_migrations_would_build_it(empty_engine: sa.Engine) -> None:
    """A database with none of our tables is created from the models and stamped at head
    instead of replaying every migration: the schema must be the one the migrations build."""
    with empty_engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")  # Alembic itself, every migration
        install_search_index(conn)
        create_views(conn)
    migrated = reflected_schema(empty_engine)
    Base.metadata.drop_all(empty_engine)
    assert upgrade_schema(empty_engine, "test") is True
    assert reflected_schema(empty_engine) == migrated
    assert revision_of(empty_engine) == db.HEAD_REVISION


def test_upgrading_twice_changes_nothing(empty_engine: sa.Engine) -> None:
    db.create_schema(empty_engine)
    before = (sa.inspect(empty_engine).get_table_names(), check_constraints(empty_engine))
    assert upgrade_schema(empty_engine, "test") is False
    with empty_engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")  # Alembic itself, past our shortcut
    db.create_schema(empty_engine)
    assert (sa.inspect(empty_engine).get_table_names(), check_constraints(empty_engine)) == before
    assert schema_differences(empty_engine) == []
    assert revision_of(empty_engine) == db.HEAD_REVISION


def test_two_processes_starting_at_once_upgrade_once(empty_engine: sa.Engine) -> None:
    """Both see no revision; the write lock makes the second wait, then find the head."""
    create_like_before_migrations(empty_engine, older_tables=True)
    start = threading.Barrier(2)

    def crawl_start() -> bool:
        start.wait()
        return upgrade_schema(empty_engine, "test")

    with ThreadPoolExecutor(2) as pool:
        upgraded = sorted(pool.map(lambda _: crawl_start(), range(2)))
    assert upgraded == [False, True]
    assert schema_differences(empty_engine) == []


def upgrade_at_crawl_start(engine: sa.Engine) -> None:
    db.create_schema(engine)


def upgrade_on_opening(engine: sa.Engine) -> None:
    db.open_existing(url_of(engine)).dispose()


@pytest.mark.parametrize("upgrade", [upgrade_at_crawl_start, upgrade_on_opening])
def test_a_database_older_than_migrations_is_upgraded_and_keeps_its_rows(
    empty_engine: sa.Engine, upgrade: Callable[[sa.Engine], None]
) -> None:
    fresh_checks = _fresh_check_constraints(empty_engine)
    create_like_before_migrations(empty_engine, older_tables=True)
    before = rows_of(empty_engine)
    upgrade(empty_engine)
    assert revision_of(empty_engine) == db.HEAD_REVISION
    assert schema_differences(empty_engine) == []
    assert check_constraints(empty_engine) == fresh_checks
    after = rows_of(empty_engine)
    assert {name: [{k: row[k] for k in before[name][0]} for row in rows] for name, rows in after.items()
            if name in before} == before
    assert [(row["content_hidden"], row["author_banned"]) for row in after["posts"]] == [(False, False)] * 2
    assert (after["crawl_runs"][0]["host"], after["crawl_runs"][0]["pid"]) == (None, None)
    assert after["post_revisions"] == []
    _assert_writes_and_search_work(empty_engine)


def test_a_database_at_the_baseline_before_migrations_is_stamped_then_upgraded(empty_engine: sa.Engine) -> None:
    create_like_before_migrations(empty_engine, older_tables=False)
    before = rows_of(empty_engine)
    db.create_schema(empty_engine)
    assert revision_of(empty_engine) == db.HEAD_REVISION
    after = rows_of(empty_engine)
    assert [row.pop("images") for row in after["posts"]] == [[] for _ in before["posts"]]  # 0002's column
    assert [(row.pop("warc_file"), row.pop("warc_offset")) for row in after["posts"]] == [
        (None, None) for _ in before["posts"]]  # 0004's columns
    assert after.pop("crawl_queue") == []  # 0005's table
    assert [row.pop("reasons") for row in after["crawl_runs"]] == [None for _ in before["crawl_runs"]]  # 0006's
    assert [row.pop("deleted_at") for row in after["posts"]] == [None for _ in before["posts"]]  # 0007's
    assert [(row.pop("last_post_at"), row.pop("last_poster")) for row in after["threads"]] == [
        (None, None) for _ in before["threads"]]
    assert [row.pop("engine") for row in after["sites"]] == ["discuz" for _ in before["sites"]]  # 0008's
    assert after == before
    assert schema_differences(empty_engine) == []


def test_a_database_of_a_newer_version_is_refused_in_one_line(empty_engine: sa.Engine) -> None:
    db.create_schema(empty_engine)
    with empty_engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0999'"))
    for open_database in (db.create_schema, lambda engine: db.open_existing(url_of(engine))):
        with pytest.raises(db.DatabaseOutdatedError, match=r"^database .* newer forum-harvest .*'0999'") as refused:
            open_database(empty_engine)
        assert "\n" not in str(refused.value)
    upgraded = CliRunner().invoke(main, ["db", "upgrade", "--db", url_of(empty_engine)])
    assert upgraded.exit_code == 1
    assert upgraded.output.count("\n") == 1 and "newer forum-harvest" in upgraded.output
    current = CliRunner().invoke(main, ["db", "current", "--db", url_of(empty_engine)])
    assert current.exit_code == 0 and "0999 (unknown to this version" in current.output
    assert revision_of(empty_engine) == "0999"


def test_db_upgrade_and_current_commands(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/forum.db"
    missing = run_cli("db", "current", "--db", url)
    assert missing.returncode == 1 and "crawl something first" in missing.stderr
    assert run_cli("db", "upgrade", "--db", url).stdout.strip() == f"{url}: created at {db.HEAD_REVISION} (head)"
    assert run_cli("db", "upgrade", "--db", url).stdout.strip() == f"{url}: already at {db.HEAD_REVISION} (head)"
    assert run_cli("db", "current", "--db", url).stdout.strip() == f"{url}: {db.HEAD_REVISION} (head)"


def test_db_upgrade_adopts_a_database_older_than_migrations(empty_engine: sa.Engine) -> None:
    create_like_before_migrations(empty_engine, older_tables=True)
    url = url_of(empty_engine)
    current = CliRunner().invoke(main, ["db", "current", "--db", url])
    assert "none, tables created before migrations (behind head" in current.output
    upgraded = CliRunner().invoke(main, ["db", "upgrade", "--db", url])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"upgraded from none, tables created before migrations to {db.HEAD_REVISION} (head)" in upgraded.output
    assert schema_differences(empty_engine) == []


def _fresh_check_constraints(engine: sa.Engine) -> dict[str, list[str]]:
    """The CHECK constraints of a new database at head, on this backend."""
    db.create_schema(engine)
    checks = check_constraints(engine)
    Base.metadata.drop_all(engine)
    return checks


def _assert_writes_and_search_work(engine: sa.Engine) -> None:
    """The upgraded tables take this version's writes, and the search index (rebuilt with
    the upgrade) finds old and new posts."""
    db.create_schema(engine)
    with engine.connect() as conn:
        site_id = conn.execute(sa.text("SELECT id FROM sites")).scalar_one()
        db.upsert_posts(conn, site_id, [{
            "thread_id": 7, "floor": 3, "post_id": 103, "author": "新人", "posted_at": WHEN,
            "posted_at_precision": "minute", "body": "作风建设 新回复", "quotes": [],
            "url": "http://old.test/thread-7-1-1.html", "fetched_at": WHEN, "content_hidden": True,
        }])
        hits = search_posts(conn, "作风建设", limit=None)
        assert sorted(hit["floor"] for hit in hits) == [1, 2, 3]
        assert conn.execute(sa.text("SELECT count(*) FROM v_posts")).scalar_one() == 3


def test_0007_repairs_the_rows_that_keying_posts_by_floor_mixed(empty_engine: sa.Engine) -> None:
    """Under the old key, deleting floor 2 of pids 11, 12, 13 made the recrawl write pid 13
    into floor 2 (keeping pid 12's time) and left a stale copy of it on floor 3."""
    db.create_schema(empty_engine)
    with empty_engine.begin() as conn:
        drop_views(conn)
        drop_search_index(conn)
        command.downgrade(alembic_config(conn), "0006")
    early, late = datetime(2024, 5, 1, tzinfo=UTC), datetime(2024, 5, 2, tzinfo=UTC)
    post = sa.text("INSERT INTO posts (site_id, thread_id, floor, post_id, author, author_banned, content_hidden, body, "
                   "quotes, posted_at, posted_at_precision, fetched_at, first_seen_at, updated_at) VALUES (1, 7, "
                   ":floor, :pid, 'u', false, false, :body, '[]', :posted, 'minute', :at, :early, :at)")
    with empty_engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO sites (id, url, timezone, first_seen_at) VALUES (1, 'http://x/', 'UTC', :at)"),
                     {"at": early})
        conn.execute(sa.text("INSERT INTO threads (site_id, thread_id, title, replies, page_count, status, "
                             "first_seen_at, updated_at) VALUES (1, 7, 't', 2, 1, 'ok', :at, :at)"), {"at": early})
        conn.execute(post, [
            {"floor": 1, "pid": 11, "body": "a", "posted": early, "at": early, "early": early},
            {"floor": 2, "pid": 13, "body": "c", "posted": early, "at": late, "early": early},  # pid 12's time
            {"floor": 3, "pid": 13, "body": "c", "posted": late, "at": early, "early": early},  # stale copy
        ])
        conn.execute(sa.text("INSERT INTO post_revisions (site_id, thread_id, floor, post_id, body, seen_from, "
                             "replaced_at) VALUES (1, 7, 2, 12, 'b', :early, :late)"), {"early": early, "late": late})
    upgrade_schema(empty_engine, "test")
    tables = rows_of(empty_engine)
    assert [(row["floor"], row["post_id"], row["posted_at"] is None) for row in tables["posts"]] == [
        (1, 11, False), (2, 13, True)]
    assert [(row["floor"], row["post_id"], row["body"]) for row in tables["post_revisions"]] == [
        (2, 12, "b"), (3, 13, "c")]
    assert [(row["replies"], row["page_count"]) for row in tables["threads"]] == [(None, None)]
    assert schema_differences(empty_engine) == []


def test_0011_adds_the_media_table_and_gaps_of_kind_media(empty_engine: sa.Engine) -> None:
    """At 0010 a gap of kind ``media`` is refused; 0011 takes it, keeps the other gaps, and
    its downgrade drops the media gaps with the table."""
    db.create_schema(empty_engine)
    with empty_engine.begin() as conn:
        drop_views(conn)
        drop_search_index(conn)
        command.downgrade(alembic_config(conn), "0010")
    assert "media" not in sa.inspect(empty_engine).get_table_names()
    gap = sa.text("INSERT INTO crawl_gaps (site_id, url, kind, reason, attempts, first_seen_at, last_seen_at) "
                  "VALUES (1, :url, :kind, 'HTTP 500', 1, :at, :at)")
    with empty_engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO sites (id, url, timezone, first_seen_at) VALUES (1, 'http://x/', 'UTC', :at)"),
                     {"at": WHEN})
        conn.execute(gap, {"url": "http://x/t", "kind": "thread", "at": WHEN})
    with pytest.raises(sa.exc.IntegrityError), empty_engine.begin() as conn:
        conn.execute(gap, {"url": "http://x/a.png", "kind": "media", "at": WHEN})
    upgrade_schema(empty_engine, "test")
    with empty_engine.begin() as conn:
        conn.execute(gap, {"url": "http://x/a.png", "kind": "media", "at": WHEN})
        conn.execute(sa.text("INSERT INTO media (site_id, url, status, fetched_at) VALUES (1, 'http://x/a.png', "
                             "'failed', :at)"), {"at": WHEN})
    assert schema_differences(empty_engine) == []
    checks = check_constraints(empty_engine)
    assert (checks["media"], checks["crawl_gaps"]) == (["ck_media_status"], ["ck_crawl_gaps_kind"])
    with empty_engine.begin() as conn:
        drop_views(conn)
        drop_search_index(conn)
        command.downgrade(alembic_config(conn), "0010")
    assert [row["kind"] for row in rows_of(empty_engine)["crawl_gaps"]] == ["thread"]
