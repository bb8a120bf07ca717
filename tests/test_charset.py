"""Charsets that lie: pages decoded in the charset their bytes are in, whatever they declare;
what no charset reads is not parsed; mojibake stored by an older crawl is repaired."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pipeline.charset import decode_bytes
from scraper.charset_detection import UndecodableBytes, read_charset
from tests.conftest import FAST, dump, run_cli
from tests.test_crawl_e2e import export, lines, own_server  # noqa: F401 (a fixture)

TEXT = "<html><head><title>论坛</title></head><body>" + "中文论坛的帖子，回复一二三。" * 50 + "</body></html>"
FFFD = "\ufffd"


@pytest.mark.parametrize(("data", "declared", "codec", "broken"), [
    (TEXT.encode("gb18030"), ("utf-8", "utf-8"), "gb18030", 0),  # declared UTF-8, bytes GBK
    (TEXT.encode(), ("gbk",), "utf-8", 0),  # declared GBK, bytes UTF-8
    (TEXT.encode("gb18030"), ("iso-8859-1", "gbk"), "gb18030", 0),  # a server's default header
    (TEXT.encode("gb18030"), (), "gb18030", 0),  # nothing declared
    (b"<html>plain ascii</html>", ("utf-8",), "utf-8", 0),
    (TEXT.encode()[:200] + b"\xf0\x9f" + TEXT.encode()[200:], ("utf-8",), "utf-8", 1),  # one cut emoji
    (TEXT[:60].encode("gb18030") + b"\xff" + TEXT[60:].encode("gb18030"), ("utf-8",), "gb18030", 1),
])
def test_read_charset_believes_the_bytes(data, declared, codec, broken):
    reading = read_charset(data, declared)
    assert (reading.codec, reading.broken) == (codec, broken)
    assert FFFD not in data.decode(reading.codec, errors="replace") or broken


# An SMF 1.1 English board's page: its template's <meta> says ISO-8859-1, its bytes are
# windows-1252 (what browsers send for such a page's forms), and they happen to be valid GB18030.
WESTERN = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1" /></head>'
           "<body>Grüße aus Köln, naïve Straße, \u2018quoted\u2019s</body></html>")


def test_a_western_charset_the_page_itself_declares_comes_before_gb18030():
    data = WESTERN.encode("cp1252")
    data.decode("gb18030")  # the trap: valid GB18030 too
    reading = read_charset(data, ("iso-8859-1", "ISO-8859-1"))
    assert (reading.codec, reading.corrected) == ("cp1252", False)
    assert data.decode(reading.codec) == WESTERN
    assert read_charset(data, (None, "ISO-8859-1")).codec == "cp1252"


def test_a_western_charset_only_the_header_names_still_comes_after_gb18030():
    page = WESTERN.replace("charset=ISO-8859-1", "").encode("cp1252")
    assert read_charset(page, ("iso-8859-1",)).codec == "gb18030"


def test_ascii_bytes_are_in_the_charset_declared():
    reading = read_charset(b"<html><body>plain</body></html>", ("iso-8859-1", "ISO-8859-1"))
    assert (reading.codec, reading.corrected) == ("cp1252", False)


def test_bytes_no_charset_reads_are_refused_with_what_was_tried():
    with pytest.raises(UndecodableBytes, match="neither UTF-8 nor GBK/GB18030 text nor the declared utf-8"):
        read_charset(bytes(range(0x80, 0x100)) * 50, ("utf-8",))


def test_clean_reads_files_whose_meta_lies():
    page = '<meta charset="utf-8" />' + TEXT
    assert decode_bytes(page.encode("gb18030")) == page
    assert decode_bytes(page.replace("utf-8", "gbk").encode()) == page.replace("utf-8", "gbk")


def truth(forum) -> dict:
    return {(t["thread_id"], t["floor"]): (t["author"], t["thread_title"], lines(t["body"]))
            for t in forum.truth_records()}


def exported(db_url: str) -> dict:
    return {(r["thread_id"], r["floor"]): (r["author"], r["thread_title"], lines(r["body"])) for r in export(db_url)}


def test_crawl_of_a_site_declaring_utf8_while_sending_gbk(sample_site, own_server, tmp_path):
    forum, _ = sample_site
    server = own_server(charset="gbk", declare_charset="utf-8")
    db_url = f"sqlite:///{tmp_path / 'lying.db'}"
    result = run_cli("crawl", server.url + "forum.php", "--db", db_url, *FAST)
    assert result.returncode == 0, result.stderr
    assert exported(db_url) == truth(forum)
    [run] = dump(db_url)["crawl_runs"]
    assert json.loads(run["stats"])["forum_harvest/pages/charset_corrected"] == len(server.requests) - 1  # all but robots.txt


def test_a_later_crawl_repairs_mojibake_an_older_crawl_stored(sample_site, own_server, tmp_path):
    """The "old" crawl forces UTF-8 on the GBK pages (what versions before this did with a
    lying header); the next normal crawl re-reads the garbled threads from page 1."""
    forum, _ = sample_site
    server = own_server(charset="gbk", declare_charset="utf-8")
    db_url = f"sqlite:///{tmp_path / 'repair.db'}"
    old = run_cli("crawl", server.url + "forum.php", "--db", db_url, *FAST, "-s", "FORUM_CHARSET=utf-8")
    assert old.returncode == 0, old.stderr
    garbled = [p for p in dump(db_url)["posts"] if FFFD in (p["body"] or "") + (p["author"] or "")]
    assert garbled, "the old crawl should have stored mojibake"

    server.requests.clear()
    repair = run_cli("crawl", server.url + "forum.php", "--db", db_url, *FAST)
    assert repair.returncode == 0, repair.stderr
    assert exported(db_url) == truth(forum)
    tables = dump(db_url)
    assert not [row for row in tables["posts"] if FFFD in (row["body"] or "") + (row["author"] or "")]
    assert not [row for row in tables["threads"] if FFFD in (row["title"] or "")]
    revised = {(r["thread_id"], r["floor"]) for r in tables["post_revisions"]}
    assert {(p["thread_id"], p["floor"]) for p in garbled if FFFD in (p["body"] or "")} <= revised
    assert f"/forum.php?mod=viewthread&tid={garbled[0]['thread_id']}" in server.requests
    # Repaired: a third crawl finds nothing garbled, so it reads no thread page at all.
    server.requests.clear()
    third = run_cli("crawl", server.url + "forum.php", "--db", db_url, *FAST)
    assert third.returncode == 0, third.stderr
    assert not [path for path in server.requests if "viewthread" in path]


GARBAGE = b"<html><body>" + bytes(range(0x80, 0x100)) * 40 + b"</body></html>"


@contextmanager
def garbling_proxy(upstream: str, garbled_path: str) -> Iterator[str]:
    """The sample forum behind a proxy (its URL) answering ``garbled_path`` with HTML
    declared UTF-8 whose bytes are neither UTF-8 nor GB18030."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            request = urllib.request.Request(upstream.rstrip("/") + self.path, headers={"Host": self.headers["Host"]})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    status, content_type, body = response.status, response.headers["Content-Type"], response.read()
            except urllib.error.HTTPError as error:
                status, content_type, body = error.code, error.headers["Content-Type"], error.read()
            if self.path == garbled_path:
                status, content_type, body = 200, "text/html; charset=utf-8", GARBAGE
            self.send_response(status)
            self.send_header("Content-Type", content_type or "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    proxy = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{proxy.server_address[1]}/"
    finally:
        proxy.shutdown()
        proxy.server_close()


def test_an_undecodable_thread_page_is_counted_and_not_parsed(sample_site, tmp_path):
    forum, server = sample_site
    thread = max(forum.threads, key=lambda t: t.page_count)
    db_url = f"sqlite:///{tmp_path / 'one-garbled.db'}"
    with garbling_proxy(server.url, f"/forum.php?mod=viewthread&tid={thread.thread_id}&page=2") as url:
        result = run_cli("crawl", url + "forum.php", "--db", db_url, *FAST)
    assert "Traceback" not in result.stderr
    tables = dump(db_url)
    [run] = tables["crawl_runs"]
    assert json.loads(run["stats"])["forum_harvest/pages/undecodable"] == 1
    assert not [p for p in tables["posts"] if FFFD in (p["body"] or "") + (p["author"] or "")]
    got, expected = exported(db_url), truth(forum)
    missing = set(expected) - set(got)
    assert missing and {tid for tid, _ in missing} == {thread.thread_id}  # that page's posts only
    assert all(got[key] == expected[key] for key in got)


def test_an_undecodable_start_page_is_one_line_and_stores_nothing(sample_site, tmp_path):
    _, server = sample_site
    db_file = tmp_path / "garbage.db"
    with garbling_proxy(server.url, "/forum.php") as url:
        result = run_cli("crawl", url + "forum.php", "--db", f"sqlite:///{db_file}", *FAST)
    assert result.returncode != 0
    assert f"undecodable page {url}forum.php: bytes are neither UTF-8 nor GBK/GB18030" in result.stderr
    assert "Traceback" not in result.stderr
    assert not db_file.exists() or not dump(f"sqlite:///{db_file}")["posts"]
