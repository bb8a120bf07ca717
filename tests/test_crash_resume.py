"""A crawl killed at any moment leaves the database consistent, and the next crawl completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import sqlalchemy as sa

from forum_harvest.sample_forum import start_server
from tests.conftest import FAST, REPO, dump, run_cli
from tests.crawl_records import export, lines

THREAD_PAGES_BEFORE_THE_KILL = 25


def test_killed_crawl_leaves_whole_batches_and_the_next_crawl_completes_it(sample_site, tmp_path):
    forum, _ = sample_site
    server = start_server(forum)
    answered, held, release = [], threading.Event(), threading.Event()

    def hold_after_some_thread_pages(path: str) -> None:
        if "mod=viewthread" in path:
            answered.append(path)
            if len(answered) > THREAD_PAGES_BEFORE_THE_KILL:
                held.set()
                release.wait(60)

    server.before_answer = hold_after_some_thread_pages
    db_file = tmp_path / "killed.db"
    db_url = f"sqlite:///{db_file}"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    crawl = subprocess.Popen(
        [sys.executable, "-m", "forum_harvest", "crawl", server.url + "forum.php", "--db", db_url, *FAST,
         "-s", "STORAGE_BATCH_SIZE=10"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        assert held.wait(120), "the crawl never reached the held page"
        crawl.send_signal(signal.SIGKILL)
        crawl.wait(30)
    finally:
        release.set()
    try:
        engine = sa.create_engine(db_url)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        engine.dispose()
        tables = dump(db_url)
        truth = {(t["thread_id"], t["floor"]): t for t in forum.truth_records()}
        stored = {(p["thread_id"], p["floor"]) for p in tables["posts"]}
        assert 0 < len(stored) < len(truth) and stored <= set(truth)
        assert [run["status"] for run in tables["crawl_runs"]] == ["running"]

        server.before_answer = None
        again = run_cli("crawl", server.url + "forum.php", "--db", db_url, *FAST)
        assert again.returncode == 0, again.stderr
    finally:
        server.stop()
    runs = dump(db_url)["crawl_runs"]
    assert [(run["status"], run["message"]) for run in runs] == [
        ("interrupted", "the crawling process ended without finishing (killed or crashed)"), ("finished", None)]
    got = {(r["thread_id"], r["floor"]): (r["author"], lines(r["body"])) for r in export(db_url)}
    assert got == {key: (t["author"], lines(t["body"])) for key, t in truth.items()}
