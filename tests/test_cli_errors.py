"""Bad input gets one clear line on stderr, a non-zero exit, and an untouched database."""

from __future__ import annotations

import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from functools import partial

import pytest

from tests.conftest import FAST, copy_sqlite, dump, run_cli
from tests.postgres import free_port


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory):
    """A web server on loopback whose pages are not a forum."""
    root = tmp_path_factory.mktemp("plain")
    (root / "index.html").write_text("<html><head><title>Hello</title></head><body><p>Just a page.</p></body></html>")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()


@pytest.fixture
def existing_db(crawled, tmp_path):
    """A copy of a database that already holds one crawl of the sample forum."""
    return copy_sqlite(crawled.db_url, tmp_path)


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_unreachable_url(existing_db):
    """Nothing changes but the history: one failed run saying why (the site may be down)."""
    before = dump(existing_db)
    url = f"http://127.0.0.1:{free_port()}/forum.php"
    result = run_cli("crawl", url, "--db", existing_db, *FAST)
    assert_one_line_error(result, url, "cannot fetch")
    after = dump(existing_db)
    new_runs = after.pop("crawl_runs")[len(before["crawl_runs"]):]
    assert [(run["start_url"], run["status"], run["site_id"]) for run in new_runs] == [(url, "failed", None)]
    assert new_runs[0]["message"] == result.stderr.strip().removeprefix("Error: ")
    assert after == {name: rows for name, rows in before.items() if name != "crawl_runs"}


def test_page_of_no_forum_engine(existing_db, plain_site):
    """One line naming what the page showed of itself, and how to force an engine."""
    before = dump(existing_db)
    result = run_cli("crawl", plain_site, "--db", existing_db, *FAST)
    assert_one_line_error(result, plain_site, "not a page of a forum engine forum-harvest reads",
                          "no generator meta, title 'Hello'", "--engine NAME")
    assert dump(existing_db) == before


@pytest.mark.parametrize("how", [("--engine", "vbulletin9"), ("-s", "FORUM_ENGINE=vbulletin9")])
def test_an_unknown_engine_name(existing_db, sample_site, how):
    _, server = sample_site
    before = dump(existing_db)
    result = run_cli("crawl", server.url + "forum.php", "--db", existing_db, *how, *FAST)
    assert_one_line_error(result, "unknown engine 'vbulletin9'", "forum-harvest reads", "discuz")
    assert dump(existing_db) == before


@pytest.mark.parametrize("bad_url", ["foo://bar", "sqlite:/relative-without-slashes", "postgresql+nodriver://x/y", "not a url"])
def test_malformed_db_url(sample_site, bad_url):
    _, server = sample_site
    result = run_cli("crawl", server.url + "forum.php", "--db", bad_url, *FAST)
    assert_one_line_error(result)
    assert "database" in result.stderr.lower() or bad_url in result.stderr


def test_not_an_http_url(existing_db):
    result = run_cli("crawl", "ftp://example.invalid/x", "--db", existing_db)
    assert_one_line_error(result, "not an http(s) URL")


def test_reading_a_missing_database(tmp_path):
    missing = tmp_path / "nothing-here.db"
    result = run_cli("stats", "--db", f"sqlite:///{missing}")
    assert_one_line_error(result, str(missing))
    assert not missing.exists()


def test_a_start_url_robots_txt_disallows_is_not_fetched(sample_site, tmp_path):
    """Politeness by default: the site's robots.txt (Discuz's own disallows redirects)."""
    forum, server = sample_site
    post = forum.posts[0]
    url = f"{server.url}forum.php?mod=redirect&goto=findpost&ptid={post.thread_id}&pid={post.post_id}"
    result = run_cli("crawl", url, "--db", f"sqlite:///{tmp_path / 'r.db'}", *FAST)
    assert_one_line_error(result, url, "robots.txt")
    assert not (tmp_path / "r.db").exists()


def test_a_database_of_a_newer_version(existing_db, sample_site):
    import sqlalchemy as sa

    _, server = sample_site
    engine = sa.create_engine(existing_db)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0999'")
    engine.dispose()
    before = dump(existing_db)
    for command in (("crawl", server.url + "forum.php", *FAST), ("stats",), ("export",)):
        result = run_cli(*command, "--db", existing_db)
        assert_one_line_error(result, "newer forum-harvest", "'0999' is unknown")
    assert dump(existing_db) == before


def test_a_bad_site_name_mode_setting(existing_db, sample_site):
    _, server = sample_site
    before = dump(existing_db)
    result = run_cli("crawl", server.url + "forum.php", "--db", existing_db, "-s", "FORUM_SITE_NAME_MODE=some")
    assert_one_line_error(result, "FORUM_SITE_NAME_MODE='some'", "injected, all, off")
    assert dump(existing_db) == before
