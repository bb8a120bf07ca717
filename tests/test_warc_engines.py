"""WARC replay reads a site by its own engine's rules: the sample forum served as XenForo and
as vBulletin, crawled whole and then one thread again with WARC on (real crawls in
subprocesses), then its files imported into a fresh database (``warc import``) and reparsed
into the crawl's own (``reparse``). The replay starts from the whole-site crawl's start (by
Discuz's rules a XenForo thread URL was "no known page", so the later one-thread crawl was
taken for the whole site), and gives the same posts: nothing new, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from forum_harvest.sample_forum import SampleForum, start_server
from scraper.engines import by_name
from scraper.warc_archive import engine_at, start_url

from tests.conftest import run_cli
from tests.test_warc import crawl, posts, warc_files


ONE_THREAD = {"xenforo": "threads/13/", "vbulletin": "showthread.php?t=13"}


@pytest.mark.parametrize("engine", sorted(ONE_THREAD))
def test_an_engine_s_warc_imports_and_reparses_to_the_crawl_s_records(engine, tmp_path):
    forum = SampleForum.build()
    server = start_server(forum, engine=engine)
    (tmp_path / "crawled").mkdir()
    crawled_url = f"sqlite:///{tmp_path / 'crawled' / 'forum.db'}"
    try:
        crawl(server.url, crawled_url)
        crawl(server.url + ONE_THREAD[engine], crawled_url)  # later, and not the whole site
    finally:
        server.stop()  # from here on, only the WARC files answer
    files = warc_files(tmp_path / "crawled")
    assert files and engine_at(files, server.url) is by_name(engine)
    assert start_url(files) == server.url

    imported_url = f"sqlite:///{tmp_path / 'imported.db'}"
    imported = run_cli("warc", "import", *map(str, files), "--db", imported_url)
    assert imported.returncode == 0, imported.stderr
    assert posts(imported_url) == posts(crawled_url) and len(posts(crawled_url)) > 20
    assert "0 errors" in " ".join(imported.stdout.split())

    reparsed = run_cli("reparse", "--db", crawled_url)
    assert reparsed.returncode == 0, reparsed.stderr
    assert "0 new posts, 0 changed, 0 errors" in " ".join(reparsed.stdout.split())


def test_a_start_page_no_engine_recognizes_is_one_line(tmp_path):
    page = tmp_path / "plain.warc"
    body = b"<html><head><title>Just a page</title></head><body><p>hello</p></body></html>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    page.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://127.0.0.1:9/\r\n"
                     b"WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
                     b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http)
                     + http + b"\r\n\r\n")
    result = run_cli("warc", "import", str(page), "--db", f"sqlite:///{tmp_path / 'x.db'}")
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0 and len(lines) == 1, result.stderr
    assert "http://127.0.0.1:9/" in lines[0] and "no forum engine" in lines[0]
