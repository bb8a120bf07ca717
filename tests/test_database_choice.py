"""Issue 21: one database rule for every command. With ``database_url`` in forum-harvest.toml
and neither ``--db`` nor ``$DATABASE_URL``, every command works on that database (crawl used
to write there while export, sql, stats, runs and search read data/forum.db)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

import db

from tests import cli_process
from tests.conftest import FAST, REPO, copy_sqlite
from tests.postgres import free_port

MARK = "zqxjconfigured"


@pytest.fixture
def configured(crawled, tmp_path) -> dict:
    """A working folder holding only forum-harvest.toml, naming a marked copy of a crawl."""
    store = tmp_path / "store"
    store.mkdir()
    db_url = copy_sqlite(crawled.db_url, store)
    shutil.copytree(Path(crawled.db_url.removeprefix("sqlite:///")).parent / "warc", store / "warc")
    engine = db.make_engine(db_url)  # with the search index's SQL function
    with engine.begin() as conn:
        # The first thread with posts (one a guest may not read has none, and the crawl order varies).
        thread_id = conn.execute(sa.text("SELECT thread_id FROM threads WHERE thread_id IN "
                                         "(SELECT thread_id FROM posts) ORDER BY id LIMIT 1")).scalar()
        conn.execute(sa.text(f"UPDATE threads SET title = '{MARK}' WHERE thread_id = :t"), {"t": thread_id})
        conn.execute(sa.text(f"UPDATE posts SET body = body || ' {MARK}' WHERE id = (SELECT MIN(id) FROM posts)"))
    engine.dispose()
    work = tmp_path / "work"
    work.mkdir()
    (work / "forum-harvest.toml").write_text(f'database_url = "{db_url}"\n', encoding="utf-8")
    return {"work": work, "db_url": db_url, "thread_id": thread_id, "site": crawled.server.url,
            "warc": sorted(str(p) for p in (store / "warc").rglob("*.warc.gz"))}


def run_in(work: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """``forum-harvest`` run from ``work`` (its ./forum-harvest.toml found), no $DATABASE_URL."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "FORUM_HARVEST_CONFIG")}
    return cli_process.run([sys.executable, "-m", "forum_harvest", *args], cwd=work, env=env, timeout=timeout)


def crawl_runs(db_url: str) -> int:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        count = conn.execute(sa.text("SELECT COUNT(*) FROM crawl_runs")).scalar()
    engine.dispose()
    return count


# command -> (arguments, text its output must show); {tid}, {site}, {warc} filled in
COMMANDS = {
    "export": (["export"], MARK),
    "export-query": (["export", "--query", MARK], MARK),
    "sql": (["sql", "SELECT title FROM v_threads WHERE title = 'zqxjconfigured'", "--format", "jsonl"], MARK),
    "stats": (["stats"], "posts"),
    "runs": (["runs", "--format", "jsonl"], "{site}"),
    "search": (["search", MARK, "--format", "jsonl"], MARK),
    "threads": (["threads", "--format", "jsonl", "--limit", "1000"], MARK),
    "thread": (["thread", "{tid}"], ""),
    "db-current": (["db", "current"], "store/forum.db"),
    "db-upgrade": (["db", "upgrade"], "store/forum.db"),
    "queue": (["queue"], "crawl queue"),
    "reparse": (["reparse", "-s", "AUTOTHROTTLE_ENABLED=False"], "reparsed"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_uses_the_configured_database(configured, command):
    arguments, shown = COMMANDS[command]
    arguments = [a.format(tid=configured["thread_id"], site=configured["site"]) for a in arguments]
    result = run_in(configured["work"], *arguments)
    assert result.returncode == 0, result.stderr
    assert shown.format(site=configured["site"]) in result.stdout + result.stderr
    assert not (configured["work"] / "data").exists()  # data/forum.db neither read nor made


def test_crawl_and_warc_import_write_to_the_configured_database(configured):
    work, db_url = configured["work"], configured["db_url"]
    before = crawl_runs(db_url)
    crawl = run_in(work, "crawl", configured["site"] + "forum.php", "--max-threads", "1", "--no-warc", *FAST)
    assert crawl.returncode == 0, crawl.stderr
    imported = run_in(work, "warc", "import", *configured["warc"], "-s", "AUTOTHROTTLE_ENABLED=False")
    assert imported.returncode == 0, imported.stderr
    assert crawl_runs(db_url) == before + 2
    assert not (work / "data").exists()


def test_browse_serves_the_configured_database(configured):
    port = free_port()
    server = cli_process.start([sys.executable, "-m", "forum_harvest", "browse", "--port", str(port)],
                              cwd=configured["work"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"})
    try:
        for line in server.stderr:
            if b"Uvicorn running on" in line:
                break
        else:
            pytest.fail(f"browse exited with status {server.wait()}")
        url = f"http://127.0.0.1:{port}/forum/search.json?_shape=array&q={MARK}"
        with urllib.request.urlopen(url, timeout=30) as response:
            assert any(MARK in row["body"] for row in json.loads(response.read()))
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_db_and_the_environment_come_before_the_config(configured, tmp_path):
    other = f"sqlite:///{tmp_path / 'other.db'}"
    by_option = run_in(configured["work"], "db", "upgrade", "--db", other)
    assert by_option.returncode == 0 and "other.db" in by_option.stdout
    env = {**os.environ, "DATABASE_URL": other}
    by_env = cli_process.run([sys.executable, "-m", "forum_harvest", "db", "current"], cwd=configured["work"],
                             env=env, timeout=120)
    assert by_env.returncode == 0 and "other.db" in by_env.stdout
    assert REPO.exists()
