"""pipeline.batch_store: a database at fault is retried (and reconnected to), then fails in
one line; rows at fault are isolated, the other rows stored."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
import sqlalchemy as sa

import db
from pipeline.batch_store import BatchStore, RetryPolicy, StorageFailed
from tests.postgres import PostgresCluster, own_postgres  # noqa: F401 (a fixture)

rows_table = sa.Table("rows", sa.MetaData(), sa.Column("n", sa.Integer, sa.CheckConstraint("n >= 0"), unique=True))


def insert(conn: sa.Connection, rows: Sequence[dict[str, Any]]) -> int:
    conn.execute(rows_table.insert(), list(rows))
    return len(rows)


def stored(engine: sa.Engine) -> list[int]:
    with engine.connect() as conn:
        return sorted(conn.execute(sa.select(rows_table.c.n)).scalars())


@pytest.fixture
def engine(tmp_path) -> sa.Engine:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'rows.db'}")
    rows_table.create(engine)
    yield engine
    engine.dispose()


def test_rows_at_fault_are_left_out_one_by_one_and_the_rest_is_stored(engine, tmp_path):
    store = BatchStore(engine, str(engine.url), RetryPolicy(times=0))
    bad: list[tuple[int, str]] = []
    batch = [{"n": n} for n in (1, 2, -3, 4, 5, 5, 6)]  # -3 breaks the CHECK, the second 5 is unique
    written = list(store.store_rows(batch, insert, lambda row, error: bad.append((row["n"], type(error).__name__))))
    assert bad == [(-3, "IntegrityError"), (5, "IntegrityError")]
    assert stored(engine) == [1, 2, 4, 5, 6] and sum(written) == 5


def test_a_database_that_stays_unwritable_fails_in_one_line_after_the_retries(tmp_path):
    url = f"sqlite:///{tmp_path / 'gone' / 'rows.db'}"
    engine = db.make_engine(url)
    (tmp_path / "gone").rmdir()  # the folder is gone: SQLite cannot open the file
    waits: list[float] = []
    store = BatchStore(engine, url, RetryPolicy(times=3, backoff=0.5), sleep=waits.append)
    with pytest.raises(StorageFailed) as failed:
        store.commit(lambda conn: insert(conn, [{"n": 1}]))
    assert waits == [0.5, 1.0, 2.0]
    assert str(failed.value) == f"database error: unable to open database file: {tmp_path / 'gone' / 'rows.db'}"


def test_a_restarted_postgres_server_is_reconnected_to(own_postgres: PostgresCluster):
    engine = db.make_engine(own_postgres.url)
    rows_table.create(engine)
    waits: list[float] = []
    store = BatchStore(engine, own_postgres.url, RetryPolicy(times=1, backoff=0.01), sleep=waits.append)
    store.commit(lambda conn: insert(conn, [{"n": 1}]))
    own_postgres.stop()
    own_postgres.start()  # the pooled connection is dead: the first try fails, the retry reconnects
    assert store.commit(lambda conn: insert(conn, [{"n": 2}])) == 1
    assert waits == [0.01] and stored(engine) == [1, 2]
    own_postgres.stop()
    with pytest.raises(StorageFailed, match="^database unreachable: "):
        store.commit(lambda conn: insert(conn, [{"n": 3}]))
    engine.dispose()
