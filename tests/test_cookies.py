"""Cookies are Scrapy's, checked against a Public Suffix List that a crawl never fetches unless
``FORUM_PUBLIC_SUFFIX_LIST_URLS`` names one (scraper/cookies.py)."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares import cookies as scrapy_cookies
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from scraper.cookies import SuffixListCookiesMiddleware
from tests.conftest import FAST, run_cli
from tests.postgres import free_port

SESSION_COOKIE = "fh_saltkey=k3Yq9Z"


class ConnectionRecorder:
    """A loopback port that records the first bytes of every connection made to it and closes
    it: the ``HTTPS_PROXY`` of a crawl, so that any attempt to reach the internet shows."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.connections: list[bytes] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed: the test is over
                return
            with connection:
                connection.settimeout(5)
                try:
                    self.connections.append(connection.recv(200))
                except OSError:
                    self.connections.append(b"")

    def __enter__(self) -> ConnectionRecorder:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.listener.close()
        self._thread.join(10)


def test_a_crawl_of_a_site_setting_cookies_sends_them_back_and_fetches_no_suffix_list(tmp_path, monkeypatch):
    """A fresh install (empty tldextract cache), no network: the cookie the site sets is sent
    back, nothing tries to reach publicsuffix.org, nothing is logged about it."""
    from forum_harvest.sample_forum import SampleForum, start_server

    # A new interpreter: a forked one would hold Scrapy's extractor built before $TLDEXTRACT_CACHE.
    monkeypatch.setenv("FH_TEST_FRESH_PROCESSES", "1")
    server = start_server(SampleForum.build(), port=0)
    server.set_cookies = [SESSION_COOKIE + "; path=/; HttpOnly"]
    try:
        with ConnectionRecorder() as proxy:
            env = {"TLDEXTRACT_CACHE": str(tmp_path / "tldextract"), "HTTPS_PROXY": proxy.url,
                   "https_proxy": proxy.url, "NO_PROXY": "", "no_proxy": ""}
            result = run_cli("crawl", server.url + "forum.php", "--db", f"sqlite:///{tmp_path / 'forum.db'}",
                             "--no-warc", "-v", *FAST, env=env)
    finally:
        server.stop()
    assert proxy.connections == [], proxy.connections
    log = (result.stdout + result.stderr).splitlines()
    complaints = [line for line in log if "] ERROR: " in line or "] WARNING: tldextract" in line
                  or "Traceback" in line or "publicsuffix" in line.lower()]
    assert (result.returncode, complaints) == (0, []), result.stderr[-3000:]
    assert server.request_cookies[0] is None, server.requests[0]
    assert len(server.requests) > 2 and all(SESSION_COOKIE in (cookies or "")
                                            for cookies in server.request_cookies[1:]), server.request_cookies


def cookie_sent_back(middleware: SuffixListCookiesMiddleware, host: str, set_cookie: str) -> str | None:
    """The Cookie header the middleware sends to ``host`` after ``host`` answered ``set_cookie``
    (in memory: nothing is connected to)."""
    first = Request(f"http://{host}/forum.php")
    middleware.process_request(first)
    middleware.process_response(first, Response(first.url, headers={"Set-Cookie": set_cookie}, request=first))
    following = Request(f"http://{host}/forum.php?mod=forumdisplay&fid=2")
    middleware.process_request(following)
    cookie = following.headers.get("Cookie")
    return cookie.decode() if cookie else None


@pytest.fixture
def restored_scrapy_extractor(monkeypatch, tmp_path):
    """Scrapy's module-level extractor put back after the test; tldextract's cache in tmp_path."""
    monkeypatch.setattr(scrapy_cookies, "_split_domain", scrapy_cookies._split_domain)
    monkeypatch.setenv("TLDEXTRACT_CACHE", str(tmp_path / "tldextract"))


def middleware_with(settings: dict[str, object]) -> SuffixListCookiesMiddleware:
    return SuffixListCookiesMiddleware.from_crawler(get_crawler(settings_dict=settings))


def test_a_cookie_for_a_public_suffix_is_refused_as_scrapy_does(restored_scrapy_extractor):
    """github.io is a (private) suffix of the bundled list; Python's cookie policy alone would take it."""
    middleware = middleware_with({})
    assert cookie_sent_back(middleware, "someone.github.io", "a=1; Domain=github.io") is None
    assert cookie_sent_back(middleware, "someone.github.io", "b=2; Domain=someone.github.io") == "b=2"
    assert cookie_sent_back(middleware, "bbs.example.cn", "c=3; Domain=example.cn") == "c=3"


def test_the_suffix_list_urls_setting_is_the_list_used(restored_scrapy_extractor, tmp_path: Path):
    suffix_list = tmp_path / "suffixes.dat"
    suffix_list.write_text("// ===BEGIN ICANN DOMAINS===\nshared.test\n", encoding="utf-8")
    with_list = middleware_with({"FORUM_PUBLIC_SUFFIX_LIST_URLS": [suffix_list.as_uri()]})
    assert cookie_sent_back(with_list, "a.shared.test", "a=1; Domain=shared.test") is None
    bundled = middleware_with({})
    assert cookie_sent_back(bundled, "a.shared.test", "a=1; Domain=shared.test") == "a=1"


def test_a_suffix_list_url_that_is_no_url_is_one_line(tmp_path):
    result = run_cli("crawl", f"http://127.0.0.1:{free_port()}/forum.php", "--db", f"sqlite:///{tmp_path / 'forum.db'}",
                     "-s", "FORUM_PUBLIC_SUFFIX_LIST_URLS=publicsuffix.org/list")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "FORUM_PUBLIC_SUFFIX_LIST_URLS: 'publicsuffix.org/list' is not a URL" in lines[0], lines[0]
