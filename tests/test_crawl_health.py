"""Run health: a crawl unlike the site's earlier runs is recorded degraded, exits 4 with one
line, and is POSTed to the configured webhook. The site is the sample forum switched to
another skin between crawls (tests.other_skin)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlalchemy as sa

from forum_harvest.sample_forum import SampleForum, start_server
from forum_harvest.sample_forum.look import Look
from pipeline.run_health import HealthLimits, RunFigures, assess
from tests.conftest import FAST, run_cli
from tests.other_skin import switch_skin

HEALTHY = RunFigures("s", pages=60, threads=40, thread_pages=50, posts=187)


def test_a_run_like_the_earlier_ones_is_healthy():
    assert assess(HEALTHY, [HEALTHY, HEALTHY]) == []
    assert assess(HEALTHY, []) == []


def test_each_rule_names_its_problem():
    cases = {
        "no posts read from 50 thread pages": RunFigures("s", 60, 40, 0, 50, 0),
        "posts without an author: 100%": RunFigures("s", 60, 40, 0, 50, 187, posts_without_author=187),
        "posts without a time: 50%": RunFigures("s", 60, 40, 0, 50, 100, posts_without_time=50),
        "unreadable pages and posts: 30%": RunFigures("s", 60, 40, 0, 50, 40, unreadable=30),
        "errors on 10% of pages (limit 5%)": RunFigures("s", 60, 40, 6, 50, 187),
        "10 threads listed, the last run listed 40": RunFigures("s", 60, 10, 0, 50, 187),
    }
    for reason, run in cases.items():
        assert [r for r in assess(run, [HEALTHY]) if r.startswith(reason)], (reason, assess(run, [HEALTHY]))


def test_fewer_threads_compare_within_one_scope_and_limits_apply():
    narrower = RunFigures("other scope", pages=5, threads=3, thread_pages=3, posts=9)
    assert assess(narrower, [HEALTHY]) == []
    noisy = RunFigures("s", pages=60, threads=40, errors=6, thread_pages=50, posts=187)
    assert assess(noisy, [HEALTHY], HealthLimits(max_error_rate=0.2)) == []


class Receiver:
    """A webhook on 127.0.0.1 keeping the JSON bodies POSTed to it."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []
        self.received = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers["Content-Length"])
                receiver.bodies.append(json.loads(self.rfile.read(length)))
                self.send_response(204)
                self.end_headers()
                receiver.received.set()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver():
    hook = Receiver()
    yield hook
    hook.stop()


def runs(db_url: str) -> list[tuple[str, list | None]]:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT status, reasons FROM crawl_runs ORDER BY id")).all()
    engine.dispose()
    return [(status, json.loads(reasons) if reasons else None) for status, reasons in rows]


def test_a_skin_change_is_noticed_on_the_first_crawl(tmp_path, receiver):
    server = start_server(SampleForum.build())
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    config = tmp_path / "forum-harvest.toml"
    config.write_text(f'[health]\nwebhook_url = "{receiver.url}"\n')
    start = server.url + "forum.php"

    def crawl(*extra: str):
        return run_cli("crawl", start, "--db", db_url, "--config", str(config), "--quiet", *FAST, *extra)

    try:
        first, second = crawl(), crawl()
        assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
        old_skin = switch_skin(server)
        reskinned = crawl("--full")
        server.variant = old_skin
        back = crawl("--full")
    finally:
        server.stop()
    assert reskinned.returncode == 4, reskinned.stderr
    [line] = reskinned.stderr.strip().splitlines()
    assert line.startswith("Error: crawl degraded: ") and "posts without a time: 100%" in line
    assert "posts without an author: 100%" in line
    assert receiver.received.is_set()
    [body] = receiver.bodies
    assert body["status"] == "degraded" and body["start_url"] == start
    assert any(reason.startswith("posts without a time") for reason in body["reasons"])
    assert back.returncode == 0, back.stderr
    statuses = runs(db_url)
    assert [status for status, _ in statuses] == ["finished", "finished", "degraded", "finished"]
    assert statuses[2][1] == body["reasons"]


def test_a_switch_to_a_skin_the_readers_know_is_no_alarm(tmp_path):
    """X3.5 to X2.5 (other columns, classes and headers): every post still read, no false alarm."""
    server = start_server(SampleForum.build())
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    try:
        before = [run_cli("crawl", server.url + "forum.php", "--db", db_url, "--quiet", *FAST) for _ in range(2)]
        server.look = Look(skin="x25")
        after = run_cli("crawl", server.url + "forum.php", "--db", db_url, "--quiet", "--full", *FAST)
    finally:
        server.stop()
    assert [result.returncode for result in (*before, after)] == [0, 0, 0], after.stderr
    assert [status for status, _ in runs(db_url)] == ["finished", "finished", "finished"]


def test_an_unreachable_webhook_is_one_warning(tmp_path, sample_site):
    forum, server = sample_site
    db_url = f"sqlite:///{tmp_path / 'forum.db'}"
    config = tmp_path / "forum-harvest.toml"
    config.write_text('[health]\nwebhook_url = "http://127.0.0.1:9/hook"\nwebhook_timeout = 2\n')
    start = server.url + "forum.php"
    # Every page is an error: the error-rate rule needs no history.
    result = run_cli("crawl", start, "--db", db_url, "--config", str(config), "--quiet", *FAST,
                     "-s", "FORUM_HEALTH_MAX_ERROR_RATE=-1")
    assert result.returncode == 4
    warning, error = result.stderr.strip().splitlines()
    assert warning.startswith("warning: health webhook http://127.0.0.1:9/hook")
    assert error.startswith("Error: crawl degraded: errors on 0% of pages")
