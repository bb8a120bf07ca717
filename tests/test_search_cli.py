"""The query commands as a user runs them: search, threads, thread, export, sql, browse."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest
import sqlalchemy as sa

import db
from db.models import Base
from tests import cli_process
from tests.conftest import REPO, copy_sqlite, dump, run_cli
from tests.postgres import free_port
from tests.test_cli_errors import assert_one_line_error


@pytest.fixture
def existing_db(crawled, tmp_path):
    return copy_sqlite(crawled.db_url, tmp_path)


def test_search_jsonl_is_only_records_with_snippets(crawled):
    result = run_cli("search", "作风建设", "--db", crawled.db_url, "--format", "jsonl", "--limit", "5")
    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert hits and all("作风建设" in (h["body"] + h["thread_title"]) for h in hits)
    assert all("«作风建设»" in h["snippet"] and h["matched_in"] for h in hits)


def test_search_table_and_filters(crawled):
    result = run_cli("search", "作风", "--db", crawled.db_url, "--author", "释然", "--since", "2000-01-01")
    assert result.returncode == 0, result.stderr
    assert "1 hit for '作风'" in result.stdout and "释然" in result.stdout
    none = run_cli("search", "作风", "--db", crawled.db_url, "--author", "nobody-at-all")
    assert "0 hits" in none.stdout


def test_search_csv_has_a_header_and_the_search_fields(crawled):
    result = run_cli("search", "的", "--db", crawled.db_url, "--format", "csv", "--limit", "3")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3 and {"score", "matched_in", "snippet", "thread_title"} <= set(rows[0])


@pytest.mark.parametrize("args, fragment", [
    (("search", "***"), "no letters or digits"),
    (("search", "x", "--since", "March"), "--since 'March'"),
    (("search", "x", "--tz", "Mars/Base"), "Mars/Base"),
    (("search", "x", "--since", "2024-05-01", "--until", "2024-04-01"), "not before"),
    (("thread", "987654"), "thread 987654"),
    (("sql", "DELETE FROM posts"), "readonly"),
    (("sql", "SELECT 1; DELETE FROM posts"), "one statement"),
    (("sql", "ATTACH DATABASE '/tmp/x.db' AS x"), "not authorized"),
    (("sql", "SELEC nonsense"), "syntax error"),
])
def test_bad_input_is_one_line_and_changes_nothing(existing_db, args, fragment):
    before = dump(existing_db)
    result = run_cli(*args, "--db", existing_db)
    assert_one_line_error(result, fragment)
    assert dump(existing_db) == before


def test_sql_reads_views_in_every_format(crawled):
    statement = "SELECT thread_title, forum_name, count(*) AS posts FROM v_posts GROUP BY 1, 2 ORDER BY 3 DESC"
    table = run_cli("sql", statement, "--db", crawled.db_url)
    assert table.returncode == 0, table.stderr
    rows = [json.loads(line) for line in run_cli("sql", statement, "--db", crawled.db_url, "--format", "jsonl").stdout.splitlines()]
    assert rows[0]["thread_title"] and rows[0]["forum_name"] and rows[0]["thread_title"][:5] in table.stdout
    engine = db.make_engine(crawled.db_url)
    with engine.connect() as conn:
        assert sum(r["posts"] for r in rows) == conn.execute(sa.text("SELECT count(*) FROM posts")).scalar_one()
    engine.dispose()


def test_sql_on_postgres_is_read_only(postgres_url):
    engine = db.make_engine(postgres_url)
    Base.metadata.drop_all(engine)
    db.create_schema(engine)
    with engine.connect() as conn:
        db.upsert_site(conn, "http://example.test/", "x", "UTC")
    try:
        ok = run_cli("sql", "SELECT url FROM sites", "--db", postgres_url, "--format", "csv")
        assert ok.stdout.splitlines() == ["url", "http://example.test/"]
        for statement in ("DELETE FROM sites", "COMMIT; DELETE FROM sites",
                          "WITH gone AS (DELETE FROM sites RETURNING id) SELECT * FROM gone"):
            assert_one_line_error(run_cli("sql", statement, "--db", postgres_url), "SQL refused")
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM sites")).scalar_one() == 1
    finally:
        Base.metadata.drop_all(engine)
        engine.dispose()


def test_threads_filters_and_sorts(crawled):
    result = run_cli("threads", "--db", crawled.db_url, "--min-replies", "10", "--sort", "replies", "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["replies"] >= 10 for r in rows)
    assert [r["replies"] for r in rows] == sorted((r["replies"] for r in rows), reverse=True)
    by_name = run_cli("threads", "--db", crawled.db_url, "--forum", rows[0]["forum_name"], "--format", "jsonl")
    assert {json.loads(line)["forum_id"] for line in by_name.stdout.splitlines()} == {rows[0]["forum_id"]}


def test_export_one_thread_as_csv_and_the_thread_view(crawled):
    export = run_cli("export", "--db", crawled.db_url, "--thread", "13", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(export.stdout)))
    assert rows and {r["thread_id"] for r in rows} == {"13"}
    assert [int(r["floor"]) for r in rows] == sorted(int(r["floor"]) for r in rows)
    shown = run_cli("thread", "13", "--db", crawled.db_url)
    assert shown.returncode == 0, shown.stderr
    assert rows[0]["thread_title"][:6] in shown.stdout and f"#{rows[-1]['floor']}" in shown.stdout


def test_the_thread_view_shows_each_post_s_attachments(crawled):
    records = [json.loads(line) for line in run_cli("export", "--db", crawled.db_url).stdout.splitlines()]
    attached = next(r for r in records if len(r["attachments"]) > 1)
    shown = run_cli("thread", str(attached["thread_id"]), "--db", crawled.db_url)
    assert shown.returncode == 0, shown.stderr
    lines = [line.strip("│ ") for line in shown.stdout.splitlines() if "attachment: " in line]
    for attachment in attached["attachments"]:
        line = next(line for line in lines if line.startswith(f"attachment: {attachment['name']}"))
        assert attachment["size"] is None or f"({attachment['size']}, {attachment['downloads']} downloads)" in line
    assert len(lines) >= len(attached["attachments"])


def test_a_thread_without_stored_posts_is_one_line(crawled):
    """Thread 34 is closed to guests: its row is stored, no post of it."""
    shown = run_cli("thread", "34", "--db", crawled.db_url)
    assert shown.returncode == 1
    assert shown.stderr.strip() == "Error: thread 34: no stored posts"


def test_export_with_a_query_keeps_only_hits(crawled):
    result = run_cli("export", "--db", crawled.db_url, "--query", "作风", "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all("作风" in r["body"] or "作风" in r["thread_title"] for r in records)
    assert set(records[0]) == set(json.loads(run_cli("export", "--db", crawled.db_url).stdout.splitlines()[0]))


def test_search_builds_a_missing_index_once(existing_db):
    engine = db.make_engine(existing_db)
    with engine.begin() as conn:
        from db.search_index import drop_search_index
        drop_search_index(conn)
    engine.dispose()
    first = run_cli("search", "作风", "--db", existing_db, "--format", "jsonl")
    second = run_cli("search", "作风", "--db", existing_db, "--format", "jsonl")
    assert "built the search index" in first.stderr and second.stderr == ""
    assert first.stdout == second.stdout and first.stdout


def test_browse_serves_the_search_query(existing_db):
    pytest.importorskip("datasette")
    port = free_port()
    server = cli_process.start([sys.executable, "-m", "forum_harvest", "browse", "--db", existing_db,
                                "--port", str(port)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        name = existing_db.rsplit("/", 1)[-1].removesuffix(".db")
        url = f"http://127.0.0.1:{port}/{name}/search.json?_shape=array&q=" + urllib.parse.quote("作风")
        rows = json.loads(_get_when_up(url, server))
        assert rows and all("作风" in row["body"] for row in rows)
        for nothing in ("&q=", "&q=***", ""):  # empty, unsearchable, missing: an empty result
            with urllib.request.urlopen(url.split("&q=")[0] + nothing, timeout=30) as response:
                assert (response.status, json.loads(response.read())) == (200, [])
    finally:
        server.terminate()
        server.wait(timeout=30)
    with socket.socket() as probe:  # Datasette went with it: nothing listens on its port
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is not a listener
        probe.bind(("127.0.0.1", port))


def _get_when_up(url: str, server: subprocess.Popen) -> str:
    """The page, once the server says it is listening (Uvicorn logs that on stderr)."""
    for line in server.stderr:
        if b"Uvicorn running on" in line:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read().decode()
    pytest.fail(f"browse exited with status {server.wait()}")
