"""What a refusing site sends is told from the forum's own pages, message pages included."""

from __future__ import annotations

import pytest

from forum_harvest.sample_forum.protection import CC_PROTECTION, JS_CHALLENGE, LOGIN_FORM, WAF_PAGE
from scraper.page_checks import parse_retry_after
from scraper.refusal import refusal_of
from tests.conftest import FIXTURES

URL = "https://bbs.example.org/forum.php?mod=viewthread&tid=1"
# The shapes real protections use (made up here, after their well-known markers).
CDN_CHALLENGE = ("<html><head><title>Just a moment...</title></head><body><script>"
                 "window._cf_chl_opt={cType:'managed'};</script></body></html>")
ALIYUN_CHALLENGE = "<html><script>var arg1='3F1C';document.cookie='acw_sc__v2='+x;location.reload();</script></html>"
ENTITY_CC = ("<html><head><title>&#x9891;&#x7e41;&#x5237;&#x65b0;&#x9650;&#x5236;</title></head>"
             "<body>&#x9891;&#x7e41;&#x5237;&#x65b0;&#x9650;&#x5236;</body></html>")


@pytest.mark.parametrize(("status", "url", "text", "kind"), [
    (200, URL, JS_CHALLENGE, "js-challenge"),
    (200, URL, CDN_CHALLENGE, "js-challenge"),
    (503, URL, CDN_CHALLENGE, "js-challenge"),
    (200, URL, ALIYUN_CHALLENGE, "js-challenge"),
    (200, URL, CC_PROTECTION, "cc-protection"),
    (200, URL, ENTITY_CC, "cc-protection"),
    (403, URL, WAF_PAGE.format(status=403), "waf"),
    (503, URL, WAF_PAGE.format(status=503), "waf"),
    (200, "https://bbs.example.org/member.php?mod=logging&action=login", LOGIN_FORM, "login-form"),
    (200, "https://bbs.example.org/login.html", LOGIN_FORM, "login-form"),
    (429, URL, "", "throttled"),
])
def test_refusals_are_recognised(status, url, text, kind):
    refusal = refusal_of(status, url, text)
    assert refusal is not None and refusal.kind == kind


@pytest.mark.parametrize("page", sorted(path.name for path in (FIXTURES / "discuz-x35").glob("*.html")))
def test_real_forum_pages_are_not_refusals(page):
    text = (FIXTURES / "discuz-x35" / page).read_text(encoding="utf-8")
    assert refusal_of(200, URL, text) is None


def test_a_discuz_message_page_is_not_a_refusal(sample_site):
    import urllib.request

    _, server = sample_site
    for path in ("forum.php?mod=viewthread&tid=99999", "home.php?mod=space"):
        with urllib.request.urlopen(server.url + path) as answer:
            assert refusal_of(200, server.url + path, answer.read().decode()) is None


def test_a_xenforo_error_page_is_not_a_refusal():
    """XenForo answers "no permission" with HTTP 403 and its own page, not a firewall's."""
    from forum_harvest.sample_forum import SampleForum, render

    forum = SampleForum.build()
    forbidden = next(t for t in forum.threads if not t.readable)
    page = render(forum, f"/threads/{forbidden.thread_id}/", engine="xenforo")
    assert "You do not have permission" in page
    assert refusal_of(403, URL, page) is None


def test_an_invision_error_page_is_not_a_refusal():
    """Invision answers "no permission" with HTTP 403 and its own ``body.ipsApp`` page; a page of
    the same words without it is a firewall's."""
    from forum_harvest.sample_forum import SampleForum, render

    forum = SampleForum.build()
    forbidden = next(t for t in forum.threads if not t.readable)
    page = render(forum, f"/topic/{forbidden.thread_id}-x/", engine="invision")
    assert "You do not have permission to view this content." in page
    assert refusal_of(403, URL, page) is None
    assert refusal_of(403, URL, page.replace("ipsApp", "app")).kind == "waf"


def test_an_ordinary_server_error_is_not_a_refusal():
    assert refusal_of(500, URL, "<html><body>Internal Server Error</body></html>") is None
    assert refusal_of(503, URL, "<html><body>Service Unavailable</body></html>") is None


@pytest.mark.parametrize(("header", "seconds"), [("120", 120.0), ("", None), ("soon", None)])
def test_retry_after_in_seconds(header, seconds):
    assert parse_retry_after(header) == seconds


def test_retry_after_as_an_http_date():
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: now
    assert 3500 < parse_retry_after(_http_date_in(3600)) <= 3600


def _http_date_in(seconds: int) -> str:
    import time
    from email.utils import formatdate

    return formatdate(time.time() + seconds, usegmt=True)


@pytest.mark.parametrize("look, path", [
    ({"skin": "d7"}, "/viewthread.php?tid=2"),  # a small paid-thread page: onclick="window.location.href=…"
    ({"skin": "d7"}, "/index.php"), ({"skin": "custom"}, "/forum.php?mod=viewthread&tid=2"),
    ({"skin": "touch"}, "/forum.php?mod=viewthread&tid=13"), ({"skin": "d7"}, "/archiver/?tid-13.html"),
    ({"real_archiver": True}, "/archiver/?tid-13.html"),
])
def test_pages_of_every_family_are_not_refusals(sample_site, look, path):
    """A script that reloads is a challenge only in a <script>, not in a button's onclick."""
    from forum_harvest.sample_forum import render

    forum, _ = sample_site
    assert refusal_of(200, "http://h" + path, render(forum, path, **look)) is None


def test_a_post_quoting_a_protection_page_is_no_refusal():
    """Posts may discuss CC protection or firewalls in the engine's own words."""
    page = (FIXTURES / "discuz-x35" / "viewthread-tid2-page2.html").read_text(encoding="utf-8")
    body = page.index(">", page.index('id="postmessage_')) + 1
    quoted = page[:body] + "频繁刷新限制：您访问本站速度过快，网站防火墙拦截 Access Denied" + page[body:]
    assert refusal_of(200, URL, quoted) is None
    assert refusal_of(503, URL, quoted) is None
